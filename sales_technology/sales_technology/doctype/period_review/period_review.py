# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, flt, getdate, now_datetime, today

from sales_technology.core.period_reviews import (
	check_commentaries,
	check_period_ended,
	check_return,
	due_date,
)
from sales_technology.core.periods import PeriodType, period_containing
from sales_technology.core.workflow_states import ACKNOWLEDGED, DRAFT, RETURNED, SUBMITTED
from sales_technology.shared.org_structure import company_of
from sales_technology.shared.settings import get_settings
from sales_technology.shared.validation import SalesRuleError, enforce

FROZEN = ("sales_person", "kpi", "target", "fact", "fulfilment", "is_behind")


class ReviewRefused(SalesRuleError):
	pass


class PeriodReview(Document):
	def before_validate(self) -> None:
		self.company = self.company or company_of(self.sales_person)

	def validate(self) -> None:
		period = period_containing(getdate(self.period_start), PeriodType(self.period_type))
		self.period_start, self.period_end, self.period_label = period.start, period.end, period.label()
		enforce(check_period_ended, period.end, getdate(today()), exc=ReviewRefused)
		settings = get_settings()
		day = (
			settings.month_review_due_day if self.period_type == "Month" else settings.quarter_review_due_day
		)
		self.due_date = due_date(period.end, day or (5 if self.period_type == "Month" else 10))
		self.validate_unique()
		self.validate_frozen()
		self.validate_transition()
		if self.workflow_state in (None, "", DRAFT, RETURNED):
			self.set_decisions()

	def set_decisions(self) -> None:
		"""The decisions about the nodes of the review taken after its period, and those taken after the
		period before, which this period judged (kept as they were when the review was submitted)."""
		bounds = frappe.db.get_value("Sales Person", self.sales_person, ["lft", "rgt"], as_dict=True)
		nodes = frappe.get_all(
			"Sales Person", filters={"lft": (">=", bounds.lft), "rgt": ("<=", bounds.rgt)}, pluck="name"
		)
		fields = [
			"name",
			"sales_person",
			"decision_type",
			"target_kpi",
			"expected_value",
			"actual_value",
			"effectiveness",
			"workflow_state",
			"period_start",
			"next_period_start",
		]
		period_end = getdate(self.period_end)
		rows = frappe.get_all(
			"Corrective Decision",
			filters={
				"sales_person": ("in", nodes),
				"docstatus": ("<", 2),
				"period_start": (">=", add_months(self.period_start, -3)),
			},
			fields=fields,
			order_by="period_start asc, sales_person asc",
		)
		self.set("decisions", [])
		for row in rows:
			if getdate(self.period_start) <= getdate(row.period_start) <= period_end:
				relation = "Taken After This Period"
			elif getdate(self.period_start) <= getdate(row.next_period_start) <= period_end:
				relation = "Checked in This Period"
			else:
				continue
			self.append(
				"decisions",
				{
					"corrective_decision": row.name,
					"relation": relation,
					"sales_person": row.sales_person,
					"decision_type": row.decision_type,
					"target_kpi": row.target_kpi,
					"expected_value": row.expected_value,
					"actual_value": row.actual_value,
					"effectiveness": row.effectiveness,
					"workflow_state": row.workflow_state,
				},
			)

	def validate_unique(self) -> None:
		existing = frappe.db.get_value(
			"Period Review",
			{
				"sales_person": self.sales_person,
				"period_type": self.period_type,
				"period_start": self.period_start,
				"name": ("!=", self.name),
			},
		)
		if existing:
			frappe.throw(
				_("{0} already has a review of {1}: {2}").format(
					frappe.bold(self.sales_person),
					self.period_label,
					frappe.get_desk_link("Period Review", existing),
				),
				exc=ReviewRefused,
			)

	def validate_frozen(self) -> None:
		"""Plan and fact are what the snapshot froze: only the commentaries are written."""
		if self.is_new():
			return
		stored = {
			row.name: row
			for row in frappe.get_all(
				"Period Review Item", filters={"parent": self.name}, fields=["name", *FROZEN]
			)
		}
		rows = {row.name: row for row in self.items}
		changed = set(stored) != set(rows) or any(
			flt(rows[name].get(field)) != flt(stored[name].get(field))
			if field in ("target", "fact", "fulfilment", "is_behind")
			else rows[name].get(field) != stored[name].get(field)
			for name in stored
			if name in rows
			for field in FROZEN
		)
		if changed:
			frappe.throw(
				_(
					"A review's plan and fact are frozen from the KPI Snapshot: only the commentaries are written"
				),
				exc=ReviewRefused,
			)

	def validate_transition(self) -> None:
		if self.is_new() or not self.has_value_changed("workflow_state"):
			return
		if self.workflow_state == SUBMITTED:
			names = {row.kpi: row.kpi_name for row in self.items}
			enforce(
				check_commentaries,
				[
					(f"{row.sales_person}: {_(names[row.kpi])}", bool(row.is_behind), row.commentary)
					for row in self.items
				],
				exc=ReviewRefused,
			)
			self.submitted_on = now_datetime()
			self.is_late = int(getdate(self.submitted_on) > getdate(self.due_date))
		elif self.workflow_state == RETURNED:
			enforce(check_return, self.director_question, exc=ReviewRefused)
		elif self.workflow_state == ACKNOWLEDGED:
			self.acknowledged_on = now_datetime()
