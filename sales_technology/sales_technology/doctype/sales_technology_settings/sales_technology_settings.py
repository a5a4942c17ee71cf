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
		self.validate_holiday_list()
		self.validate_deal_days()
		self.validate_main_kpis()

	def validate_main_kpis(self) -> None:
		from sales_technology.core.main_kpis import check_main_kpis
		from sales_technology.validation import enforce

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
