"""A party's activities on its form: timeline entries and the dashboard's connections."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import escape_html, get_link_to_form

STATUS_ICONS = {"Planned": "calendar", "Done": "check", "Cancelled": "close", "Missed": "warning"}


def timeline_content(doctype: str, docname: str) -> list[dict]:
	"""The Sales Activities with this party (or advancing this opportunity) that the user may read."""
	if doctype == "Opportunity":
		filters, or_filters = None, [["party", "=", docname], ["opportunity", "=", docname]]
	else:
		filters, or_filters = {"party_type": doctype, "party": docname}, None
	activities = frappe.get_list(
		"Sales Activity",
		filters=filters,
		or_filters=or_filters,
		fields=[
			"name",
			"subject",
			"activity_type",
			"status",
			"done_at",
			"planned_on",
			"creation",
			"sales_person",
			"result",
		],
		order_by="creation desc",
		limit_page_length=50,
	)
	items = []
	for activity in activities:
		when = activity.done_at or activity.planned_on or activity.creation
		result = f" · {escape_html(_(activity.result))}" if activity.result else ""
		items.append(
			{
				"icon": STATUS_ICONS.get(activity.status, "dot-horizontal"),
				"is_card": False,
				"creation": when,
				"content": _("{0}: {1} ({2}, {3}){4}").format(
					_(activity.activity_type),
					get_link_to_form("Sales Activity", activity.name, escape_html(activity.subject)),
					_(activity.status),
					escape_html(activity.sales_person),
					result,
				),
			}
		)
	return items


def add_to_dashboard(data: dict) -> dict:
	"""Show Sales Activities among the party's connections."""
	data = frappe._dict(data)
	# an opportunity's connections link through their "opportunity" field, a party's through "party"
	fieldname = "opportunity" if data.get("fieldname") == "opportunity" else "party"
	data.setdefault("non_standard_fieldnames", {})["Sales Activity"] = fieldname
	data.setdefault("transactions", []).append({"label": _("Sales Technology"), "items": ["Sales Activity"]})
	return data
