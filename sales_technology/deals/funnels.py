"""An Opportunity's funnel, its stage within that funnel and the probability that follows the stage
(`core.funnels` decides; this reads the funnels and the deal)."""

from __future__ import annotations

import frappe
from frappe.utils import flt

from sales_technology.core.funnels import (
	DealProfile,
	FunnelRule,
	check_stage_in_funnel,
	choose_funnel,
	probability,
)
from sales_technology.deals.playbooks import check_open_tasks
from sales_technology.shared.validation import SalesRuleError, enforce

ERPNEXT_DEFAULT_STAGE = "Prospecting"  # what ERPNext gives a new Opportunity
ERPNEXT_DEFAULT_PROBABILITY = 100


class StageRefused(SalesRuleError):
	pass


def set_funnel_and_stage(doc) -> None:
	"""Opportunity validate: the funnel (chosen by its rules unless set), a stage of that funnel, and the
	stage's probability unless one was typed by hand."""
	before = None if doc.is_new() else doc.get_doc_before_save()
	if not doc.get("st_sales_funnel"):
		doc.st_sales_funnel = choose_funnel(funnel_rules(), deal_profile(doc))
	if not doc.st_sales_funnel:
		return
	stages = {
		row.sales_stage: row
		for row in frappe.get_all(
			"Sales Funnel Stage",
			filters={"parent": doc.st_sales_funnel, "parenttype": "Sales Funnel"},
			fields=["sales_stage", "probability"],
			order_by="idx",
		)
	}
	if not stages:
		return
	stage_changed = before is None or before.sales_stage != doc.sales_stage
	funnel_changed = before is not None and before.get("st_sales_funnel") != doc.st_sales_funnel
	if (
		doc.is_new()
		and doc.sales_stage in (None, "", ERPNEXT_DEFAULT_STAGE)
		and doc.sales_stage not in stages
	):
		doc.sales_stage = next(iter(stages))  # ERPNext's default stage: the funnel's first instead
	if stage_changed or funnel_changed:
		enforce(check_stage_in_funnel, doc.sales_stage, doc.st_sales_funnel, list(stages), exc=StageRefused)
	if not funnel_changed:
		check_open_tasks(doc, before, list(stages))
	typed = (
		flt(doc.probability) not in (0, ERPNEXT_DEFAULT_PROBABILITY)
		if before is None
		else flt(before.probability) != flt(doc.probability)
	)
	stage = stages.get(doc.sales_stage)
	doc.probability = probability(
		stage_changed, typed, doc.probability, flt(stage.probability) if stage else None
	)


def stage_orders() -> dict[str, list[str]]:
	"""{funnel: its stages first to last}, of all funnels in one query."""
	orders: dict[str, list[str]] = {}
	for row in frappe.get_all(
		"Sales Funnel Stage",
		filters={"parenttype": "Sales Funnel"},
		fields=["parent", "sales_stage"],
		order_by="parent asc, idx asc",
	):
		orders.setdefault(row.parent, []).append(row.sales_stage)
	return orders


def funnel_rules() -> list[FunnelRule]:
	return [
		FunnelRule(row.name, bool(row.is_default), row.item_group, row.market_segment, row.customer_group)
		for row in frappe.get_all(
			"Sales Funnel",
			filters={"enabled": 1},
			fields=["name", "is_default", "item_group", "market_segment", "customer_group"],
			order_by="creation asc",
		)
	]


def deal_profile(doc) -> DealProfile:
	groups = {row.item_group for row in doc.get("items") or [] if row.get("item_group")}
	return DealProfile(frozenset(groups), doc.get("market_segment"), doc.get("customer_group"))
