"""A rep's profile: one per rep (a group has none), written by his lead with him."""

from __future__ import annotations

import frappe
from frappe import _


class ProfileOfAGroup(frappe.ValidationError):
	"""A profile of a Sales Person who is a group, not a rep."""


def validate_profile(doc, method: str | None = None) -> None:
	if frappe.db.get_value("Sales Person", doc.sales_person, "is_group"):
		frappe.throw(
			_("{0} is a group: a profile is a rep's").format(frappe.bold(doc.sales_person)),
			exc=ProfileOfAGroup,
		)
