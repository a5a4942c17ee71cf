"""Prospect events: a prospect made from a lead takes the lead's classification.

ERPNext builds that prospect in the browser, field by field, so the mapper that carries the
classification on every other conversion does not run.
"""

from __future__ import annotations

import frappe

from sales_technology.setup.custom_fields import CLASSIFICATION_FIELDNAMES


def before_insert(doc, method: str | None = None) -> None:
	lead = next((row.lead for row in doc.get("leads") or [] if row.lead), None)
	if not lead:
		return
	values = frappe.db.get_value("Lead", lead, list(CLASSIFICATION_FIELDNAMES), as_dict=True)
	if not values:
		return
	defaults = {field.fieldname: field.default for field in doc.meta.fields}
	for fieldname, value in values.items():
		if value and doc.get(fieldname) in (None, "", 0, defaults.get(fieldname)):
			doc.set(fieldname, value)
