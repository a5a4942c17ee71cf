# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate

from sales_technology.activities.day_plans import day_progress
from sales_technology.core.periods import Period, PeriodType, period_starting
from sales_technology.core.plan_rules import (
	PlanRef,
	TargetRow,
	check_correction,
	check_parent,
	check_targets,
	plan_kind,
)
from sales_technology.kpi.plan_fact import plan_vs_fact
from sales_technology.plans import approval, coverage
from sales_technology.shared.access import get_scope
from sales_technology.shared.org_structure import get_ancestors
from sales_technology.shared.settings import site_language
from sales_technology.shared.validation import SalesRuleError, enforce
from sales_technology.shared.work_calendar import get_fiscal_year_start_month, is_working_day


class DuplicatePlanError(SalesRuleError):
	pass


class MixedDistributionError(SalesRuleError):
	"""Children down the calendar and to the team under one plan."""


class CorrectionDirectionRefused(SalesRuleError):
	"""An amendment that would make a cancelled plan less demanding."""


class SalesPlan(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_technology.sales_technology.doctype.sales_plan_correction_log.sales_plan_correction_log import (
			SalesPlanCorrectionLog,
		)
		from sales_technology.sales_technology.doctype.sales_plan_target.sales_plan_target import (
			SalesPlanTarget,
		)

		amended_from: DF.Link | None
		company: DF.Link
		corrections: DF.Table[SalesPlanCorrectionLog]
		coverage_html: DF.HTML | None
		has_uncovered_targets: DF.Check
		monthly_distribution: DF.Link | None
		naming_series: DF.Literal["SAL-PLN-.YYYY.-"]
		notes: DF.TextEditor | None
		parent_plan: DF.Link | None
		plan_key: DF.Data | None
		period_end: DF.Date | None
		period_label: DF.Data | None
		period_start: DF.Date
		period_type: DF.Literal["Year", "Quarter", "Month", "Week", "Day"]
		plan_kind: DF.Literal["Strategic", "Operational"]
		rep_may_edit: DF.Check
		sales_person: DF.Link
		sent_for_approval_by: DF.Link | None
		targets: DF.Table[SalesPlanTarget]
		title: DF.Data | None
		workflow_state: DF.Link | None
	# end: auto-generated types

	def onload(self) -> None:
		self.set_onload("currency", frappe.get_cached_value("Company", self.company, "default_currency"))
		manageable = get_scope().manageable
		self.set_onload("can_manage", manageable is None or self.sales_person in manageable)
		if not self.is_new():
			self.set_onload("coverage", coverage.coverage_rows(self))
			if self.docstatus == 1:
				self.set_onload("plan_fact", plan_vs_fact([self]).get(self.name, []))
			if self.period_type == PeriodType.DAY.value:
				self.set_onload("day_progress", day_progress(self))

	def validate(self) -> None:
		self.set_period()
		self.validate_working_day()
		self.validate_parent_plan()
		self.validate_targets()
		self.validate_unique_period()
		self.plan_key = "|".join(
			str(value) for value in (self.company, self.sales_person, self.period_type, self.period_start)
		)
		self.validate_amendment()
		approval.validate_transition(self)

	def before_submit(self) -> None:
		for row in self.targets:
			row.approved_target = row.target

	def on_submit(self) -> None:
		coverage.refresh_parent_coverage(self)

	def before_cancel(self) -> None:
		approval.validate_cancel(self)

	def on_cancel(self) -> None:
		self.db_set("plan_key", None, update_modified=False)  # its amendment takes the node and period
		coverage.refresh_parent_coverage(self)

	def on_trash(self) -> None:
		coverage.refresh_parent_coverage(self, excluding=self.name)

	def set_period(self) -> None:
		fiscal_start = get_fiscal_year_start_month(self.company, self.period_start)
		period = enforce(period_starting, getdate(self.period_start), self.period_type, fiscal_start)
		self.period_end = period.end
		self.period_label = period.label(fiscal_start)
		self.plan_kind = plan_kind(self.period_type)
		# stored and read by everyone: in the site's language, not the language of whoever saved it
		self.title = f"{self.sales_person} · {_(self.period_type, lang=site_language())} {self.period_label}"
		if self.period_type != PeriodType.WEEK.value:
			self.rep_may_edit = 0

	def validate_working_day(self) -> None:
		if self.period_type == PeriodType.DAY.value and not is_working_day(self.company, self.period_start):
			frappe.throw(
				_("{0} is not a working day: a Day plan is made for working days only").format(
					frappe.bold(frappe.format(self.period_start, "Date"))
				),
				exc=SalesRuleError,
			)

	def as_plan_ref(self) -> PlanRef:
		return plan_ref(
			self.name, self.company, self.sales_person, self.period_type, self.period_start, self.period_end
		)

	def validate_parent_plan(self) -> None:
		parent = None
		if self.parent_plan:
			values = frappe.db.get_value(
				"Sales Plan",
				self.parent_plan,
				["company", "sales_person", "period_type", "period_start", "period_end", "docstatus"],
				as_dict=True,
			)
			if not values or values.docstatus == 2:
				frappe.throw(
					_("The parent plan {0} is cancelled or does not exist").format(
						frappe.bold(self.parent_plan)
					),
					exc=SalesRuleError,
				)
			parent = plan_ref(
				self.parent_plan,
				values.company,
				values.sales_person,
				values.period_type,
				values.period_start,
				values.period_end,
			)
		enforce(check_parent, self.as_plan_ref(), parent, get_ancestors(self.sales_person))
		if parent:
			self.validate_one_way_of_distribution(parent.sales_person)

	def validate_one_way_of_distribution(self, parent_node: str) -> None:
		"""A plan is split either down the calendar (its own node's plans one level down) or to its team
		(the child nodes' plans), not both: its coverage would count both sets of children."""
		down_the_calendar = parent_node == self.sales_person
		other_kind = frappe.db.get_value(
			"Sales Plan",
			{
				"parent_plan": self.parent_plan,
				"docstatus": ("<", 2),
				"name": ("!=", self.name or ""),
				"sales_person": ("!=", parent_node) if down_the_calendar else parent_node,
			},
		)
		if other_kind:
			frappe.throw(
				_(
					"Plan {0} is already split {1} ({2}); a plan is split either down the calendar or to the "
					"team, not both, or its coverage would count both"
				).format(
					frappe.bold(self.parent_plan),
					_("to the team") if down_the_calendar else _("down the calendar"),
					frappe.get_desk_link("Sales Plan", other_kind),
				),
				title=_("One Way of Distribution"),
				exc=MixedDistributionError,
			)

	def validate_targets(self) -> None:
		kpis = {row.kpi for row in self.targets}
		definitions = {
			kpi.name: kpi
			for kpi in frappe.get_all(
				"Sales KPI",
				filters={"name": ("in", list(kpis) or [""])},
				fields=[
					"name",
					"kpi_name",
					"enabled",
					"dimension",
					"additive",
					"direction",
					"unit",
					"for_year",
					"for_quarter",
					"for_month",
					"for_week",
					"for_day",
				],
			)
		}
		for row in self.targets:
			kpi = definitions.get(row.kpi)
			if kpi and not kpi.enabled and not self.docstatus:
				frappe.throw(_("KPI {0} is disabled").format(frappe.bold(row.kpi)), exc=SalesRuleError)
			if kpi:
				row.kpi_name, row.additive, row.direction, row.unit = (
					kpi.kpi_name,
					kpi.additive,
					kpi.direction,
					kpi.unit,
				)
			row.dimension = kpi.dimension if kpi and kpi.dimension else None
			if not row.dimension:
				row.dimension_value = None
		periods = {
			name: [p for p in ("Year", "Quarter", "Month", "Week", "Day") if kpi.get(f"for_{p.lower()}")]
			for name, kpi in definitions.items()
		}
		rows = [TargetRow(row.kpi, row.dimension_value, flt(row.target)) for row in self.targets]
		enforce(check_targets, rows, self.period_type, periods)

	def validate_amendment(self) -> None:
		"""An amended plan may not be less demanding than the one it replaces: cancelling and amending is
		no way round the upward-only rule of corrections."""
		if not self.amended_from or self.docstatus:
			return
		new = {(row.kpi, row.dimension_value or ""): row for row in self.targets}
		for old in frappe.get_all(
			"Sales Plan Target",
			filters={"parent": self.amended_from, "parenttype": "Sales Plan"},
			fields=["kpi", "dimension_value", "target", "direction"],
		):
			row = new.get((old.kpi, old.dimension_value or ""))
			if row is None:
				frappe.throw(
					_("KPI {0} of the cancelled plan {1} cannot be dropped from its amendment").format(
						frappe.bold(old.kpi), frappe.bold(self.amended_from)
					),
					exc=CorrectionDirectionRefused,
				)
			enforce(
				check_correction,
				old.kpi,
				old.direction,
				flt(old.target),
				flt(row.target),
				exc=CorrectionDirectionRefused,
			)

	def validate_unique_period(self) -> None:
		duplicate = frappe.db.get_value(
			"Sales Plan",
			{
				"company": self.company,
				"sales_person": self.sales_person,
				"period_type": self.period_type,
				"period_start": self.period_start,
				"docstatus": ("<", 2),
				"name": ("!=", self.name),
			},
		)
		if duplicate:
			frappe.throw(
				_("{0} already has a {1} plan for {2}: {3}").format(
					frappe.bold(self.sales_person),
					_(self.period_type),
					self.period_label,
					frappe.get_desk_link("Sales Plan", duplicate),
				),
				title=_("Duplicate Plan"),
				exc=DuplicatePlanError,
			)


def plan_ref(name, company, sales_person, period_type, period_start, period_end) -> PlanRef:
	return PlanRef(
		name,
		company,
		sales_person,
		Period(getdate(period_start), getdate(period_end), PeriodType(period_type)),
	)
