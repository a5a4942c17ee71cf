"""The department's funnels as a deal's save reads them: each enabled funnel's rule, each funnel's stages
in order with their probabilities, and each stage's playbook with its tasks. Read in four queries and
cached until a head edits a funnel, a stage or a playbook, so that saving a deal asks the database for
none of them."""

from __future__ import annotations

import frappe
from frappe.utils import cint

from sales_technology.core.funnels import FunnelRule
from sales_technology.core.playbooks import PlaybookTask

CACHE_KEY = "sales_technology:funnel_setup"


def funnel_setup() -> dict:
	"""{"rules": [FunnelRule], "stages": {funnel: [(stage, probability)]}, "playbooks": {(funnel, stage):
	playbook}, "tasks": {playbook: [PlaybookTask]}}"""
	return frappe.cache.get_value(CACHE_KEY, read_funnel_setup)


def read_funnel_setup() -> dict:
	rules = [
		FunnelRule(row.name, bool(row.is_default), row.item_group, row.market_segment, row.customer_group)
		for row in frappe.get_all(
			"Sales Funnel",
			filters={"enabled": 1},
			fields=["name", "is_default", "item_group", "market_segment", "customer_group"],
			order_by="creation asc",
		)
	]
	stages: dict[str, list[tuple[str, float]]] = {}
	for row in frappe.get_all(
		"Sales Funnel Stage",
		filters={"parenttype": "Sales Funnel"},
		fields=["parent", "sales_stage", "probability"],
		order_by="parent asc, idx asc",
	):
		stages.setdefault(row.parent, []).append((row.sales_stage, row.probability))
	playbooks = {
		(row.sales_funnel, row.sales_stage): row.name
		for row in frappe.get_all("Sales Stage Playbook", fields=["name", "sales_funnel", "sales_stage"])
	}
	tasks: dict[str, list[PlaybookTask]] = {}
	for row in frappe.get_all(
		"Sales Stage Playbook Task",
		filters={"parenttype": "Sales Stage Playbook"},
		fields=["parent", "task", "mandatory", "due_in_days"],
		order_by="parent asc, idx asc",
	):
		tasks.setdefault(row.parent, []).append(
			PlaybookTask(row.task, bool(row.mandatory), cint(row.due_in_days))
		)
	return {"rules": rules, "stages": stages, "playbooks": playbooks, "tasks": tasks}


def forget_funnel_setup(*args, **kwargs) -> None:
	"""Sales Funnel, Sales Stage and Sales Stage Playbook events; forgotten again if the change is rolled
	back (a test's funnel must not outlive its transaction in the cache)."""
	_forget()
	if getattr(frappe.local, "db", None):
		frappe.db.after_rollback.add(_forget)


def _forget() -> None:
	frappe.cache.delete_value(CACHE_KEY)
