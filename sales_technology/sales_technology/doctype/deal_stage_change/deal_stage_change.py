# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class DealStageChange(Document):
	pass


def on_doctype_update() -> None:
	"""The funnel report reads a funnel's steps of a period."""
	frappe.db.add_index("Deal Stage Change", ["sales_funnel", "changed_at"])
