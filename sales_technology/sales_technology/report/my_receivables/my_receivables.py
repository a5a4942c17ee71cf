# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""My Receivables (seed 000, 2.14): each open invoice of the rep's clients on a day, what is owed and how
long overdue, from ERPNext's ledger; the rep sees his clients, a lead his group's, the head all."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.receivables import share_overdue
from sales_technology.receivables.ledger import open_invoices
from sales_technology.shared.report_filters import clean_filters


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	as_of = getdate(filters.as_of or today())
	nodes = [node.name for node in report_nodes(filters.sales_person)]
	rows = open_invoices(nodes, as_of, filters.company)
	if filters.only_overdue:
		rows = [row for row in rows if row.overdue]
	rows.sort(key=lambda row: (-row.days_overdue, row.sales_person, row.customer_name))
	return columns(), rows, None, None, summary(rows)


def summary(rows) -> list[dict]:
	owed = sum(row.outstanding for row in rows)
	overdue = sum(row.overdue for row in rows)
	share = share_overdue(overdue, owed)
	return [
		{"label": _("Owed"), "value": owed, "datatype": "Currency", "indicator": "blue"},
		{
			"label": _("Overdue"),
			"value": overdue,
			"datatype": "Currency",
			"indicator": "red" if overdue else "green",
		},
		{
			"label": _("Share of Overdue, %"),
			"value": share if share is not None else _("nothing owed"),
			"datatype": "Percent" if share is not None else "Data",
		},
		{"label": _("Overdue Invoices"), "value": sum(1 for row in rows if row.overdue), "datatype": "Int"},
	]


def columns() -> list[dict]:
	return [
		{
			"fieldname": "sales_person",
			"label": _("Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 150,
		},
		{
			"fieldname": "customer",
			"label": _("Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 180,
		},
		# text, not a link: the desk checks every linked doctype, and a rep reads no invoices in ERPNext
		{"fieldname": "invoice", "label": _("Sales Invoice"), "fieldtype": "Data", "width": 160},
		{"fieldname": "posting_date", "label": _("Posting Date"), "fieldtype": "Date", "width": 110},
		{"fieldname": "next_due", "label": _("Payment Due Date"), "fieldtype": "Date", "width": 110},
		{"fieldname": "total", "label": _("Invoiced Amount"), "fieldtype": "Currency", "width": 140},
		{"fieldname": "outstanding", "label": _("Owed"), "fieldtype": "Currency", "width": 140},
		{"fieldname": "overdue", "label": _("Overdue"), "fieldtype": "Currency", "width": 140},
		{"fieldname": "days_overdue", "label": _("Days Overdue"), "fieldtype": "Int", "width": 100},
	]
