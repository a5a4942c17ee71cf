# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Plan fulfilment of a node and its children for one period: target, fact, fulfilment, deviation,
run-rate forecast and status per KPI, from the plans of the period and the KPI engine."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate

from sales_technology.core.main_kpis import main_first
from sales_technology.kpi.plan_fact import node_targets, targets_beside_facts
from sales_technology.shared.access import NodeAccessError, get_scope
from sales_technology.shared.org_structure import get_sales_person, top_node
from sales_technology.shared.report_filters import clean_filters
from sales_technology.shared.work_calendar import get_period
from sales_technology.workspace.main_kpis import main_kpi_figures, main_kpis


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	if not (filters.company and filters.period_type and filters.date):
		frappe.throw(_("Choose the company, the period type and a date in the period"))
	period = get_period(filters.company, getdate(filters.date), filters.period_type)
	nodes = report_nodes(filters.sales_person)
	planned = node_targets(nodes, filters.company, period)
	# a node without its own plan of the period shows its team's approved plans summed
	key_of = {node: planned[node].plan or f"team::{node}" for node in nodes}
	targets = [
		frappe._dict(target, parent=key_of[node], team=planned[node].team)
		for node in nodes
		for target in planned[node].targets
	]
	rows = targets_beside_facts(targets, {key: node for node, key in key_of.items()}, period, filters.company)
	currency = frappe.get_cached_value("Company", filters.company, "default_currency")
	main = main_kpis()
	data = build_tree(nodes, planned, key_of, rows, currency, main)
	summary = main_kpi_summary(
		main_kpi_figures(nodes[0], filters.company, period, rows.get(key_of[nodes[0]], [])), currency
	)
	return get_columns(), data, None, get_chart(data, nodes[0]), summary


def report_nodes(sales_person: str | None) -> list[str]:
	"""The node and its direct children the user may see (their own, above and, for leads, below)."""
	scope = get_scope()
	node = sales_person or get_sales_person() or top_node()
	if scope.readable is not None and node not in scope.readable:
		frappe.throw(
			_("You may not see the plans of {0}: it is not in your part of the Sales Person tree").format(
				frappe.bold(node)
			),
			exc=NodeAccessError,
		)
	children = frappe.get_all(
		"Sales Person", filters={"parent_sales_person": node, "enabled": 1}, order_by="lft", pluck="name"
	)
	if scope.readable is not None:
		children = [child for child in children if child in scope.readable]
	return [node, *children]


def build_tree(
	nodes: list[str],
	planned: dict,
	key_of: dict[str, str],
	rows: dict[str, list[dict]],
	currency: str | None = None,
	main: list[str] | None = None,
) -> list[dict]:
	"""The node, then each child, each with its plan's KPIs (or its team's, saying how many of the team
	planned): the department's main KPIs first."""
	main = main or []
	data = []
	for depth, node in enumerate(nodes):
		indent = 0 if depth == 0 else 1
		node_id = f"node::{node}"
		team = planned[node].team if not planned[node].plan else None
		summed_from = (
			_("team's plans: {0} of {1}").format(*team)
			if team
			else _("the month from {0} weeks").format(planned[node].weeks)
			if planned[node].weeks
			else None
		)
		data.append(
			{
				"row_id": node_id,
				"parent_row": None if depth == 0 else f"node::{nodes[0]}",
				"indent": indent,
				"label": node,
				"sales_plan": planned[node].plan,
				"team_planned": summed_from,
				"is_node": 1,
			}
		)
		for row in main_first(rows.get(key_of[node], []), main):
			label = _(row["kpi_name"]) + (f" · {row['dimension_value']}" if row["dimension_value"] else "")
			data.append(
				{
					**row,
					"currency": currency,
					"row_id": f"{node_id}::{row['kpi']}::{row['dimension_value'] or ''}",
					"parent_row": node_id,
					"indent": indent + 1,
					"label": label,
					"status": status_text(row),
					"status_key": row.get("status"),
					"is_main": int(row["kpi"] in main),
				}
			)
	return data


def main_kpi_summary(figures: dict, currency: str | None) -> list[dict]:
	"""The main KPIs' fulfilment (their fact where the node has no target) and the key stage's
	conversion, above the table."""
	summary = []
	for kpi in figures["kpis"]:
		if kpi["fulfilment"] is not None:
			value, datatype = kpi["fulfilment"], "Percent"
		elif kpi["fact"] is None and kpi.get("not_measured"):
			continue  # a measure with nothing measured: no figure rather than a 0
		else:
			value = kpi["fact"] or 0
			datatype = {"Currency": "Currency", "Percent": "Percent"}.get(kpi["unit"], "Float")
		indicator = None
		if kpi["fulfilment"] is not None:
			indicator = (
				"Green" if kpi["fulfilment"] >= 100 else "Orange" if kpi["fulfilment"] >= 80 else "Red"
			)
		summary.append(
			{
				"label": kpi["kpi_name"],
				"value": value,
				"datatype": datatype,
				"currency": currency,
				"indicator": indicator,
			}
		)
	key = figures.get("key_stage")
	if key:
		summary.append(
			{
				"label": _("Key Stage: {0}").format(key["stage_label"]),
				"value": key["conversion"] or 0,
				"datatype": "Percent",
				"indicator": "Blue",
			}
		)
	return summary


def status_text(row: dict) -> str:
	"""On Track, At Risk, Behind; for a KPI without a computation "Not computed yet"; for one whose
	definition broke, what broke, so that the head can repair it; "Not measured" for a share or an
	average with nothing to measure in the period (no rating, nothing owed), which is not 0."""
	if row.get("error"):
		return _("Cannot be computed: {0}").format(row["error"])
	if row.get("not_measured"):
		return _("Not measured: nothing to measure in the period")
	return _(row["status"]) if row.get("status") else _("Not computed yet")


def get_columns() -> list[dict]:
	return [
		{"fieldname": "label", "label": _("Sales Person / KPI"), "fieldtype": "Data", "width": 260},
		{
			"fieldname": "sales_plan",
			"label": _("Sales Plan"),
			"fieldtype": "Link",
			"options": "Sales Plan",
			"width": 160,
		},
		{
			"fieldname": "target",
			"label": _("Target Value"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 140,
		},
		{"fieldname": "team_planned", "label": _("Planned by the Team"), "fieldtype": "Data", "width": 150},
		{"fieldname": "fact", "label": _("Fact"), "fieldtype": "Float", "precision": 2, "width": 140},
		{"fieldname": "fulfilment", "label": _("Fulfilment %"), "fieldtype": "Percent", "width": 110},
		{
			"fieldname": "deviation",
			"label": _("Deviation"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 140,
		},
		{"fieldname": "forecast", "label": _("Forecast"), "fieldtype": "Float", "precision": 2, "width": 140},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 120},
		{"fieldname": "is_main", "label": _("Main KPI"), "fieldtype": "Check", "width": 80},
	]


def get_chart(data: list[dict], node: str) -> dict | None:
	"""Plan beside fact for the node's KPIs (for its team's, where the node has no plan of the period: the
	department's months are its groups'); KPIs differ in units, so both are in percent of the plan."""
	kpi_rows = [row for row in data if not row.get("is_node") and row.get("fulfilment") is not None]
	rows = [row for row in kpi_rows if row["parent_row"] == f"node::{node}"]
	if rows:
		labels = [row["label"] for row in rows]
	else:
		rows = kpi_rows
		labels = [f"{row['parent_row'].removeprefix('node::')} · {row['label']}" for row in rows]
	if not rows:
		return None
	return {
		"data": {
			"labels": labels,
			"datasets": [
				{"name": _("Plan"), "values": [100 for _row in rows]},
				{"name": _("Fact, % of Plan"), "values": [row["fulfilment"] for row in rows]},
			],
		},
		"type": "bar",
		"colors": ["#b3b8c2", "#5e64ff"],
		"fieldtype": "Percent",
	}
