"""The conversions and the call-to-meeting iterations became plain KPIs over the funnel steps kept on each
activity (core/next_steps.py), and the cross-sales over the mark kept on each order line
(overrides/sales_order.py): both are written for every activity and line once, the parts of the
conversions are added, and the standard KPIs still computed by their retired Python methods take the
new computation (a head's own computation of them is kept)."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from sales_technology.activities.next_steps import refresh_all
from sales_technology.core.kpi_definition import COMPUTATION_FIELDS
from sales_technology.overrides.sales_order import refresh_all_cross_sales
from sales_technology.setup.custom_fields import CUSTOM_FIELDS
from sales_technology.setup.install import create_standard_kpis
from sales_technology.setup.standard_kpis import COMPUTATIONS

RETIRED = {
	"CALL_MEETING_ITERATIONS": "sales_technology.kpi.methods.call_meeting_iterations",
	"CONV_COLD_CALL_TO_MEETING": "sales_technology.kpi.methods.cold_call_to_meeting",
	"CONV_COLD_MEETING_TO_WORKING": "sales_technology.kpi.methods.cold_meeting_to_working_meeting",
	"CONV_TO_TERMS_MEETING": "sales_technology.kpi.methods.needs_to_terms_meeting",
	"CROSS_SALES_COUNT": "sales_technology.kpi.methods.cross_sales_count",
	"CROSS_SALES_AMOUNT": "sales_technology.kpi.methods.cross_sales_amount",
}


def execute() -> None:
	create_custom_fields(CUSTOM_FIELDS, ignore_validate=True)
	refresh_all()
	refresh_all_cross_sales()
	create_standard_kpis()
	for code, method in RETIRED.items():
		if not frappe.db.exists("Sales KPI", {"name": code, "is_standard": 1, "method": method}):
			continue
		kpi = frappe.get_doc("Sales KPI", code)
		computation = COMPUTATIONS[code]
		kpi.update({field: computation.get(field) for field in COMPUTATION_FIELDS})
		kpi.update(
			{
				"method": None,
				"numerator_kpi": computation.get("numerator_kpi"),
				"denominator_kpi": computation.get("denominator_kpi"),
			}
		)
		kpi.save(ignore_permissions=True)
