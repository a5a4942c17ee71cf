# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""The plan cascade as a tree, Year down to Day, with how far each plan's children cover it."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder.functions import Sum
from frappe.utils import flt, getdate

from sales_technology.core.distribution import Coverage
from sales_technology.core.periods import PeriodType
from sales_technology.shared.access import NodeAccessError, get_scope
from sales_technology.shared.org_structure import get_subtree
from sales_technology.shared.report_filters import clean_filters


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	validate_filters(filters)
	plans = get_plans(filters)
	coverage = get_coverage([plan.plan for plan in plans])
	data = build_tree(plans, coverage, filters)
	return get_columns(), data, None, None, get_summary(data)


def validate_filters(filters) -> None:
	if not filters.company:
		frappe.throw(_("Select a company"))
	if filters.from_date and filters.to_date and getdate(filters.to_date) < getdate(filters.from_date):
		frappe.throw(_("To Date cannot be before From Date"))


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "plan",
			"label": _("Sales Plan"),
			"fieldtype": "Link",
			"options": "Sales Plan",
			"width": 200,
		},
		{
			"fieldname": "sales_person",
			"label": _("Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 180,
		},
		{"fieldname": "period_type", "label": _("Period Type"), "fieldtype": "Data", "width": 100},
		{"fieldname": "period_label", "label": _("Period"), "fieldtype": "Data", "width": 140},
		{"fieldname": "status", "label": _("Approval Status"), "fieldtype": "Data", "width": 140},
		{"fieldname": "targets", "label": _("Targets"), "fieldtype": "Int", "width": 80},
		{"fieldname": "coverage", "label": _("Coverage"), "fieldtype": "Percent", "width": 110},
		{"fieldname": "not_covered", "label": _("KPIs Not Covered"), "fieldtype": "Int", "width": 130},
	]


def get_plans(filters) -> list[dict]:
	"""The plans the user may read (permission query conditions apply), oldest level first."""
	conditions = {"company": filters.company, "docstatus": ("<", 2)}
	if filters.from_date:
		conditions["period_end"] = (">=", filters.from_date)
	if filters.to_date:
		conditions["period_start"] = ("<=", filters.to_date)
	if filters.sales_person:
		# another group's node is refused, not answered with an empty tree that reads as "no plans"
		scope = get_scope()
		if scope.readable is not None and filters.sales_person not in scope.readable:
			frappe.throw(
				_("You may not see the plans of {0}: it is not in your part of the Sales Person tree").format(
					frappe.bold(filters.sales_person)
				),
				exc=NodeAccessError,
			)
		conditions["sales_person"] = ("in", get_subtree(filters.sales_person))
	plans = frappe.get_list(
		"Sales Plan",
		filters=conditions,
		fields=[
			"name as plan",
			"parent_plan",
			"sales_person",
			"period_type",
			"period_start",
			"period_label",
			"workflow_state",
			"docstatus",
		],
		order_by="period_start asc, sales_person asc",
		limit_page_length=0,
	)
	if filters.sales_plan:
		plans = below(filters.sales_plan, plans)
	return plans


def below(root: str, plans: list[dict]) -> list[dict]:
	children: dict[str, list[dict]] = {}
	for plan in plans:
		children.setdefault(plan.parent_plan, []).append(plan)
	keep, stack = [], [plan for plan in plans if plan.plan == root]
	while stack:
		plan = stack.pop()
		keep.append(plan)
		stack.extend(children.get(plan.plan, []))
	return [plan for plan in plans if plan in keep]


def get_coverage(plan_names: list[str]) -> dict[str, tuple[float, int]]:
	"""Per plan: the lowest coverage among its additive targets, and how many are short (two queries)."""
	if not plan_names:
		return {}
	plan = frappe.qb.DocType("Sales Plan")
	target = frappe.qb.DocType("Sales Plan Target")
	children = (
		frappe.qb.from_(target)
		.join(plan)
		.on(target.parent == plan.name)
		.select(plan.parent_plan, target.kpi, target.dimension_value, Sum(target.target).as_("covered"))
		.where(target.parenttype == "Sales Plan")
		.where(plan.parent_plan.isin(plan_names))
		.where(plan.docstatus < 2)
		.groupby(plan.parent_plan, target.kpi, target.dimension_value)
	).run(as_dict=True)
	covered = {(row.parent_plan, row.kpi, row.dimension_value or ""): flt(row.covered) for row in children}
	parents_with_children = {row.parent_plan for row in children}
	own = (
		frappe.qb.from_(target)
		.select(target.parent, target.kpi, target.dimension_value, target.target)
		.where(target.parenttype == "Sales Plan")
		.where(target.parent.isin(list(parents_with_children) or [""]))
		.where(target.additive == 1)
	).run(as_dict=True)
	result: dict[str, tuple[float, int]] = {}
	for row in own:
		cover = Coverage(flt(row.target), covered.get((row.parent, row.kpi, row.dimension_value or ""), 0.0))
		lowest, short = result.get(row.parent, (100.0, 0))
		result[row.parent] = (min(lowest, cover.percent), short + int(cover.is_short))
	return result


def build_tree(plans: list[dict], coverage: dict, filters) -> list[dict]:
	by_name = {plan.plan: plan for plan in plans}
	target_counts = dict(
		frappe.get_all(
			"Sales Plan Target",
			filters={"parent": ("in", list(by_name) or [""]), "parenttype": "Sales Plan"},
			fields=["parent", "count(name) as n"],
			group_by="parent",
			as_list=True,
		)
	)
	children: dict[str | None, list[dict]] = {}
	for plan in plans:
		parent = plan.parent_plan if plan.parent_plan in by_name else None
		children.setdefault(parent, []).append(plan)
	rows: list[dict] = []

	def visit(plan: dict, indent: int) -> None:
		lowest, short = coverage.get(plan.plan, (None, 0))
		rows.append(
			{
				"plan": plan.plan,
				"parent_plan": plan.parent_plan if plan.parent_plan in by_name else None,
				"indent": indent,
				"sales_person": plan.sales_person,
				"period_type": _(plan.period_type),
				"period_label": plan.period_label,
				"status": _(plan.workflow_state or ("Approved" if plan.docstatus == 1 else "Draft")),
				"targets": target_counts.get(plan.plan, 0),
				"coverage": lowest,
				"not_covered": short,
				"is_short": bool(short),
			}
		)
		for child in sorted(children.get(plan.plan, []), key=lambda p: (p.period_start, p.sales_person)):
			visit(child, indent + 1)

	roots = sorted(
		children.get(None, []),
		key=lambda p: (PeriodType(p.period_type).level, p.period_start, p.sales_person),
	)
	for root in roots:
		visit(root, 0)
	return rows


def get_summary(data: list[dict]) -> list[dict]:
	short = sum(1 for row in data if row["is_short"])
	return [
		{"value": len(data), "label": _("Plans"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": short,
			"label": _("Plans Not Covered by Their Children"),
			"datatype": "Int",
			"indicator": "Red" if short else "Green",
		},
	]
