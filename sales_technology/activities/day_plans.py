"""The rep's day: building the Day plan from the Week plan and the norms, and checking it in the evening."""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.utils import flt, getdate, today

from sales_technology.activities.counting import activity_kpis, done_totals, planned_totals
from sales_technology.core.distribution import split_total
from sales_technology.core.norms import (
	Norm,
	Shortfall,
	effective_norms,
	evaluate_norms,
	evaluate_plan,
	ramped_norms,
	required_counts,
	share_done,
)
from sales_technology.core.periods import Period, PeriodType
from sales_technology.shared.org_structure import company_of, get_ancestors, require_sales_person
from sales_technology.shared.ramp_up import shares_on
from sales_technology.shared.validation import SalesRuleError
from sales_technology.shared.work_calendar import get_holidays, is_working_day


class DayPlanRefused(SalesRuleError):
	pass


def load_norms(sales_person: str, period_type: str, day: date | None = None) -> dict[str, Norm]:
	"""The norms in force for the Sales Person on the day: per KPI, the nearest node's, its minimums at a
	new rep's ramp-up share."""
	path = [*get_ancestors(sales_person), sales_person]
	rows = frappe.get_all(
		"Sales Norm",
		filters={"sales_person": ("in", path), "enabled": 1, "period_type": period_type},
		fields=["name", "sales_person", "kpi", "period_type", "minimum", "maximum"],
	)
	norms = [
		Norm(
			row.sales_person,
			row.kpi,
			row.period_type,
			row.minimum if row.minimum else None,
			row.maximum if row.maximum else None,
			row.name,
		)
		for row in rows
	]
	return ramped_norms(
		effective_norms(path, norms, period_type), shares_on([sales_person], day or today())[sales_person]
	)


def get_day_plan(sales_person: str, day: date) -> str | None:
	return frappe.db.get_value(
		"Sales Plan",
		{"sales_person": sales_person, "period_type": "Day", "period_start": day, "docstatus": ("<", 2)},
	)


def day_plan_targets(day_plan: str | None, kpis: list[str]) -> dict[str, float]:
	"""The Day plan's targets of activity KPIs."""
	if not day_plan:
		return {}
	return {
		row.kpi: flt(row.target)
		for row in frappe.get_all(
			"Sales Plan Target",
			filters={"parent": day_plan, "parenttype": "Sales Plan"},
			fields=["kpi", "target"],
		)
		if row.kpi in kpis
	}


def lower_is_better_kpis() -> set[str]:
	return set(frappe.get_all("Sales KPI", filters={"direction": "Lower is better"}, pluck="name"))


def day_shortfalls(sales_person: str, company: str, day: date) -> list[Shortfall]:
	"""What the rep's done activities of the day left short of the Day plan and the day norms."""
	return shortfalls_of_day([sales_person], day)[sales_person]


def shortfalls_of_day(reps: list[str], day: date) -> dict[str, list[Shortfall]]:
	"""For many reps at once, with a fixed number of queries: counts, Day plans, norms, the tree."""
	day_inputs = inputs_of_day(reps, day)
	return {
		rep: evaluate_plan(day_inputs.targets[rep], day_inputs.actual[rep], day_inputs.lower)
		+ evaluate_norms(day_inputs.norms[rep], day_inputs.actual[rep])
		for rep in reps
	}


def share_of_day_done(reps: list[str], day: date) -> float | None:
	"""Percent of what the reps' Day plans and day norms asked for that they did, all reps together."""
	day_inputs = inputs_of_day(reps, day)
	required, actual = {}, {}
	for rep in reps:
		for kpi, value in required_counts(
			day_inputs.targets[rep], day_inputs.norms[rep], day_inputs.lower
		).items():
			required[(rep, kpi)] = value
			actual[(rep, kpi)] = day_inputs.actual[rep].get(kpi, 0)
	return share_done(required, actual)


def inputs_of_day(reps: list[str], day: date) -> frappe._dict:
	"""Per rep: the done counts of the activity KPIs, the Day plan's targets and the day norms in force."""
	kpis = activity_kpis("Day")
	counts = done_totals(kpis, reps, day, day)
	plan = frappe.qb.DocType("Sales Plan")
	target = frappe.qb.DocType("Sales Plan Target")
	targets: dict[str, dict[str, float]] = {rep: {} for rep in reps}
	for row in (
		frappe.qb.from_(target)
		.join(plan)
		.on(target.parent == plan.name)
		.select(plan.sales_person, target.kpi, target.target)
		.where(target.parenttype == "Sales Plan")
		.where(plan.period_type == "Day")
		.where(plan.period_start == day)
		.where(plan.docstatus < 2)
		.where(plan.sales_person.isin(reps or [""]))
	).run(as_dict=True):
		if row.kpi in kpis:
			targets[row.sales_person][row.kpi] = flt(row.target)
	norms = [
		Norm(row.sales_person, row.kpi, row.period_type, row.minimum or None, row.maximum or None, row.name)
		for row in frappe.get_all(
			"Sales Norm",
			filters={"enabled": 1, "period_type": "Day", "kpi": ("in", list(kpis) or [""])},
			fields=["name", "sales_person", "kpi", "period_type", "minimum", "maximum"],
		)
	]
	tree = frappe.get_all("Sales Person", fields=["name", "lft", "rgt"], order_by="lft")
	by_name = {node.name: node for node in tree}
	in_force, actual = {}, {}
	shares = shares_on(reps, day)
	for rep in reps:
		node = by_name[rep]
		path = [n.name for n in tree if n.lft <= node.lft and n.rgt >= node.rgt]  # root first, the rep last
		actual[rep] = {kpi: counts.get((rep, kpi), 0) for kpi in kpis}
		in_force[rep] = ramped_norms(effective_norms(path, norms, "Day"), shares[rep])
	return frappe._dict(targets=targets, norms=in_force, actual=actual, lower=lower_is_better_kpis())


@frappe.whitelist(methods=["POST"])
def plan_my_day(day: str | None = None) -> str:
	"""Today's (or the given day's) Day plan of the current user, built once from the approved Week
	plan and the day norms, with the day's planned activities attached."""
	sales_person = require_sales_person()
	day = getdate(day or today())
	company = company_of(sales_person)
	if not is_working_day(company, day):
		frappe.throw(_("{0} is not a working day").format(frappe.format(day, "Date")), exc=DayPlanRefused)
	existing = get_day_plan(sales_person, day)
	if existing:
		attach_planned_activities(existing, sales_person, day)
		return existing
	week = frappe.db.get_value(
		"Sales Plan",
		{
			"sales_person": sales_person,
			"period_type": "Week",
			"period_start": ("<=", day),
			"period_end": (">=", day),
			"docstatus": 1,
		},
		["name", "company", "period_start", "period_end"],
		as_dict=True,
	)
	if not week:
		frappe.throw(
			_("{0} has no approved Week plan for {1}: ask your group lead for one first").format(
				frappe.bold(sales_person), frappe.format(day, "Date")
			),
			exc=DayPlanRefused,
		)
	targets = day_targets(week, day)
	for kpi, norm in load_norms(sales_person, "Day", day).items():
		if norm.minimum and targets.get(kpi, 0) < norm.minimum:
			targets[kpi] = norm.minimum
	if not targets:
		frappe.throw(
			_("Neither the Week plan nor the norms give {0} anything to do on {1}").format(
				frappe.bold(sales_person), frappe.format(day, "Date")
			),
			exc=DayPlanRefused,
		)
	plan = frappe.get_doc(
		{
			"doctype": "Sales Plan",
			"company": week.company,
			"sales_person": sales_person,
			"period_type": "Day",
			"period_start": day,
			"parent_plan": week.name,
			"targets": [{"kpi": kpi, "target": target} for kpi, target in targets.items()],
		}
	)
	frappe.db.savepoint("plan_my_day")
	try:
		plan.insert()
	except frappe.UniqueValidationError:
		# a second click while the first was saving: the plan's unique key let one through, use it
		frappe.db.rollback(save_point="plan_my_day")
		existing = get_day_plan(sales_person, day)
		if not existing:
			raise
		return existing
	attach_planned_activities(plan.name, sales_person, day)
	return plan.name


def day_targets(week, day: date) -> dict[str, float]:
	"""The day's share of the week's targets of KPIs that apply to Day plans (by working days)."""
	period = Period(getdate(week.period_start), getdate(week.period_end), PeriodType.WEEK)
	holidays = get_holidays(week.company, period.start, period.end)
	working = [d for d in period.dates() if d not in holidays]
	index = working.index(day)
	rows = frappe.get_all(
		"Sales Plan Target",
		filters={"parent": week.name, "parenttype": "Sales Plan"},
		fields=["kpi", "target", "additive"],
	)
	daily = set(frappe.get_all("Sales KPI", filters={"for_day": 1}, pluck="name"))
	targets = {}
	for row in rows:
		if row.kpi not in daily:
			continue
		share = split_total(flt(row.target), [1] * len(working))[index] if row.additive else flt(row.target)
		targets[row.kpi] = share
	return targets


def attach_planned_activities(plan: str, sales_person: str, day: date) -> None:
	activity = frappe.qb.DocType("Sales Activity")
	(
		frappe.qb.update(activity)
		.set(activity.day_plan, plan)
		.where(activity.sales_person == sales_person)
		.where(activity.planned_date == day)
		.where(activity.day_plan.isnull() | (activity.day_plan == ""))
	).run()


def day_progress(plan) -> list[dict]:
	"""Per activity KPI of a Day plan: target, activities still planned and done, as the KPI counts them."""
	kpis = [target.kpi for target in plan.targets if target.kpi in set(activity_kpis("Day"))]
	day = getdate(plan.period_start)
	done = done_totals(kpis, [plan.sales_person], day, day)
	planned = planned_totals(kpis, [plan.sales_person], day)
	return [
		{
			"kpi": target.kpi,
			"kpi_name": target.kpi_name,
			"target": flt(target.target),
			"planned": planned.get((plan.sales_person, target.kpi), 0),
			"done": done.get((plan.sales_person, target.kpi), 0),
		}
		for target in plan.targets
		if target.kpi in kpis
	]
