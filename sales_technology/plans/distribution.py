"""Creating child plans from an approved plan, and pushing a raised target down to them.

Down the calendar the children are the plan's own node in the next period level (Year → 4 quarters,
or 4 quarters and their 12 months; Quarter → months; Month → weeks; Week → working days). Down the
team they are the node's direct children in the next period level, weighted by the dialog's weights.
"""

from __future__ import annotations

import json

import frappe
from frappe import _
from frappe.utils import flt

from sales_technology.core.distribution import (
	TargetSpec,
	monthly_distribution_weights,
	split_targets,
	split_total,
	working_day_weights,
)
from sales_technology.core.periods import Period, PeriodType, children_of, working_days
from sales_technology.plans.coverage import child_totals, refresh_coverage
from sales_technology.shared.access import check_can_manage
from sales_technology.shared.ramp_up import ramp_up_weights
from sales_technology.shared.validation import SalesRuleError, enforce
from sales_technology.shared.work_calendar import get_fiscal_year_start_month, get_holidays


class DistributionRefused(SalesRuleError):
	pass


def _key(kpi: str, dimension_value: str | None) -> str:
	return f"{kpi}\x1f{dimension_value or ''}"


def _specs(plan) -> dict[str, TargetSpec]:
	units = dict(
		frappe.get_all(
			"Sales KPI",
			filters={"name": ("in", [row.kpi for row in plan.targets])},
			fields=["name", "unit"],
			as_list=True,
		)
	)
	return {
		_key(row.kpi, row.dimension_value): TargetSpec(
			additive=bool(row.additive), whole_numbers=units.get(row.kpi) != "Currency"
		)
		for row in plan.targets
	}


def _period(plan) -> Period:
	return Period(
		frappe.utils.getdate(plan.period_start),
		frappe.utils.getdate(plan.period_end),
		PeriodType(plan.period_type),
	)


def _calendar_weights(plan, children: list[Period]) -> list[float]:
	"""By the plan's Monthly Distribution where it has one and the children are months or quarters,
	otherwise by working days."""
	if plan.monthly_distribution and children[0].period_type in (PeriodType.QUARTER, PeriodType.MONTH):
		percentages = dict(
			frappe.get_all(
				"Monthly Distribution Percentage",
				filters={"parent": plan.monthly_distribution, "parenttype": "Monthly Distribution"},
				fields=["month", "percentage_allocation"],
				as_list=True,
			)
		)
		return enforce(monthly_distribution_weights, children, percentages)
	period = _period(plan)
	holidays = get_holidays(plan.company, period.start, period.end)
	return enforce(working_day_weights, children, [len(working_days(child, holidays)) for child in children])


def _child_periods(plan, child_period_type: str | None) -> list[Period]:
	period = _period(plan)
	fiscal_start = get_fiscal_year_start_month(plan.company, plan.period_start)
	if period.period_type is PeriodType.DAY:
		frappe.throw(_("A Day plan has no child plans"), exc=DistributionRefused)
	children = children_of(period, period.period_type.child, fiscal_start)
	if period.period_type is PeriodType.WEEK:
		holidays = get_holidays(plan.company, period.start, period.end)
		children = [child for child in children if child.start not in holidays]
		if not children:
			frappe.throw(
				_("Week {0} has no working days to plan").format(plan.period_label), exc=DistributionRefused
			)
	return children


def _plan_targets(plan) -> dict[str, float]:
	return {_key(row.kpi, row.dimension_value): flt(row.target) for row in plan.targets}


def _new_plan(parent, sales_person: str, period: Period, targets: dict[str, float]):
	rows = []
	for key, value in targets.items():
		kpi, dimension_value = key.split("\x1f")
		rows.append({"kpi": kpi, "dimension_value": dimension_value or None, "target": value})
	return frappe.get_doc(
		{
			"doctype": "Sales Plan",
			"company": parent.company,
			"sales_person": sales_person,
			"period_type": period.period_type.value,
			"period_start": period.start,
			"parent_plan": parent.name,
			"monthly_distribution": parent.monthly_distribution
			if period.period_type is PeriodType.QUARTER
			else None,
			"targets": rows,
		}
	).insert()


def _existing_children(plan: str) -> dict[tuple[str, str], str]:
	return {
		(row.sales_person, str(row.period_start)): row.name
		for row in frappe.get_all(
			"Sales Plan",
			filters={"parent_plan": plan, "docstatus": ("<", 2)},
			fields=["name", "sales_person", "period_start"],
		)
	}


def _applicable(targets: dict[str, float], period_type: PeriodType) -> dict[str, float]:
	"""Only the targets whose KPI applies to the child level: a Month's turnover does not reach a Week."""
	kpis = {key.split("\x1f")[0] for key in targets}
	allowed = set(
		frappe.get_all(
			"Sales KPI",
			filters={"name": ("in", list(kpis) or [""]), f"for_{period_type.value.lower()}": 1},
			pluck="name",
		)
	)
	applicable = {key: value for key, value in targets.items() if key.split("\x1f")[0] in allowed}
	if not applicable:
		frappe.throw(
			_("None of the plan's KPIs applies to {0} plans: add a KPI for them first").format(
				_(period_type.value)
			),
			exc=DistributionRefused,
		)
	return applicable


@frappe.whitelist(methods=["POST"])
def distribute_by_calendar(plan: str, child_period_type: str | None = None) -> dict:
	"""Create the plan's own node's plans of the next level (for a Year: quarters, or quarters and months)."""
	doc = _approved_plan(plan)
	created, skipped = _distribute_calendar(doc)
	if child_period_type == PeriodType.MONTH.value and doc.period_type == PeriodType.YEAR.value:
		for quarter in list(created):
			more_created, more_skipped = _distribute_calendar(frappe.get_doc("Sales Plan", quarter))
			created += more_created
			skipped += more_skipped
	refresh_coverage(doc.name)
	return {"created": created, "skipped": skipped}


def _distribute_calendar(doc) -> tuple[list[str], list[str]]:
	periods = _child_periods(doc, None)
	weights = _calendar_weights(doc, periods)
	targets = _applicable(_plan_targets(doc), periods[0].period_type)
	shares = split_targets(targets, _specs(doc), weights)
	existing = _existing_children(doc.name)
	created, skipped = [], []
	for period, share in zip(periods, shares, strict=True):
		if (doc.sales_person, str(period.start)) in existing:
			skipped.append(existing[(doc.sales_person, str(period.start))])
			continue
		created.append(_new_plan(doc, doc.sales_person, period, share).name)
	return created, skipped


@frappe.whitelist(methods=["POST"])
def distribute_to_team(plan: str, weights: str | dict | None = None) -> dict:
	"""Create plans of the next level for the node's direct children, weighted per child node (a new rep
	by his programme's ramp-up); plans made already, approved ones above all, are left as they are."""
	doc = _approved_plan(plan)
	nodes = team_of(doc.sales_person)
	if not nodes:
		frappe.throw(
			_("Sales Person {0} has no team to distribute the plan to").format(frappe.bold(doc.sales_person)),
			exc=DistributionRefused,
		)
	weights = json.loads(weights) if isinstance(weights, str) else (weights or {})
	unknown = set(weights) - set(nodes)
	if unknown:
		frappe.throw(
			_("{0} are not in the team of {1}").format(
				", ".join(sorted(unknown)), frappe.bold(doc.sales_person)
			),
			exc=DistributionRefused,
		)
	periods = _child_periods(doc, None)
	# a new rep weighs his programme's ramp-up share of each period's month, unless the lead says otherwise
	ramp_up = ramp_up_weights([node for node in nodes if node not in weights], [p.start for p in periods])
	period_shares = split_targets(
		_applicable(_plan_targets(doc), periods[0].period_type), _specs(doc), _calendar_weights(doc, periods)
	)
	specs = _specs(doc)
	existing = _existing_children(doc.name)
	created, skipped = [], []
	for period, period_targets in zip(periods, period_shares, strict=True):
		node_weights = [flt(weights.get(node, ramp_up.get((node, period.start), 1))) for node in nodes]
		node_shares = enforce(split_targets, period_targets, specs, node_weights)
		for node, targets in zip(nodes, node_shares, strict=True):
			if (node, str(period.start)) in existing:
				skipped.append(existing[(node, str(period.start))])
				continue
			created.append(_new_plan(doc, node, period, targets).name)
	refresh_coverage(doc.name)
	return {"created": created, "skipped": skipped}


def team_of(sales_person: str) -> list[str]:
	return frappe.get_all(
		"Sales Person",
		filters={"parent_sales_person": sales_person, "enabled": 1},
		pluck="name",
		order_by="lft",
	)


@frappe.whitelist(methods=["POST"])
def push_increase(plan: str) -> dict:
	"""Spread what the children no longer cover (after a raise of the plan) over the child plans.

	Draft children get the new targets directly; approved children get draft Plan Corrections, which go
	through their own approval.
	"""
	doc = _approved_plan(plan)
	children = frappe.get_all(
		"Sales Plan",
		filters={"parent_plan": doc.name, "docstatus": ("<", 2)},
		fields=["name", "docstatus"],
		order_by="period_start, sales_person",
	)
	if not children:
		frappe.throw(_("Plan {0} has no child plans").format(frappe.bold(doc.name)), exc=DistributionRefused)
	totals = child_totals(doc.name)
	child_docs = [frappe.get_doc("Sales Plan", child.name) for child in children]
	changes: dict[str, dict[str, float]] = {child.name: {} for child in child_docs}
	for row in doc.targets:
		key = _key(row.kpi, row.dimension_value)
		rows = [(child, _plan_targets(child).get(key)) for child in child_docs]
		rows = [(child, value) for child, value in rows if value is not None]
		if not rows:
			continue
		if row.additive:
			missing = flt(row.target) - totals.get((row.kpi, row.dimension_value or ""), 0)
			if missing <= 0:
				continue
			decimals = 2 if _specs(doc)[key].whole_numbers is False else 0
			shares = enforce(split_total, missing, [value for _child, value in rows], decimals)
			for (child, value), share in zip(rows, shares, strict=True):
				if share:
					changes[child.name][key] = flt(value + share, 6)
		else:
			for child, value in rows:
				more_demanding = (
					flt(row.target) < value if row.direction == "Lower is better" else flt(row.target) > value
				)
				if more_demanding:
					changes[child.name][key] = flt(row.target)
	updated, corrections = [], []
	for child in child_docs:
		new_targets = changes[child.name]
		if not new_targets:
			continue
		if child.docstatus == 0:
			for target in child.targets:
				key = _key(target.kpi, target.dimension_value)
				if key in new_targets:
					target.target = new_targets[key]
			child.save()
			updated.append(child.name)
		else:
			corrections.append(_draft_correction(child, new_targets, doc).name)
	refresh_coverage(doc.name)
	return {"updated": updated, "corrections": corrections}


def _draft_correction(child, new_targets: dict[str, float], parent):
	items = []
	for target in child.targets:
		key = _key(target.kpi, target.dimension_value)
		if key in new_targets:
			items.append(
				{
					"kpi": target.kpi,
					"dimension_value": target.dimension_value,
					"current_target": target.target,
					"new_target": new_targets[key],
				}
			)
	return frappe.get_doc(
		{
			"doctype": "Plan Correction",
			"sales_plan": child.name,
			"reason": _("Raise of the parent plan {0}").format(parent.name),
			"items": items,
		}
	).insert()


def _approved_plan(plan: str):
	doc = frappe.get_doc("Sales Plan", plan)
	doc.check_permission("read")
	check_can_manage(doc.sales_person)
	if doc.docstatus != 1:
		frappe.throw(
			_("Only an approved plan can be distributed; {0} is not approved yet").format(
				frappe.bold(doc.name)
			),
			exc=DistributionRefused,
		)
	return doc
