# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Group Receivables (seed 000, 2.14; seed 001's overdue receivables): what the clients of each rep owe
on a day, aged 0–30, 31–60, 61–90 and over 90 days overdue, per rep and client with each rep's total
first; from ERPNext's ledger, for the lead's group, the head's department."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.receivables import BUCKETS, NOT_DUE, share_overdue
from sales_technology.receivables.ledger import open_invoices
from sales_technology.shared.report_filters import clean_filters

AMOUNTS = ("outstanding", NOT_DUE, *(label for label, _first, _last in BUCKETS), "overdue")


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	as_of = getdate(filters.as_of or today())
	nodes = [node.name for node in report_nodes(filters.sales_person)]
	clients: dict[tuple[str, str], frappe._dict] = {}
	for invoice in open_invoices(nodes, as_of, filters.company):
		row = clients.setdefault(
			(invoice.sales_person, invoice.customer),
			frappe._dict(
				sales_person=invoice.sales_person,
				customer=invoice.customer,
				customer_name=invoice.customer_name,
				invoices=0,
				indent=1,
				**dict.fromkeys(AMOUNTS, 0.0),
			),
		)
		row.invoices += 1
		for key in AMOUNTS:
			row[key] = round(row[key] + invoice[key], 2)
	data = []
	for rep in sorted({rep for rep, _customer in clients}):
		rows = sorted(
			(row for (key, _customer), row in clients.items() if key == rep), key=lambda row: -row.overdue
		)
		total = frappe._dict(sales_person=rep, invoices=sum(r.invoices for r in rows), indent=0, bold=1)
		for key in AMOUNTS:
			total[key] = round(sum(r[key] for r in rows), 2)
		data += [total, *rows]
	for row in data:
		row.share_overdue = share_overdue(row.overdue, row.outstanding)
	return columns(), data, None, chart(data)


def chart(data) -> dict | None:
	reps = [row for row in data if row.bold]
	if not reps:
		return None
	return {
		"data": {
			"labels": [row.sales_person for row in reps],
			"datasets": [
				{"name": _(label), "values": [row[label] for row in reps]} for label, *_days in BUCKETS
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
	}


def columns() -> list[dict]:
	money = {"fieldtype": "Currency", "width": 140}
	return [
		{
			"fieldname": "sales_person",
			"label": _("Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 160,
		},
		{
			"fieldname": "customer",
			"label": _("Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 180,
		},
		{"fieldname": "invoices", "label": _("Invoices"), "fieldtype": "Int", "width": 80},
		{"fieldname": "outstanding", "label": _("Owed"), **money},
		{"fieldname": NOT_DUE, "label": _("Not Due Yet"), **money},
		*(
			{"fieldname": label, "label": _("{0} Days Overdue").format(label), **money}
			for label, *_days in BUCKETS
		),
		{"fieldname": "overdue", "label": _("Overdue"), **money},
		{
			"fieldname": "share_overdue",
			"label": _("Share of Overdue, %"),
			"fieldtype": "Percent",
			"width": 100,
		},
	]
