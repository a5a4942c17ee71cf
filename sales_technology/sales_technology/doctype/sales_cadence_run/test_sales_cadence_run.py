# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

# Lead, Prospect and Customer link their running cadence (st_cadence_run): when Frappe builds ERPNext's test
# records for them it follows that link here, and from a run's activities on to Opportunity, whose records
# name a Lead not yet made. A run's records need neither its activities nor their deals. The run's own
# behaviour is tested in sales_technology/tests/test_sales_cadences.py.
test_ignore = ["Sales Activity", "Opportunity", "Lead", "Prospect", "Customer"]
