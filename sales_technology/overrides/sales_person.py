"""Sales Person events: one user is one Sales Person, and say early when nobody can act as one."""

from __future__ import annotations

import frappe
from frappe import _

from sales_technology.shared.org_structure import sales_persons_of_user


class AmbiguousSalesPersonError(frappe.ValidationError):
	"""A user who would work as two Sales Persons: owner-based KPIs would count their work twice."""


def validate(doc, method: str | None = None) -> None:
	validate_one_sales_person_per_user(doc)
	warn_without_user(doc)


def validate_one_sales_person_per_user(doc) -> None:
	if not doc.enabled:
		return
	user = doc.get("st_user") or (doc.employee and frappe.db.get_value("Employee", doc.employee, "user_id"))
	if not user:
		return
	others = [name for name in sales_persons_of_user(user) if name != doc.name]
	if others:
		frappe.throw(
			_(
				"User {0} already works as Sales Person {1}. A user is one Sales Person, or the KPIs counted "
				"by owner would count their work twice: disable {1} or unlink the user from it first."
			).format(frappe.bold(user), frappe.bold(others[0])),
			title=_("One User, One Sales Person"),
			exc=AmbiguousSalesPersonError,
		)


def warn_without_user(doc) -> None:
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
