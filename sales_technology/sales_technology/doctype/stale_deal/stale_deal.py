# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class StaleDeal(Document):
	pass


def on_doctype_update() -> None:
	"""One flag a deal and reason: the job adds what is new and removes what cleared."""
	frappe.db.add_unique("Stale Deal", ["opportunity", "reason"], constraint_name="unique_deal_reason")
