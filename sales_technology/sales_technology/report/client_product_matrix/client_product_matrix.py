# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Client Product Matrix (seed 001): clients as rows, products (item groups) as columns, each cell the
client's level for the product (informed 1, interested 2, negotiating 3, sold 4), the funnel index per
client and overall: where to cross-sell."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cstr

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.client_matrix import LEVELS, clients_at_each_level, funnel_index
from sales_technology.deals.client_matrix import matrix
from sales_technology.shared.report_filters import clean_filters


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	members = [node.name for node in report_nodes(filters.sales_person)]
	cells, clients = matrix(members, filters.company, filters.client_category, filters.market_segment)
	products = sorted({product for _client, product in cells})
	per_client, total, average = funnel_index(cells)
	data = []
	for key in sorted(clients, key=lambda k: (-per_client.get(k, 0), clients[k].title)):
		client = clients[key]
		row = {
			"party_type": client.party_type,
			"party": client.party,
			"title": client.title,
			"client_category": client.category,
			"market_segment": client.segment,
			"sales_person": client.responsible,
			"funnel_index": per_client.get(key, 0),
		}
		for index, product in enumerate(products):
			row[column_name(index)] = cells.get((key, product)) or None
		data.append(row)
	return (
		get_columns(products),
		data,
		None,
		get_chart(cells, products),
		[
			{"label": _("Clients"), "value": len(clients), "datatype": "Int"},
			{"label": _("Funnel Index"), "value": total, "datatype": "Int", "indicator": "Blue"},
			{"label": _("Funnel Index per Client"), "value": average or 0, "datatype": "Float"},
		],
	)


def column_name(index: int) -> str:
	return f"product_{index}"


def get_columns(products: list[str]) -> list[dict]:
	columns = [
		{"fieldname": "party_type", "label": _("Party Type"), "fieldtype": "Data", "width": 90},
		{
			"fieldname": "party",
			"label": _("Client"),
			"fieldtype": "Dynamic Link",
			"options": "party_type",
			"width": 150,
		},
		{"fieldname": "title", "label": _("Name"), "fieldtype": "Data", "width": 180},
		{
			"fieldname": "client_category",
			"label": _("Client Category"),
			"fieldtype": "Link",
			"options": "Client Category",
			"width": 110,
		},
		{"fieldname": "funnel_index", "label": _("Funnel Index"), "fieldtype": "Int", "width": 100},
	]
	columns += [
		{"fieldname": column_name(index), "label": cstr(product), "fieldtype": "Int", "width": 120}
		for index, product in enumerate(products)
	]
	columns += [
		{
			"fieldname": "market_segment",
			"label": _("Market Segment"),
			"fieldtype": "Link",
			"options": "Market Segment",
			"width": 130,
		},
		{
			"fieldname": "sales_person",
			"label": _("Responsible Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 160,
		},
	]
	return columns


def get_chart(cells, products: list[str]) -> dict | None:
	"""Per product, the clients at each level (the seed's crosses), stacked."""
	if not products:
		return None
	counted = clients_at_each_level(cells)
	return {
		"data": {
			"labels": products,
			"datasets": [
				{"name": _(name), "values": [counted.get(product, {}).get(level, 0) for product in products]}
				for name, level in LEVELS.items()
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
	}
