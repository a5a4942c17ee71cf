"""The workspace's own numbers, for the user's node (the whole department for who reads everything):
this week's and this month's plan fulfilment, today's activities against the Day plans and norms, and
plan against fact by month. Each follows the user's access to the Sales Person tree."""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Count, NullIf
from frappe.utils import flt, getdate, today

from sales_technology.activities.day_plans import share_of_day_done
from sales_technology.core.fulfilment import plan_summary
from sales_technology.core.periods import PeriodType, children_of
from sales_technology.core.pipeline import CLOSED_STATUSES
from sales_technology.kpi.engine import compute
from sales_technology.kpi.plan_fact import node_plan_rows, node_targets_by_period
from sales_technology.shared.access import NodeAccessError, get_scope
from sales_technology.shared.org_structure import get_subtree, top_node, users_sales_persons
from sales_technology.shared.work_calendar import get_fiscal_year_start_month, get_period


@frappe.whitelist()
@frappe.read_only()  # a replica answers where the site has one
def open_deals(filters: str | None = None) -> dict:
	"""Number card: the open deals the user may open, by the app's closed statuses (a deal Replied to or at
	Quotation is open): the deal list's own rows (the client rule), so that the card and the list agree."""
	count = frappe.get_list(
		"Opportunity",
		filters={"status": ("not in", list(CLOSED_STATUSES)), "docstatus": ("<", 2)},
		fields=["count(*) as open_deals"],
	)[0].open_deals
	return {"value": count, "fieldtype": "Int"}


def dashboard_node(sales_person: str | None = None) -> str | None:
	"""The node asked for if the user may read it; else the user's own; else the root for who reads all."""
	scope = get_scope()
	if sales_person:
		if scope.readable is not None and sales_person not in scope.readable:
			frappe.throw(
				_(
					"You may not see the figures of {0}: it is not in your part of the Sales Person tree"
				).format(frappe.bold(sales_person)),
				exc=NodeAccessError,
			)
		return sales_person
	if scope.own_node:
		return scope.own_node
	if scope.readable is None:
		return top_node()
	return None


def default_company() -> str | None:
	return frappe.defaults.get_user_default("Company") or frappe.db.get_single_value(
		"Global Defaults", "default_company"
	)


def plan_summary_of(
	sales_person: str, company: str, period_type: str, day: date
) -> tuple[float | None, float | None]:
	"""(fulfilment with no KPI above 100 %, share of targets met) of the node's plan for the period
	containing the day; (None, None) without a plan."""
	rows = node_plan_rows(sales_person, company, get_period(company, day, period_type), day)
	if not rows:
		return None, None
	return plan_summary([row.get("fulfilment") for row in rows])


def plan_fulfilment(sales_person: str, company: str, period_type: str, day: date) -> float | None:
	"""The fulfilment of the node's plan for the period containing the day, no KPI counted above 100 %."""
	return plan_summary_of(sales_person, company, period_type, day)[0]


def _fulfilment_card(period_type: str, part: int = 0) -> dict:
	node, company = dashboard_node(), default_company()
	value = plan_summary_of(node, company, period_type, getdate(today()))[part] if node and company else None
	return {"value": flt(value), "fieldtype": "Percent"}


@frappe.whitelist()
@frappe.read_only()  # a replica answers where the site has one
def week_fulfilment(filters: str | None = None) -> dict:
	"""Number card: this week's plan fulfilment of the user's node."""
	return _fulfilment_card(PeriodType.WEEK.value)


@frappe.whitelist()
@frappe.read_only()  # a replica answers where the site has one
def month_fulfilment(filters: str | None = None) -> dict:
	"""Number card: this month's plan fulfilment of the user's node."""
	return _fulfilment_card(PeriodType.MONTH.value)


@frappe.whitelist()
@frappe.read_only()  # a replica answers where the site has one
def month_targets_met(filters: str | None = None) -> dict:
	"""Number card: the share of this month's targets of the user's node that are met."""
	return _fulfilment_card(PeriodType.MONTH.value, part=1)


@frappe.whitelist()
@frappe.read_only()  # a replica answers where the site has one
def activities_against_norm(filters: str | None = None) -> dict:
	"""Number card: how much of what today's Day plans and norms ask the reps under the user's node
	they have done, in percent."""
	node = dashboard_node()
	value = None
	if node:
		reps = frappe.get_all(
			"Sales Person",
			filters={"name": ("in", get_subtree(node)), "is_group": 0, "enabled": 1},
			pluck="name",
		)
		value = share_of_day_done(reps, getdate(today()))
	return {"value": flt(value), "fieldtype": "Percent"}


def plan_and_fact_by_month(kpi: str, sales_person: str, company: str, day: date) -> dict:
	"""The months of the fiscal year containing the day: the node's monthly targets (its own plan's, else
	its team's) and facts of a KPI (summed over its dimension values)."""
	year = get_period(company, day, PeriodType.YEAR)
	fiscal_start = get_fiscal_year_start_month(company, year.start)
	months = children_of(year, PeriodType.MONTH, fiscal_start)
	# each month's own plan, else its team's approved plans summed (the department plans through its groups)
	planned = {
		start: sum(flt(target.target) for target in targets[sales_person].targets if target.kpi == kpi)
		for start, targets in node_targets_by_period([sales_person], company, months).items()
	}
	facts: dict[date, float] = {}
	for (_node, month, _dimension), value in (
		compute([kpi], [sales_person], year.start, year.end, PeriodType.MONTH, company, fiscal_start)
		.get(kpi, {})
		.items()
	):
		facts[month] = facts.get(month, 0) + value
	return {
		"labels": [month.start.strftime("%m.%Y") for month in months],
		"datasets": [
			{"name": _("Plan"), "values": [planned.get(month.start, 0) for month in months]},
			{"name": _("Fact"), "values": [round(facts.get(month.start, 0), 2) for month in months]},
		],
	}
