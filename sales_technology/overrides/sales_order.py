"""Sales Order events: each order line keeps whether it is a cross-sale (`st_cross_sale`: an existing
client's first order of the line's item group), so that the cross-sales KPIs are declared over the lines
and kept per day like the others, instead of searching each client's earlier orders on every read.

A client's lines are rewritten whenever one of its orders is submitted, cancelled or its lines updated
after submit: an order dated before the others changes what the later ones are."""

from __future__ import annotations

import frappe
from pypika.terms import ExistsCriterion

from sales_technology.kpi import kept_facts


def cross_sale_lines(customers: list[str] | None = None):
	"""The query of the names of the order lines that are cross-sales (of the customers, or all): a
	submitted order's line whose customer had an earlier submitted order, none of them with a line of the
	item group."""
	order = frappe.qb.DocType("Sales Order")
	line = frappe.qb.DocType("Sales Order Item")
	earlier = frappe.qb.DocType("Sales Order").as_("earlier")
	earlier_line = frappe.qb.DocType("Sales Order Item").as_("earlier_line")
	bought_before = (
		frappe.qb.from_(earlier)
		.select(earlier.name)
		.where(earlier.customer == order.customer)
		.where(earlier.docstatus == 1)
		.where(earlier.transaction_date < order.transaction_date)
	)
	group_bought_before = (
		frappe.qb.from_(earlier_line)
		.join(earlier)
		.on(earlier.name == earlier_line.parent)
		.select(earlier_line.name)
		.where(earlier.customer == order.customer)
		.where(earlier.docstatus == 1)
		.where(earlier.transaction_date < order.transaction_date)
		.where(earlier_line.item_group == line.item_group)
	)
	query = (
		frappe.qb.from_(line)
		.join(order)
		.on((order.name == line.parent) & (line.parenttype == "Sales Order"))
		.select(line.name)
		.distinct()  # keeps MariaDB from merging it into an update of the same table
		.where(order.docstatus == 1)
		.where(ExistsCriterion(bought_before))
		.where(ExistsCriterion(group_bought_before).negate())
	)
	if customers is not None:
		query = query.where(order.customer.isin(customers))
	return query


def order_changed(doc, method: str | None = None) -> None:
	"""on_submit, on_cancel, on_update_after_submit: the client's lines rewritten where they changed."""
	if doc.customer:
		refresh_cross_sales([doc.customer])


def refresh_cross_sales(customers: list[str]) -> None:
	"""Rewrite the cross-sale mark of the customers' order lines where it changed, and mark the orders'
	days for the kept facts."""
	order = frappe.qb.DocType("Sales Order")
	line = frappe.qb.DocType("Sales Order Item")
	cross = set(cross_sale_lines(customers).run(pluck="name"))
	lines = (
		frappe.qb.from_(line)
		.join(order)
		.on((order.name == line.parent) & (line.parenttype == "Sales Order"))
		.select(line.name, line.st_cross_sale, order.transaction_date)
		.where(order.customer.isin(customers))
		.run(as_dict=True)
	)
	changed = [row for row in lines if bool(row.st_cross_sale) != (row.name in cross)]
	for value in (0, 1):
		names = [row.name for row in changed if (row.name in cross) == bool(value)]
		if names:
			frappe.qb.update(line).set(line.st_cross_sale, value).where(line.name.isin(names)).run()
	kept_facts.mark_days("Sales Order", {row.transaction_date for row in changed})


def refresh_all_cross_sales() -> None:
	"""Every order line's mark from scratch, in two statements: for a bulk import, and for the upgrade
	that introduced it."""
	frappe.db.sql("update `tabSales Order Item` set st_cross_sale = 0 where st_cross_sale = 1")
	frappe.db.sql(
		f"""update `tabSales Order Item` line
		join ({cross_sale_lines().get_sql()}) cross_sale on cross_sale.name = line.name
		set line.st_cross_sale = 1"""  # nosemgrep: the query builder's own SQL, no user input
	)
