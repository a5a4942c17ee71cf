# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate, now_datetime, today

from sales_technology.core.periods import Period, PeriodType
from sales_technology.core.plan_rules import check_correction
from sales_technology.kpi.plan_fact import facts_for
from sales_technology.plans import approval
from sales_technology.plans.coverage import refresh_coverage, refresh_parent_coverage
from sales_technology.shared.validation import SalesRuleError, enforce


class PlanNotCorrectable(SalesRuleError):
	pass


class CorrectionRefused(SalesRuleError):
	"""A correction that would make the plan less demanding."""


class PlanCorrection(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from sales_technology.sales_technology.doctype.plan_correction_item.plan_correction_item import (
			PlanCorrectionItem,
		)

		amended_from: DF.Link | None
		approved_by: DF.Link | None
		company: DF.Link | None
		fact_period_end: DF.Date | None
		fact_period_start: DF.Date | None
		items: DF.Table[PlanCorrectionItem]
		naming_series: DF.Literal["PLN-COR-.YYYY.-"]
		period_end: DF.Date | None
		period_label: DF.Data | None
		period_type: DF.Data | None
		reason: DF.SmallText
		sales_person: DF.Link | None
		sales_plan: DF.Link
		sent_for_approval_by: DF.Link | None
		workflow_state: DF.Link | None
	# end: auto-generated types

	def onload(self) -> None:
		self.set_onload("facts", self.fact_of_period())

	def fact_of_period(self) -> dict[str, float]:
		"""The fact of each corrected KPI over the period that motivated the correction."""
		if not (self.fact_period_start and self.fact_period_end and self.sales_person and self.items):
			return {}

		period = Period(
			getdate(self.fact_period_start), getdate(self.fact_period_end), PeriodType(self.period_type)
		)
		facts = facts_for({item.kpi for item in self.items}, [self.sales_person], period, self.company)
		return {
			kpi: sum(
				value for (node, _bucket, _dimension), value in by_key.items() if node == self.sales_person
			)
			for kpi, by_key in facts.items()
		}

	def validate(self) -> None:
		self.plan = frappe.get_doc("Sales Plan", self.sales_plan)
		self.copy_plan_details()
		self.validate_plan_is_correctable()
		self.validate_fact_period()
		self.validate_items()
		approval.validate_transition(self)

	def before_submit(self) -> None:
		# two corrections of one plan approved at the same moment: the second waits here for the first to
		# commit, then is checked against the targets the first put in force
		frappe.db.get_value("Sales Plan", self.sales_plan, "name", for_update=True)
		self.plan = frappe.get_doc("Sales Plan", self.sales_plan)
		self.validate_plan_is_correctable()
		self.validate_items()
		self.approved_by = frappe.session.user

	def on_submit(self) -> None:
		self.apply_to_plan()

	def on_cancel(self) -> None:
		frappe.throw(
			_("An approved correction cannot be cancelled; write a new correction instead"),
			exc=PlanNotCorrectable,
		)

	def copy_plan_details(self) -> None:
		for fieldname in ("company", "sales_person", "period_type", "period_label", "period_end"):
			self.set(fieldname, self.plan.get(fieldname))

	def validate_plan_is_correctable(self) -> None:
		if self.plan.docstatus != 1:
			frappe.throw(
				_("Only an approved plan is corrected; {0} can still be edited directly").format(
					frappe.bold(self.sales_plan)
				),
				exc=PlanNotCorrectable,
			)
		if getdate(self.plan.period_end) < getdate(today()):
			frappe.throw(
				_("The period of plan {0} ended on {1}; an ended plan cannot be corrected").format(
					frappe.bold(self.sales_plan), frappe.format(self.plan.period_end, "Date")
				),
				exc=PlanNotCorrectable,
			)

	def validate_fact_period(self) -> None:
		if self.fact_period_start and self.fact_period_end:
			if getdate(self.fact_period_end) < getdate(self.fact_period_start):
				frappe.throw(_("The fact period cannot end before it starts"), exc=SalesRuleError)

	def validate_items(self) -> None:
		targets = {(row.kpi, row.dimension_value or ""): row for row in self.plan.targets}
		seen = set()
		changed = False
		for item in self.items:
			key = (item.kpi, item.dimension_value or "")
			target = targets.get(key)
			if not target:
				frappe.throw(
					_("Row {0}: plan {1} has no target for KPI {2}{3}").format(
						item.idx,
						frappe.bold(self.sales_plan),
						frappe.bold(item.kpi),
						f" ({item.dimension_value})" if item.dimension_value else "",
					),
					exc=SalesRuleError,
				)
			if key in seen:
				frappe.throw(
					_("Row {0}: KPI {1} is corrected twice").format(item.idx, frappe.bold(item.kpi)),
					exc=SalesRuleError,
				)
			seen.add(key)
			item.current_target = target.target
			item.direction = target.direction
			enforce(
				check_correction,
				item.kpi,
				target.direction,
				flt(target.target),
				flt(item.new_target),
				exc=CorrectionRefused,
			)
			changed = changed or flt(item.new_target) != flt(target.target)
		if not changed:
			frappe.throw(_("The correction changes no target"), exc=SalesRuleError)

	def apply_to_plan(self) -> None:
		"""Put the new targets in force on the (submitted) plan, log every change on it and leave a Version
		(who, when, from, to) in the plan's history."""
		before = frappe.get_doc("Sales Plan", self.sales_plan)
		targets = {(row.kpi, row.dimension_value or ""): row for row in self.plan.targets}
		approved_on = now_datetime()
		for item in self.items:
			target = targets[(item.kpi, item.dimension_value or "")]
			if flt(item.new_target) == flt(target.target):
				continue
			target.db_set("target", flt(item.new_target), update_modified=False)
			log = self.plan.append(
				"corrections",
				{
					"plan_correction": self.name,
					"kpi": item.kpi,
					"dimension_value": item.dimension_value,
					"from_target": item.current_target,
					"to_target": item.new_target,
					"approved_by": frappe.session.user,
					"approved_on": approved_on,
					"reason": self.reason,
				},
			)
			log.db_insert()
		self.plan.add_comment(
			"Info",
			_("Targets corrected by {0}: {1}").format(
				frappe.get_desk_link(self.doctype, self.name), self.reason
			),
		)
		version = frappe.new_doc("Version")
		if version.update_version_info(before, frappe.get_doc("Sales Plan", self.sales_plan)):
			version.insert(ignore_permissions=True)
		refresh_coverage(self.plan.name)
		refresh_parent_coverage(self.plan)
