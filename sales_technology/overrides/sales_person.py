"""Sales Person events: say early when nobody can act as a Sales Person."""

from __future__ import annotations

import frappe
from frappe import _


def validate(doc, method: str | None = None) -> None:
	if doc.enabled and not doc.is_group and not doc.get("st_user") and doc.employee:
		if not frappe.db.get_value("Employee", doc.employee, "user_id"):
			frappe.msgprint(
				_(
					"Sales Person {0} has no user: its Employee {1} has no User ID. Set the Employee's User ID "
					"or the Sales Person's User, or the rep cannot plan or log activities."
				).format(frappe.bold(doc.sales_person_name or doc.name), frappe.bold(doc.employee)),
				title=_("Sales Person without User"),
				indicator="orange",
			)
