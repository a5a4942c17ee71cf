# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.partners.programme import keep_programme


class PartnerProgramme(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		next_due: DF.Date | None
		next_step: DF.Data | None
		sales_partner: DF.Link
		sales_person: DF.Link
		start_date: DF.Date
		status: DF.Literal["Active", "Completed", "Cancelled"]
		steps_done: DF.Int
		steps_overdue: DF.Int
		steps_total: DF.Int
	# end: auto-generated types

	def validate(self) -> None:
		keep_programme(self)
