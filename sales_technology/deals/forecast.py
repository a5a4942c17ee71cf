"""The prospective clients and their forecast, per rep and group: the open deals' weighted forecast for
the month and the quarter beside the plan's turnover target, the fact so far and its run-rate projection,
and what changed in the reported week; each figure in one grouped query for every node at once, added
up along the tree in `core.forecast`. A Monday job stores each node's picture so that weeks compare.

The open deals are read as they are when the report runs (the stored pictures keep each Monday's).
"""

from __future__ import annotations

from datetime import date, datetime, time

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, CustomFunction, Sum
from frappe.utils import flt, getdate, today

from sales_technology.core.forecast import CHANGES, Forecast, Node, change_of, reported_week, rolled_up
from sales_technology.core.fulfilment import run_rate_forecast
from sales_technology.core.periods import Period, PeriodType
from sales_technology.core.pipeline import CLOSED_STATUSES
from sales_technology.kpi.engine import compute
from sales_technology.kpi.plan_fact import node_targets
from sales_technology.shared.work_calendar import get_fiscal_year_start_month, get_period, get_working_days

TURNOVER = "TURNOVER"
Greatest = CustomFunction("GREATEST", ["first", "second"])
Least = CustomFunction("LEAST", ["first", "second"])
PERIODS = (("month", PeriodType.MONTH), ("quarter", PeriodType.QUARTER))


def forecast(nodes: list[frappe._dict], company: str, on: date) -> tuple[dict[str, Forecast], dict]:
	"""({node: Forecast with its plan figures in `extra`}, the periods and week reported) for the nodes
	(with lft, rgt), as on the day `on`."""
	on = getdate(on)
	periods = {key: get_period(company, on, period_type) for key, period_type in PERIODS}
	week = reported_week(on)
	names = [node.name for node in nodes]
	own = open_deal_figures(names, company, periods["month"].end, periods["quarter"].end)
	for person, changes in week_changes(names, week).items():
		figures = own.setdefault(person, Forecast())
		for change, count in changes.items():
			setattr(figures, change, count)
	result = rolled_up([Node(node.name, node.lft, node.rgt) for node in nodes], own)
	for key, period in periods.items():
		for node, (target, fact, projection) in plan_figures(names, company, period, on).items():
			result[node].extra.update(
				{f"{key}_target": target, f"{key}_fact": fact, f"{key}_projection": projection}
			)
	return result, {"periods": periods, "week": week}


def open_deal(deal):
	return deal.status.notin(CLOSED_STATUSES)


def weighted_amount(deal):
	return deal.base_opportunity_amount * Least(Greatest(deal.probability, 0), 100) / 100


def open_deal_figures(members: list[str], company: str | None, month_end: date, quarter_end: date):
	"""{Sales Person: Forecast} of the open deals their owners have: count, pipeline, and the weighted
	amount of those expected to close by the month's and the quarter's end (overdue ones included)."""
	deal = frappe.qb.DocType("Opportunity")

	def weighted_by(end: date):
		return Sum(Case().when(deal.expected_closing <= end, weighted_amount(deal)).else_(0))

	query = (
		frappe.qb.from_(deal)
		.select(
			deal.st_responsible_sales_person.as_("sales_person"),
			Count("*").as_("open_deals"),
			Sum(deal.base_opportunity_amount).as_("pipeline"),
			weighted_by(month_end).as_("weighted_month"),
			weighted_by(quarter_end).as_("weighted_quarter"),
		)
		.where(open_deal(deal))
		.where(deal.st_responsible_sales_person.isin(members or [""]))
		.groupby(deal.st_responsible_sales_person)
	)
	if company:
		query = query.where(deal.company == company)
	return {
		row.sales_person: Forecast(
			open_deals=row.open_deals,
			pipeline=flt(row.pipeline),
			weighted_month=flt(row.weighted_month),
			weighted_quarter=flt(row.weighted_quarter),
		)
		for row in query.run(as_dict=True)
	}


def week_changes(members: list[str], week: tuple[date, date]) -> dict[str, dict[str, int]]:
	"""{Sales Person: {change: deals}} of the week's stage history: new deals, moved forward or back,
	won, lost."""
	step = frappe.qb.DocType("Deal Stage Change")
	rows = (
		frappe.qb.from_(step)
		.select(
			step.sales_person, step.event, step.moved_forward, Count(step.opportunity).distinct().as_("deals")
		)
		.where(step.sales_person.isin(members or [""]))
		.where(
			step.changed_at.between(datetime.combine(week[0], time.min), datetime.combine(week[1], time.max))
		)
		.groupby(step.sales_person, step.event, step.moved_forward)
	).run(as_dict=True)
	found: dict[str, dict[str, int]] = {}
	for row in rows:
		change = change_of(row.event, bool(row.moved_forward))
		if change:
			counts = found.setdefault(row.sales_person, dict.fromkeys(CHANGES, 0))
			counts[change] += row.deals
	return found


def plan_figures(nodes: list[str], company: str, period: Period, on: date) -> dict[str, tuple]:
	"""{node: (turnover target of its plan for the period, fact so far, run-rate projection)}."""
	# each node's own plan, else its team's approved plans summed (the department plans through its groups)
	targets = {
		node: next(
			(
				flt(target.target)
				for target in planned.targets
				if target.kpi == TURNOVER and not target.dimension_value
			),
			None,
		)
		for node, planned in node_targets(nodes, company, period).items()
	}
	until = min(on, period.end)
	facts = {}
	if until >= period.start:
		computed = compute(
			[TURNOVER],
			nodes,
			period.start,
			until,
			period.period_type,
			company,
			get_fiscal_year_start_month(company, period.start),
		).get(TURNOVER, {})
		facts = {node: flt(fact) for (node, _bucket, _dimension), fact in computed.items()}
	working = get_working_days(company, period)
	elapsed = len([day for day in working if day <= on])
	return {
		node: (
			targets.get(node),
			facts.get(node, 0.0),
			run_rate_forecast(facts.get(node, 0.0), elapsed, len(working), additive=True),
		)
		for node in nodes
	}


def open_deals(members: list[str], company: str | None) -> list[frappe._dict]:
	"""The open deals of the members' owners, for the report's detail rows."""
	deal = frappe.qb.DocType("Opportunity")
	query = (
		frappe.qb.from_(deal)
		.select(
			deal.st_responsible_sales_person.as_("sales_person"),
			deal.name.as_("opportunity"),
			deal.customer_name,
			deal.party_name,
			deal.sales_stage,
			deal.probability,
			deal.base_opportunity_amount.as_("amount"),
			weighted_amount(deal).as_("weighted"),
			deal.expected_closing,
			deal.st_last_activity_on.as_("last_activity_on"),
			deal.st_next_activity_on.as_("next_activity_on"),
		)
		.where(open_deal(deal))
		.where(deal.st_responsible_sales_person.isin(members or [""]))
		.orderby(deal.expected_closing)
	)
	if company:
		query = query.where(deal.company == company)
	return query.run(as_dict=True)


SNAPSHOT_FIELDS = (
	"open_deals",
	"pipeline",
	"weighted_month",
	"weighted_quarter",
	"new_deals",
	"moved_forward",
	"moved_back",
	"deals_won",
	"deals_lost",
)
PLAN_FIELDS = tuple(
	f"{key}_{figure}" for key, _type in PERIODS for figure in ("target", "fact", "projection")
)


def store_weekly_forecast(day: date | None = None, company: str | None = None) -> int:
	"""Mondays: each node's picture of the week before, kept (replaced if the job runs again)."""
	on = getdate(day or today())
	company = company or frappe.db.get_single_value("Global Defaults", "default_company")
	if not company:
		return 0
	nodes = frappe.get_all("Sales Person", filters={"enabled": 1}, fields=["name", "lft", "rgt"])
	figures, reported = forecast(nodes, company, on)
	week_start, week_end = reported["week"]
	frappe.db.delete("Sales Forecast Snapshot", {"company": company, "week_start": week_start})
	stamp = frappe.utils.now()
	rows = []
	for node in nodes:
		found = figures[node.name]
		rows.append(
			(
				frappe.generate_hash(length=10),
				stamp,
				stamp,
				"Administrator",
				"Administrator",
				node.name,
				company,
				week_start,
				week_end,
				on,
				*(getattr(found, name) for name in SNAPSHOT_FIELDS),
				*(found.extra.get(name) or 0 for name in PLAN_FIELDS),
			)
		)
	frappe.db.bulk_insert(
		"Sales Forecast Snapshot",
		fields=[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"sales_person",
			"company",
			"week_start",
			"week_end",
			"taken_on",
			*SNAPSHOT_FIELDS,
			*PLAN_FIELDS,
		],
		values=rows,
	)
	return len(rows)
