# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint

from sales_technology.core.main_kpis import check_main_kpis
from sales_technology.incoming.web_form import publish_request_choices
from sales_technology.shared.validation import enforce

# settings the code reads as they are: mandatory in the doctype, never below these
SETTING_MINIMUMS = {
	"stale_deal_days": 1,
	"max_deal_duration_days": 1,
	"loss_request_days": 1,
	"matrix_idle_weeks": 1,
	"competitor_stale_days": 1,
	"incoming_first_contact_hours": 1,
	"incoming_requests_per_hour": 0,  # 0: no limit
	"weekly_every_weeks": 1,
	"month_review_due_day": 1,
	"quarter_review_due_day": 1,
}


class SalesTechnologySettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_technology.sales_technology.doctype.sales_main_kpi.sales_main_kpi import SalesMainKPI

		daily_report_deadline: DF.Time
		funnel_training_gap: DF.Float
		key_funnel: DF.Link | None
		main_kpis: DF.TableMultiSelect["SalesMainKPI"]
		holiday_list: DF.Link | None
		max_deal_duration_days: DF.Int
		plan_year_alignment: DF.Literal["Calendar Year", "ERPNext Fiscal Year"]
		rep_backdating_days: DF.Int
		stale_deal_days: DF.Int
		working_day_source: DF.Literal["Company Holiday List", "Holiday List", "Monday to Friday"]
	# end: auto-generated types

	def validate(self) -> None:
		self.validate_minimums()
		self.validate_holiday_list()
		self.validate_deal_days()
		self.validate_main_kpis()

	def on_update(self) -> None:
		publish_request_choices(self)

	def validate_minimums(self) -> None:
		"""The code reads these as they are, with no default typed again: none may be below its minimum."""
		for fieldname, minimum in SETTING_MINIMUMS.items():
			if cint(self.get(fieldname)) < minimum:
				frappe.throw(
					_("{0} must be at least {1}").format(
						frappe.bold(_(self.meta.get_label(fieldname))), minimum
					),
					title=_("Setting Too Low"),
					exc=frappe.ValidationError,
				)

	def validate_main_kpis(self) -> None:

		enforce(check_main_kpis, [row.kpi for row in self.get("main_kpis") or []])
		if self.key_funnel and not frappe.db.exists(
			"Sales Funnel Stage", {"parent": self.key_funnel, "parenttype": "Sales Funnel", "is_key_stage": 1}
		):
			frappe.throw(
				_("The funnel {0} has no key stage: mark one of its stages as the key stage first").format(
					frappe.bold(self.key_funnel)
				)
			)

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
		if self.stale_deal_days > self.max_deal_duration_days:
			frappe.throw(
				_("A deal cannot go stale ({0} days) later than its maximum duration ({1} days)").format(
					self.stale_deal_days, self.max_deal_duration_days
				)
			)
