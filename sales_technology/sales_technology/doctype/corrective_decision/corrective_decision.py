# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, flt, getdate, today

from sales_technology.core.corrective_decisions import check_measurable, check_month_ended
from sales_technology.core.periods import Period, PeriodType, period_containing
from sales_technology.kpi.plan_fact import facts_for
from sales_technology.plans import approval
from sales_technology.shared.org_structure import company_of
from sales_technology.shared.validation import SalesRuleError, enforce


class DecisionRefused(SalesRuleError):
	pass


class CorrectiveDecision(Document):
	def before_validate(self) -> None:
		self.company = self.company or company_of(self.sales_person)

	def validate(self) -> None:
		month = period_containing(getdate(self.period_start), PeriodType.MONTH)
		self.period_start, self.period_end = month.start, month.end
		enforce(check_month_ended, month.end, getdate(today()), exc=DecisionRefused)
		following = period_containing(add_days(month.end, 1), PeriodType.MONTH)
		self.next_period_start, self.next_period_end = following.start, following.end
		enforce(
			check_measurable,
			self.target_kpi,
			None if self.expected_value is None else flt(self.expected_value),
			exc=DecisionRefused,
		)
		self.validate_target_kpi()
		self.set_problem_figures()
		approval.validate_transition(self)

	def validate_target_kpi(self) -> None:
		kpi = frappe.get_cached_value("Sales KPI", self.target_kpi, ["aggregate", "for_month"], as_dict=True)
		if not (kpi and kpi.aggregate and kpi.for_month):
			frappe.throw(
				_(
					"KPI {0} has no monthly fact to measure the decision by: choose a KPI planned by the month"
				).format(frappe.bold(self.target_kpi)),
				exc=DecisionRefused,
			)

	def set_problem_figures(self) -> None:
		"""The behind KPI's target (the node's approved month plan) and fact, as the lead saw them."""
		if not self.problem_kpi or self.docstatus:
			return

		plan = frappe.db.get_value(
			"Sales Plan",
			{
				"sales_person": self.sales_person,
				"period_type": "Month",
				"period_start": self.period_start,
				"docstatus": 1,
			},
		)
		self.problem_target = (
			flt(frappe.db.get_value("Sales Plan Target", {"parent": plan, "kpi": self.problem_kpi}, "target"))
			if plan
			else 0
		)
		period = Period(getdate(self.period_start), getdate(self.period_end), PeriodType.MONTH)
		facts = facts_for({self.problem_kpi}, [self.sales_person], period, self.company)
		self.problem_fact = flt(
			facts.get(self.problem_kpi, {}).get((self.sales_person, getdate(self.period_start), ""), 0)
		)

	def on_cancel(self) -> None:
		frappe.throw(_("An approved decision is not cancelled: record a new one"), exc=DecisionRefused)
