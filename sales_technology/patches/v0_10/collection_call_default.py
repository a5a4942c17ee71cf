"""Collection Call After Days Overdue is new: a site whose settings were saved before it existed has no
value stored for it, which would read as 0 (no calls planned); the release's default is 7 days."""

import frappe


def execute() -> None:
	stored = frappe.db.sql(
		"select 1 from `tabSingles` where doctype = 'Sales Technology Settings' and field = 'collection_call_after_days'"
	)
	if not stored:
		frappe.db.set_single_value("Sales Technology Settings", "collection_call_after_days", 7)
