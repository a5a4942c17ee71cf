"""Frozen plan-vs-fact: when a period ends, its plans' targets and facts are stored per KPI and node.

The table (KPI Snapshot) is plain on purpose: heads build their own views on it with the Report Builder
and Query Reports. Taking a snapshot again for the same period replaces it, so the job is idempotent and
can be re-run for any past period.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from sales_technology.core.periods import PeriodType
from sales_technology.core.roles import GENERAL_DIRECTOR, SALES_HEAD
from sales_technology.kpi.plan_fact import node_targets, plan_vs_fact, targets_beside_facts
from sales_technology.shared.work_calendar import get_period

SNAPSHOT_PERIODS = (PeriodType.WEEK, PeriodType.MONTH, PeriodType.QUARTER, PeriodType.YEAR)


def snapshot_ended_periods(day: date | None = None, commit: bool = False) -> int:
	"""Snapshot every ended period (week, month, quarter, year) that has approved plans and no snapshot
	yet, for every company: a day the scheduler did not run is caught up the next day. With `commit`,
	each period's snapshot stands once taken: a run stopped half-way is resumed by the next."""
	taken = 0
	for row in periods_to_snapshot(day):
		taken += take_snapshot(row.company, row.period_type, row.period_start)
		if commit:
			frappe.db.commit()
	return taken


def take_nightly_snapshots() -> int:
	"""The nightly job (daily_long)."""
	return snapshot_ended_periods(commit=True)


def periods_to_snapshot(day: date | None = None) -> list[frappe._dict]:
	"""(company, period type, period start) of the periods ended before the day with approved plans
	and no KPI Snapshot, in one query."""
	plan = frappe.qb.DocType("Sales Plan")
	snapshot = frappe.qb.DocType("KPI Snapshot")
	return (
		frappe.qb.from_(plan)
		.left_join(snapshot)
		.on(
			(snapshot.company == plan.company)
			& (snapshot.period_type == plan.period_type)
			& (snapshot.period_start == plan.period_start)
		)
		.select(plan.company, plan.period_type, plan.period_start)
		.distinct()
		.where(plan.docstatus == 1)
		.where(plan.period_type.isin([period.value for period in SNAPSHOT_PERIODS]))
		.where(plan.period_end < getdate(day or today()))
		.where(snapshot.name.isnull())
		.orderby(plan.period_start)
	).run(as_dict=True)


@frappe.whitelist(methods=["POST"])
def take_snapshot(company: str, period_type: str, period_date: str | date) -> int:
	"""Store plan and fact of every approved plan of the period; returns the rows stored."""
	if frappe.session.user != "Administrator" and not {"System Manager", SALES_HEAD, GENERAL_DIRECTOR} & set(
		frappe.get_roles()
	):
		frappe.throw(
			_("Only the Sales Head, the General Director or a System Manager takes snapshots"),
			frappe.PermissionError,
		)
	period = get_period(company, getdate(period_date), period_type)
	plans = frappe.get_all(
		"Sales Plan",
		filters={
			"company": company,
			"period_type": period_type,
			"period_start": period.start,
			"docstatus": 1,
		},
		fields=[
			"name",
			"company",
			"sales_person",
			"period_type",
			"period_start",
			"period_end",
			"period_label",
		],
	)
	frappe.db.delete(
		"KPI Snapshot", {"company": company, "period_type": period_type, "period_start": period.start}
	)
	rows = plan_vs_fact(plans, on_day=period.end)
	# the nodes above the planned ones that planned only through their teams (the department's month is
	# its groups'): their team's targets summed, so that the department's review has its own row
	teams = teams_above(
		sorted({plan.sales_person for plan in plans}), company, PeriodType(period_type), period.start
	)
	rolled = node_targets(teams, company, period)
	team_targets = [
		frappe._dict(target, parent=f"team::{node}") for node in teams for target in rolled[node].targets
	]
	rows.update(
		targets_beside_facts(
			team_targets, {f"team::{node}": node for node in teams}, period, company, on_day=period.end
		)
	)
	label = plans[0].period_label if plans else None
	taken_at = now_datetime()
	values = []
	sources = [(plan.name, plan.sales_person, plan.name, plan.period_label) for plan in plans] + [
		(f"team::{node}", node, None, label) for node in teams
	]
	for key, sales_person, sales_plan, period_label in sources:
		for row in rows.get(key, []):
			values.append(
				(
					frappe.generate_hash(length=10),
					taken_at,
					taken_at,
					frappe.session.user,
					frappe.session.user,
					company,
					sales_person,
					sales_plan,
					period_type,
					period.start,
					period.end,
					period_label,
					row["kpi"],
					row["kpi_name"],
					row["dimension_value"],
					row["direction"],
					row["target"],
					row["fact"] or 0,
					int(row["fact"] is None),
					row.get("fulfilment") or 0,
					taken_at,
				)
			)
	if values:
		frappe.db.bulk_insert(
			"KPI Snapshot",
			fields=[
				"name",
				"creation",
				"modified",
				"owner",
				"modified_by",
				"company",
				"sales_person",
				"sales_plan",
				"period_type",
				"period_start",
				"period_end",
				"period_label",
				"kpi",
				"kpi_name",
				"dimension_value",
				"direction",
				"target",
				"fact",
				"not_measured",
				"fulfilment",
				"snapshot_at",
			],
			values=values,
		)
	return len(values)


def teams_above(nodes: list[str], company: str, period_type: PeriodType, period_start: date) -> list[str]:
	"""The nodes above the given ones that have no approved plan of their own for the period: one query."""
	if not nodes:
		return []
	above = frappe.qb.DocType("Sales Person").as_("above")
	node = frappe.qb.DocType("Sales Person").as_("node")
	plan = frappe.qb.DocType("Sales Plan")
	own = (
		frappe.qb.from_(plan)
		.select(plan.sales_person)
		.where(plan.company == company)
		.where(plan.period_type == period_type.value)
		.where(plan.period_start == period_start)
		.where(plan.docstatus == 1)
	)
	return (
		frappe.qb.from_(above)
		.join(node)
		.on((above.lft < node.lft) & (above.rgt > node.rgt))
		.select(above.name)
		.distinct()
		.where(node.name.isin(nodes))
		.where(above.name.notin(own))
		.orderby(above.name)
	).run(pluck=True)
