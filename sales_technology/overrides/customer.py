"""Customer events: Buyer and Client are earned by purchases, never typed in."""

from __future__ import annotations

import frappe

from sales_technology.core.client_classification import commitment_level


def count_purchases(customer: str) -> int:
	"""Submitted sales invoices of the customer, returns excluded."""
	return frappe.db.count("Sales Invoice", {"customer": customer, "docstatus": 1, "is_return": 0})


def validate(doc, method: str | None = None) -> None:
	purchases = 0 if doc.is_new() else count_purchases(doc.name)
	doc.st_commitment_level = commitment_level(purchases, doc.st_commitment_level)


def refresh_commitment_level(customer: str) -> None:
	"""Store the level the purchases give, without touching the Customer's modified time."""
	current = frappe.db.get_value("Customer", customer, "st_commitment_level")
	level = commitment_level(count_purchases(customer), current)
	if level != current:
		frappe.db.set_value("Customer", customer, "st_commitment_level", level, update_modified=False)
