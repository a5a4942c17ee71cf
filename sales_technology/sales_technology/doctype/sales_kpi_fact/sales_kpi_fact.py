# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class SalesKPIFact(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		company: DF.Link | None
		counted: DF.Int
		day: DF.Date
		dimension: DF.Data | None
		kpi: DF.Link
		per_month: DF.Check
		sales_person: DF.Link
		total: DF.Float
		value_key: DF.Data | None
	# end: auto-generated types

	# written by the KPI facts' keeping only (kpi/kept_facts.py); its index is setup/install.py's
	# KPI_INDEXES "st_kept_facts"
	pass
