"""Plan against fact for plans of one period: the targets of the plans beside the KPI engine's facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import frappe
from frappe import _
from frappe.utils import flt, getdate, today

from sales_technology.core.fulfilment import deviation, fulfilment, missing_fact, run_rate_forecast, status
from sales_technology.core.periods import Period, PeriodType
from sales_technology.kpi.engine import KPIEngineError, compute
from sales_technology.shared.work_calendar import get_fiscal_year_start_month, get_working_days


def computable_kpis(kpis: set[str]) -> set[str]:
	return set(
		frappe.get_all(
			"Sales KPI",
			filters={"name": ("in", list(kpis) or [""]), "aggregate": ("is", "set")},
			pluck="name",
		)
	)


def facts_for(
	kpis: set[str], nodes: list[str], period: Period, company: str, broken: dict | None = None
) -> dict[str, dict]:
	"""{KPI: {(node, bucket, dimension): fact}}; a KPI declared without a computation is left out. A KPI
	whose definition broke (a field removed, a filter gone wrong) is left out too, but said: its error
	goes to `broken` ({KPI: message}) for the report and to the Error Log for the administrator."""
	fiscal_start = get_fiscal_year_start_month(company, period.start)
	codes = sorted(computable_kpis(kpis))
	if not codes:
		return {}
	try:
		# all in one computation, so that the kept KPIs are read together, not one query each
		return compute(codes, nodes, period.start, period.end, period.period_type, company, fiscal_start)
	except KPIEngineError:
		pass  # one of them broke: each alone, so that the others are shown and the broken one said
	facts = {}
	for kpi in codes:
		try:
			facts.update(
				compute([kpi], nodes, period.start, period.end, period.period_type, company, fiscal_start)
			)
		except KPIEngineError as error:
			if broken is not None:
				broken[kpi] = str(error)
			frappe.log_error(title=_("KPI {0} cannot be computed").format(kpi), message=str(error))
	return facts


TARGET_FIELDS = ["parent", "kpi", "kpi_name", "dimension_value", "target", "direction", "additive", "unit"]


def plan_vs_fact(plans: list[dict], on_day: date | None = None) -> dict[str, list[dict]]:
	"""{plan name: rows} for plans of one company and one period (the same period for all)."""
	if not plans:
		return {}
	first = plans[0]
	period = Period(getdate(first.period_start), getdate(first.period_end), PeriodType(first.period_type))
	targets = frappe.get_all(
		"Sales Plan Target",
		filters={"parent": ("in", [plan.name for plan in plans]), "parenttype": "Sales Plan"},
		fields=TARGET_FIELDS,
		order_by="idx",
	)
	node_of = {plan.name: plan.sales_person for plan in plans}
	return targets_beside_facts(targets, node_of, period, first.company, on_day)


def targets_beside_facts(
	targets: list[dict], node_of: dict[str, str], period: Period, company: str, on_day: date | None = None
) -> dict[str, list[dict]]:
	"""{key: rows}: each target (its `parent` a key of `node_of`) beside the fact of its node's subtree,
	its fulfilment, deviation, run-rate forecast and status."""
	broken: dict[str, str] = {}
	facts = facts_for({row.kpi for row in targets}, sorted(set(node_of.values())), period, company, broken)
	working = get_working_days(company, period)
	elapsed = len([day for day in working if day <= getdate(on_day or today())])
	rows: dict[str, list[dict]] = {key: [] for key in node_of}
	for target in targets:
		kpi_facts = facts.get(target.kpi)
		fact, not_measured = None, False
		if kpi_facts is not None:
			key = (node_of[target.parent], period.start, target.dimension_value or "")
			fact = flt(kpi_facts[key]) if key in kpi_facts else missing_fact(target.unit)
			not_measured = fact is None
		row = {
			"kpi": target.kpi,
			"kpi_name": target.kpi_name,
			"dimension_value": target.dimension_value,
			"unit": target.unit,
			"direction": target.direction,
			"target": flt(target.target),
			"fact": fact,
			"error": broken.get(target.kpi),
			"not_measured": int(not_measured),
		}
		if target.get("team"):
			row["team"] = target.team
		if fact is not None:
			forecast = run_rate_forecast(fact, elapsed, len(working), bool(target.additive))
			row.update(
				fulfilment=fulfilment(row["target"], fact, target.direction),
				deviation=deviation(row["target"], fact),
				forecast=forecast,
				status=status(row["target"], forecast, target.direction),
			)
		rows[target.parent].append(row)
	return rows


@dataclass
class NodeTargets:
	"""A node's targets for a period: its own plan's, else its team's summed (`team`: how many of the
	children have a plan, of how many)."""

	plan: str | None = None
	targets: list[dict] = field(default_factory=list)
	team: tuple[int, int] | None = None
	# a rep plans weeks, not months: his month is his approved weeks that start in it, summed
	weeks: int = 0

	@property
	def planned(self) -> bool:
		return bool(self.plan or self.weeks or (self.team and self.team[0]))


def node_targets(nodes: list[str], company: str, period: Period) -> dict[str, NodeTargets]:
	"""Each node's targets for the period (see `node_targets_by_period`)."""
	return node_targets_by_period(nodes, company, [period])[period.start]


def node_targets_by_period(
	nodes: list[str], company: str, periods: list[Period]
) -> dict[date, dict[str, NodeTargets]]:
	"""{period start: {node: targets}} for periods of one type: a node's own plan's (the approved one,
	else its draft), else the sum of its children's approved plans of that period, each child by the same
	rule down the tree; a rep without a month plan, his approved weeks that start in the month. Only
	additive KPIs add up: a team has no common target of a conversion or an average. Four queries for
	any number of periods (the columns of KPI Matrix, the months of a chart), five for months."""
	person = frappe.qb.DocType("Sales Person")
	bounds = (
		frappe.qb.from_(person).select(person.lft, person.rgt).where(person.name.isin(nodes or [""]))
	).run()
	if not bounds or not periods:
		return {period.start: {node: NodeTargets() for node in nodes} for period in periods}
	members = (
		frappe.qb.from_(person)
		.select(person.name, person.parent_sales_person)
		.where(person.lft >= min(row[0] for row in bounds))
		.where(person.rgt <= max(row[1] for row in bounds))
		.where(person.enabled == 1)
		.orderby(person.lft)
	).run(as_dict=True)
	children: dict[str, list[str]] = {}
	for member in members:
		children.setdefault(member.parent_sales_person, []).append(member.name)
	plans = frappe.get_all(
		"Sales Plan",
		filters={
			"company": company,
			"sales_person": ("in", [member.name for member in members]),
			"period_type": periods[0].period_type.value,
			"period_start": ("in", [period.start for period in periods]),
			"docstatus": ("<", 2),
		},
		fields=["name", "sales_person", "docstatus", "period_start"],
	)
	approved = {(getdate(p.period_start), p.sales_person): p.name for p in plans if p.docstatus == 1}
	draft = {(getdate(p.period_start), p.sales_person): p.name for p in plans if p.docstatus == 0}
	weeks: dict[tuple[date, str], list[str]] = {}
	if periods[0].period_type == PeriodType.MONTH:
		leaves = [member.name for member in members if member.name not in children]
		for week in frappe.get_all(
			"Sales Plan",
			filters={
				"company": company,
				"sales_person": ("in", leaves or [""]),
				"period_type": PeriodType.WEEK.value,
				"period_start": ("between", (min(p.start for p in periods), max(p.end for p in periods))),
				"docstatus": 1,
			},
			fields=["name", "sales_person", "period_start"],
		):
			month = next(p.start for p in periods if p.start <= getdate(week.period_start) <= p.end)
			weeks.setdefault((month, week.sales_person), []).append(week.name)
	planned_names = [plan.name for plan in plans] + [name for names in weeks.values() for name in names]
	targets_of_plan: dict[str, list[dict]] = {}
	for target in frappe.get_all(
		"Sales Plan Target",
		filters={"parent": ("in", planned_names or [""]), "parenttype": "Sales Plan"},
		fields=TARGET_FIELDS,
		order_by="idx",
	):
		targets_of_plan.setdefault(target.parent, []).append(target)

	def of(start: date, node: str, own_draft: bool) -> NodeTargets:
		plan = approved.get((start, node)) or (draft.get((start, node)) if own_draft else None)
		if plan:
			return NodeTargets(plan=plan, targets=targets_of_plan.get(plan, []))
		team = children.get(node, [])
		if not team and weeks.get((start, node)):
			return NodeTargets(
				targets=added_up(targets_of_plan.get(week, []) for week in weeks[(start, node)]),
				weeks=len(weeks[(start, node)]),
			)
		results = [of(start, child, False) for child in team]
		planned = sum(result.planned for result in results)
		return NodeTargets(
			targets=added_up(result.targets for result in results),
			team=(planned, len(team)) if team else None,
		)

	return {period.start: {node: of(period.start, node, True) for node in nodes} for period in periods}


def added_up(target_lists) -> list[dict]:
	"""The additive targets of several plans, summed per KPI and dimension value."""
	summed: dict[tuple[str, str], frappe._dict] = {}
	for targets in target_lists:
		for target in targets:
			if not target.additive:
				continue
			key = (target.kpi, target.dimension_value or "")
			if key in summed:
				summed[key].target = flt(summed[key].target) + flt(target.target)
			else:
				summed[key] = frappe._dict(target, target=flt(target.target))
	return list(summed.values())


def node_plan_rows(node: str, company: str, period: Period, on_day: date | None = None) -> list[dict]:
	"""The target rows beside their facts of the node's plan for the period (the approved one where a
	draft exists too), else of its team's approved plans summed; none where nobody planned."""
	planned = node_targets([node], company, period)[node]
	if not planned.targets:
		return []
	targets = [frappe._dict(target, parent=node, team=planned.team) for target in planned.targets]
	return targets_beside_facts(targets, {node: node}, period, company, on_day)[node]
