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
from sales_technology.deals.funnel_setup import funnel_setup
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
	stages = dict(funnel_setup()["stages"].get(doc.st_sales_funnel, []))
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
	stage_probability = stages.get(doc.sales_stage)
	doc.probability = probability(
		stage_changed, typed, doc.probability, flt(stage_probability) if doc.sales_stage in stages else None
	)


def stage_orders() -> dict[str, list[str]]:
	"""{funnel: its stages first to last}."""
	return {funnel: [stage for stage, _p in stages] for funnel, stages in funnel_setup()["stages"].items()}


def funnel_rules() -> list[FunnelRule]:
	return list(funnel_setup()["rules"])


def deal_profile(doc) -> DealProfile:
	groups = {row.item_group for row in doc.get("items") or [] if row.get("item_group")}
	return DealProfile(frozenset(groups), doc.get("market_segment"), doc.get("customer_group"))
