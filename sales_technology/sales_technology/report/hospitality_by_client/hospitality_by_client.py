# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Hospitality by Client (seed 000, 2.17): per client of a node's reps, the gifts and hospitality approved
for the period beside the client's turnover in it (what was spent for what was sold), and above the
table the node's budget, what is committed and what is left."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Sum
from frappe.utils import add_months, flt, getdate, today

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.hospitality import APPROVED, COMMITTED, budget_left
from sales_technology.hospitality.budgets import budgets_over, committed_against
from sales_technology.shared.report_filters import clean_filters


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	to_date = getdate(filters.to_date or today())
	from_date = getdate(filters.from_date or add_months(to_date, -3))
	tree = report_nodes(filters.sales_person)
	nodes = [node.name for node in tree]
	request = frappe.qb.DocType("Hospitality Request")
	spent = (
		frappe.qb.from_(request)
		.select(
			request.customer,
			Sum(request.amount).as_("approved"),
			Count(request.name).as_("requests"),
			Sum(Case().when(request.status != APPROVED, request.amount).else_(0)).as_("awaiting_head"),
		)
		.where(request.sales_person.isin(nodes))
		.where(request.status.isin(COMMITTED))
		.where(request.needed_on.between(from_date, to_date))
		.groupby(request.customer)
	).run(as_dict=True)
	customers = [row.customer for row in spent] or [""]
	invoice = frappe.qb.DocType("Sales Invoice")
	turnover = dict(
		(
			frappe.qb.from_(invoice)
			.select(invoice.customer, Sum(invoice.base_net_total))
			.where(invoice.docstatus == 1)
			.where(invoice.customer.isin(customers))
			.where(invoice.posting_date.between(from_date, to_date))
			.groupby(invoice.customer)
		).run()
	)
	names = dict(
		frappe.get_all(
			"Customer", filters={"name": ("in", customers)}, fields=["name", "customer_name"], as_list=True
		)
	)
	data = []
	for row in sorted(spent, key=lambda row: -flt(row.approved)):
		sold = flt(turnover.get(row.customer))
		data.append(
			{
				"customer": row.customer,
				"customer_name": names.get(row.customer),
				"requests": row.requests,
				"approved": flt(row.approved),
				"awaiting_head": flt(row.awaiting_head),
				"turnover": sold,
				"share_of_turnover": round(flt(row.approved) * 100 / sold, 1) if sold else None,
			}
		)
	return columns(), data, None, None, summary(tree[0].name if tree else None, to_date)


def summary(node: str | None, day) -> list[dict]:
	"""The budget of the node (else the nearest above) for the report's last day: set, committed, left."""
	if not node:
		return []
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	budgets = budgets_over(node, company, day)
	if not budgets:
		return [{"label": _("Hospitality Budget"), "value": _("None set"), "datatype": "Data"}]
	budget = budgets[0]
	committed = committed_against(budget.sales_person, budget.period_start, budget.period_end, None)
	left = budget_left(flt(budget.amount), committed)
	return [
		{
			"label": _("Budget of {0}").format(budget.sales_person),
			"value": flt(budget.amount),
			"datatype": "Currency",
		},
		{"label": _("Approved and Awaiting the Head"), "value": committed, "datatype": "Currency"},
		{
			"label": _("Budget Left"),
			"value": left,
			"datatype": "Currency",
			"indicator": "Green" if left > 0 else "Red",
		},
	]


def columns() -> list[dict]:
	money = {"fieldtype": "Currency", "width": 150}
	return [
		{
			"fieldname": "customer",
			"label": _("Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 160,
		},
		{"fieldname": "customer_name", "label": _("Customer Name"), "fieldtype": "Data", "width": 180},
		{"fieldname": "requests", "label": _("Requests"), "fieldtype": "Int", "width": 100},
		{"fieldname": "approved", "label": _("Gifts and Hospitality"), **money},
		{"fieldname": "awaiting_head", "label": _("Of It Awaiting the Head"), **money},
		{"fieldname": "turnover", "label": _("Turnover"), **money},
		{
			"fieldname": "share_of_turnover",
			"label": _("Share of Turnover, %"),
			"fieldtype": "Percent",
			"width": 150,
		},
	]
