# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class SalesForecastSnapshot(Document):
	pass


def on_doctype_update() -> None:
	"""A node's week is kept once: the job replaces it when it runs again."""
	frappe.db.add_index("Sales Forecast Snapshot", ["sales_person", "week_start"])
