"""Steps into a stage recorded before the funnel report's cohorts: whether the deal moved on from that
stage afterwards, set-wise (MariaDB reads the table it updates in a subquery since 10.3.2)."""

import frappe
from pypika.terms import ExistsCriterion

from sales_technology.core.stage_history import ENTERING


def execute() -> None:
	change = frappe.qb.DocType("Deal Stage Change")
	later = frappe.qb.DocType("Deal Stage Change").as_("later")
	moved_on = ExistsCriterion(
		frappe.qb.from_(later)
		.select(later.name)
		.where(later.opportunity == change.opportunity)
		.where(later.from_stage == change.to_stage)
		.where(later.moved_forward == 1)
		.where(later.changed_at >= change.changed_at)
		.where(later.name != change.name)
	)
	(
		frappe.qb.update(change)
		.set(change.moved_on_later, 1)
		.where(change.event.isin(ENTERING))
		.where(change.moved_on_later == 0)
		.where(moved_on)
	).run()
