# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class SalesTechnologySettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		daily_report_deadline: DF.Time
		funnel_training_gap: DF.Float
		holiday_list: DF.Link | None
		max_deal_duration_days: DF.Int
		plan_year_alignment: DF.Literal["Calendar Year", "ERPNext Fiscal Year"]
		rep_backdating_days: DF.Int
		stale_deal_days: DF.Int
		working_day_source: DF.Literal["Company Holiday List", "Holiday List", "Monday to Friday"]
	# end: auto-generated types

	def validate(self) -> None:
		self.validate_holiday_list()
		self.validate_deal_days()

	def validate_holiday_list(self) -> None:
		if self.working_day_source == "Holiday List" and not self.holiday_list:
			frappe.throw(
				_("Choose the Holiday List that decides the working days"),
				exc=frappe.MandatoryError,
				title=_("Missing Holiday List"),
			)
		if self.working_day_source != "Holiday List":
			self.holiday_list = None

	def validate_deal_days(self) -> None:
		if self.stale_deal_days < 1:
			frappe.throw(_("Days without activity before a deal is stale must be at least 1"))
		if self.max_deal_duration_days < 1:
			frappe.throw(_("Maximum deal duration must be at least 1 day"))
		if self.stale_deal_days > self.max_deal_duration_days:
			frappe.throw(
				_("A deal cannot go stale ({0} days) later than its maximum duration ({1} days)").format(
					self.stale_deal_days, self.max_deal_duration_days
				)
			)
