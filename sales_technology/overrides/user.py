"""A user given a sales position's Role Profile: warn when they are not on the Sales Person tree yet."""

from __future__ import annotations

import frappe
from frappe import _

from sales_technology.core.roles import TREE_POSITIONS
from sales_technology.shared.org_structure import get_sales_person


def position_profiles(user) -> set[str]:
	"""The role profiles of the user (one field on Frappe v15, a table on v16)."""
	profiles = {row.role_profile for row in user.get("role_profiles") or []}
	if user.get("role_profile_name"):
		profiles.add(user.role_profile_name)
	return profiles


def validate(doc, method=None) -> None:
	positions = position_profiles(doc) & set(TREE_POSITIONS)
	if not positions or get_sales_person(doc.name):
		return
	frappe.msgprint(
		_(
			"{0} has the {1} role profile but is not a Sales Person, so plans, activities and reports have "
			"no node to work on. Link the user to a Sales Person: set the User ID of the Employee that the "
			"Sales Person links, or the User field of the Sales Person."
		).format(frappe.bold(doc.name), _(sorted(positions)[0])),
		title=_("Not a Sales Person"),
		indicator="orange",
		alert=False,
	)
