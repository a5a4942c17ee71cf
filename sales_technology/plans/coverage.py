"""How much of a plan's additive targets its child plans cover."""

from __future__ import annotations

import frappe
from frappe.query_builder.functions import Sum
from frappe.utils import flt

from sales_technology.core.distribution import Coverage
from sales_technology.core.periods import PeriodType


def child_totals(plan: str, excluding: str | None = None) -> dict[tuple[str, str], float]:
	"""Sum of the targets of the plan's live child plans, by KPI and dimension value (one query)."""
	child = frappe.qb.DocType("Sales Plan")
	target = frappe.qb.DocType("Sales Plan Target")
	query = (
		frappe.qb.from_(target)
		.join(child)
		.on(target.parent == child.name)
		.select(target.kpi, target.dimension_value, Sum(target.target).as_("total"))
		.where(target.parenttype == "Sales Plan")
		.where(child.parent_plan == plan)
		.where(child.docstatus < 2)
		.groupby(target.kpi, target.dimension_value)
	)
	if excluding:
		query = query.where(child.name != excluding)
	return {(row.kpi, row.dimension_value or ""): flt(row.total) for row in query.run(as_dict=True)}


def has_children(plan: str, excluding: str | None = None) -> bool:
	filters = {"parent_plan": plan, "docstatus": ("<", 2)}
	if excluding:
		filters["name"] = ("!=", excluding)
	return bool(frappe.db.exists("Sales Plan", filters))


def kpis_the_children_hold(plan) -> set[str]:
	"""The plan's KPIs that plans one level down can carry (turnover is planned down to the month only,
	so a month's turnover is never short of its weeks)."""
	child_level = PeriodType(plan.period_type).child
	if child_level is None:
		return set()
	return set(
		frappe.get_all(
			"Sales KPI",
			filters={
				"name": ("in", [row.kpi for row in plan.targets] or [""]),
				f"for_{child_level.value.lower()}": 1,
			},
			pluck="name",
		)
	)


def coverage_rows(plan, excluding: str | None = None) -> list[dict]:
	"""For each additive target of the plan that its children can hold: target, covered, uncovered,
	percent, short."""
	if not has_children(plan.name, excluding):
		return []
	totals = child_totals(plan.name, excluding)
	held = kpis_the_children_hold(plan)
	rows = []
	for row in plan.targets:
		if not row.additive or row.kpi not in held:
			continue
		result = Coverage(flt(row.target), totals.get((row.kpi, row.dimension_value or ""), 0.0))
		rows.append(
			{
				"kpi": row.kpi,
				"kpi_name": row.kpi_name,
				"unit": row.unit,
				"dimension_value": row.dimension_value,
				"target": result.target,
				"covered": result.covered,
				"uncovered": result.uncovered,
				"percent": result.percent,
				"is_short": result.is_short,
			}
		)
	return rows


def refresh_coverage(plan_name: str, excluding: str | None = None) -> None:
	"""Store the coverage on the plan's target rows (the plan is usually submitted: no save)."""
	plan = frappe.get_doc("Sales Plan", plan_name)
	by_key = {(row["kpi"], row["dimension_value"] or ""): row for row in coverage_rows(plan, excluding)}
	for target in plan.targets:
		row = by_key.get((target.kpi, target.dimension_value or ""))
		covered, uncovered = (row["covered"], row["uncovered"]) if row else (0, 0)
		if (flt(target.covered), flt(target.uncovered)) != (covered, uncovered):
			target.db_set({"covered": covered, "uncovered": uncovered}, update_modified=False)
	short = int(any(row["is_short"] for row in by_key.values()))
	if plan.has_uncovered_targets != short:
		plan.db_set("has_uncovered_targets", short, update_modified=False)


def refresh_parent_coverage(doc, excluding: str | None = None) -> None:
	if doc.parent_plan and frappe.db.exists("Sales Plan", doc.parent_plan):
		refresh_coverage(doc.parent_plan, excluding)
