"""Customer events: Buyer and Client are earned by purchases, never typed in."""

from __future__ import annotations

import frappe
from frappe.query_builder.functions import Count, Min

from sales_technology.core.client_classification import commitment_level


def count_purchases(customer: str) -> int:
	"""Submitted sales invoices of the customer, returns excluded."""
	return frappe.db.count("Sales Invoice", {"customer": customer, "docstatus": 1, "is_return": 0})


def validate(doc, method: str | None = None) -> None:
	purchases = 0 if doc.is_new() else count_purchases(doc.name)
	doc.st_commitment_level = commitment_level(purchases, doc.st_commitment_level)


def refresh_commitment_level(customer: str) -> None:
	"""Store the level the purchases give and the first purchase's date, leaving the modified time."""
	current = frappe.db.get_value(
		"Customer", customer, ["st_commitment_level", "st_first_purchase_on"], as_dict=True
	)
	invoice = frappe.qb.DocType("Sales Invoice")
	purchases, first = (
		frappe.qb.from_(invoice)
		.select(Count("*"), Min(invoice.posting_date))
		.where(invoice.customer == customer)
		.where(invoice.docstatus == 1)
		.where(invoice.is_return == 0)
	).run()[0]
	values = {
		"st_commitment_level": commitment_level(purchases, current.st_commitment_level),
		"st_first_purchase_on": first,
	}
	if values != {key: current[key] for key in values}:
		frappe.db.set_value("Customer", customer, values, update_modified=False)
