# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Commitment Funnel Figures (seed 001): for each rung of the commitment ladder the seed's measures
and the ratio that says how much work one step up takes — calls per sold meeting for potential
clients, requests per invoice for visitors, paid invoices, their share and the days to the first deal
for buyers, contacts per repeat sale and the days of a repeat deal for clients and adherents — for a
node and each of its children over a period."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.commitment_figures import MEASURES, RUNG_LABELS, figures
from sales_technology.deals.commitment_figures import counts
from sales_technology.shared.access import get_scope
from sales_technology.shared.report_filters import clean_filters


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	if not (filters.from_date and filters.to_date):
		frappe.throw(_("Choose the period: From Date and To Date"))
	start, end = getdate(filters.from_date), getdate(filters.to_date)
	if end < start:
		frappe.throw(_("To Date cannot be before From Date"))
	subtree = report_nodes(filters.sales_person)
	node = subtree[0].name
	nodes = [node, *(n.name for n in subtree if n.parent_sales_person == node)]
	readable = get_scope(see_above=False).readable
	if readable is not None:
		nodes = [n for n in nodes if n in readable]
	by_node = {name: figures(values) for name, values in counts(nodes, start, end, filters.company).items()}
	empty = figures({})
	data = []
	for rung, measures in MEASURES.items():
		data.append({"measure": _(RUNG_LABELS[rung]), "indent": 0, "bold": 1})
		for measure in measures:
			row = {
				"measure": _(measure.label),
				"unit": measure.unit,
				"indent": 1,
				"ratio": int(measure.unit == "Ratio"),
			}
			for index, name in enumerate(nodes):
				row[column(index)] = by_node.get(name, empty)[rung][measure.key]
			data.append(row)
	return get_columns(nodes), data, None, get_chart(nodes, by_node)


def column(index: int) -> str:
	return f"node_{index}"


def get_columns(nodes: list[str]) -> list[dict]:
	return [
		{"fieldname": "measure", "label": _("Commitment Level / Measure"), "fieldtype": "Data", "width": 280},
		*(
			{"fieldname": column(index), "label": name, "fieldtype": "Float", "precision": 2, "width": 150}
			for index, name in enumerate(nodes)
		),
	]


def get_chart(nodes: list[str], by_node: dict) -> dict:
	"""The four ratios of the node: the work one step up the ladder takes."""
	ratios = [(rung, measures[-1]) for rung, measures in MEASURES.items()]
	node_figures = by_node.get(nodes[0], figures({}))
	return {
		"data": {
			"labels": [_(measure.label) for _rung, measure in ratios],
			"datasets": [
				{
					"name": nodes[0],
					"values": [node_figures[rung][measure.key] or 0 for rung, measure in ratios],
				}
			],
		},
		"type": "bar",
	}
