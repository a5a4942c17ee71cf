# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class KPISnapshot(Document):
	pass


def on_doctype_update() -> None:
	frappe.db.add_index("KPI Snapshot", ["company", "period_type", "period_start"])
