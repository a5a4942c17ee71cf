"""The funnel of a node and a period from its deals' stage history: per stage, the deals that entered
it, how many of them moved on and were won, the days deals spent in it and their amounts; by rep,
group, segment or product; beside a second period or the node's team (`core.funnel_shape` decides what
is weak). A few grouped queries per funnel, never a query per rep or deal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Count, GroupConcat, Sum
from frappe.utils import flt
from pypika.terms import ValueWrapper

from sales_technology.core.funnel_shape import StageFigures, percentile, share
from sales_technology.core.stage_history import ENTERING, OPENED
from sales_technology.kpi.engine import Request, subtree_members

GROUP_BY = ("Sales Person", "Group", "Market Segment", "Product")


@dataclass
class StageRow:
	key: str
	stage: str
	entered: int = 0
	moved_on: int = 0
	won: int = 0
	amount: float = 0
	days: list[float] = field(default_factory=list)

	@property
	def figures(self) -> StageFigures:
		return StageFigures(self.entered, self.moved_on)


@dataclass(frozen=True)
class Scope:
	funnel: str
	node: str
	members: tuple[str, ...]
	start: date
	end: date
	group_by: str | None = None


def funnel_stages(funnel: str) -> list[frappe._dict]:
	return frappe.get_all(
		"Sales Funnel Stage",
		filters={"parent": funnel, "parenttype": "Sales Funnel"},
		fields=["sales_stage", "probability", "expected_days", "maximum_days", "is_key_stage"],
		order_by="idx",
	)


def default_funnel() -> str | None:
	return frappe.db.get_value("Sales Funnel", {"is_default": 1, "enabled": 1}) or frappe.db.get_value(
		"Sales Funnel", {"enabled": 1}
	)


def analyse(scope: Scope) -> dict[tuple[str, str], StageRow]:
	"""{(key, stage): StageRow} of the scope: the key is the node itself when nothing groups it."""
	rows: dict[tuple[str, str], StageRow] = {}

	def row(key, stage) -> StageRow:
		key = key or ""
		if (key, stage) not in rows:
			rows[(key, stage)] = StageRow(key, stage)
		return rows[(key, stage)]

	for entry in entries(scope):
		found = row(entry.key, entry.stage)
		found.entered, found.moved_on, found.won = int(entry.entered), int(entry.moved_on), int(entry.won)
		found.amount = flt(entry.amount)
	for key, stage, days in exits(scope):
		row(key, stage).days = [flt(day) for day in (days or "").split(",") if day]
	return rows


def entries(scope: Scope) -> list[frappe._dict]:
	"""Per key and stage: the entries into the stage in the period (a deal that comes back to a stage
	enters it again, as the STAGE_ENTRIES KPI counts), those that moved on from it afterwards (whenever),
	those of deals won afterwards, and the deals' amounts in company currency at the step. The flags
	are kept on the steps as they happen, so that a month is read from one index."""
	change = frappe.qb.DocType("Deal Stage Change")
	query, key = keyed(frappe.qb.from_(change), change, scope)
	query = in_scope(query, change, scope, change.event.isin(ENTERING))
	return (
		query.select(
			key.as_("key"),
			change.to_stage.as_("stage"),
			Count("*").as_("entered"),
			Sum(change.moved_on_later).as_("moved_on"),
			Sum(change.won_later).as_("won"),
			Sum(change.amount).as_("amount"),
		).groupby(key, change.to_stage)
	).run(as_dict=True)


def exits(scope: Scope) -> list[tuple]:
	"""(key, stage, the days spent, comma-separated) of the steps that left a stage in the period: the
	days deals take, for their percentiles. A month of a large department is thousands of days per
	stage: the session may concatenate up to 64 MB, not MariaDB's 1 MB."""
	change = frappe.qb.DocType("Deal Stage Change")
	query, key = keyed(frappe.qb.from_(change), change, scope)
	query = in_scope(query, change, scope, (change.event != OPENED) & change.from_stage.isnotnull())
	frappe.db.sql("set session group_concat_max_len = 67108864")
	return (
		query.select(key, change.from_stage, GroupConcat(change.days_in_stage))
		.groupby(key, change.from_stage)
		.run()
	)


def in_scope(query, change, scope: Scope, condition):
	return (
		query.where(change.sales_funnel == scope.funnel)
		.where(change.sales_person.isin(scope.members or ("",)))
		.where(change.changed_at >= scope.start)
		.where(change.changed_at < scope.end + timedelta(days=1))
		.where(condition)
	)


def keyed(query, change, scope: Scope):
	"""The query with what its rows are grouped by: the rep, the node's child group the rep is in, the
	deal's segment or product (an item group of its lines: a deal of two products counts for each)."""
	if scope.group_by == "Sales Person":
		return query, change.sales_person
	if scope.group_by == "Group":
		children = frappe.get_all("Sales Person", filters={"parent_sales_person": scope.node}, pluck="name")
		tree = subtree_members(Request(tuple(children) or ("",), scope.start, scope.end, None))
		return query.join(tree).on(tree.member == change.sales_person), tree.node
	if scope.group_by == "Market Segment":
		deal = frappe.qb.DocType("Opportunity")
		query = query.join(deal).on(deal.name == change.opportunity)
		return query, Coalesce(deal.market_segment, "")
	if scope.group_by == "Product":
		item = frappe.qb.DocType("Opportunity Item")
		products = (
			frappe.qb.from_(item)
			.select(item.parent, item.item_group)
			.where((item.parenttype == "Opportunity") & (item.parentfield == "items"))
			.distinct()
		).as_("products")
		query = query.left_join(products).on(products.parent == change.opportunity)
		return query, Coalesce(products.item_group, "")
	return query, ValueWrapper(scope.node)


def stage_columns(row: StageRow | None) -> dict:
	"""The figures of one stage as the report shows them."""
	row = row or StageRow("", "")
	return {
		"entered": row.entered,
		"moved_on": row.moved_on,
		"conversion": share(row.moved_on, row.entered),
		"won": row.won,
		"to_won": share(row.won, row.entered),
		"median_days": percentile(row.days, 0.5),
		"p80_days": percentile(row.days, 0.8),
		"amount": row.amount,
	}


def check_group_by(group_by: str | None) -> None:
	if group_by and group_by not in GROUP_BY:
		frappe.throw(_("The funnel is grouped by one of: {0}").format(", ".join(_(g) for g in GROUP_BY)))
