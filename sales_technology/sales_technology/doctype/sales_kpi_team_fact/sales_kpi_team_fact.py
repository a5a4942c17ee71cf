# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class SalesKPITeamFact(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		company: DF.Link | None
		counted: DF.Int
		dimension: DF.Data | None
		kpi: DF.Link
		period_start: DF.Date
		period_type: DF.Literal["Week", "Month", "Quarter", "Year"]
		sales_person: DF.Link
		total: DF.Float
	# end: auto-generated types

	# written by the KPI facts' keeping only (kpi/team_facts.py), from the people's kept facts; its index
	# is setup/install.py's KPI_INDEXES "st_team_facts"
	pass
