"""A held client meeting is a done Sales Activity of its type, linked both ways, so that the meeting KPIs
count it once: the activity the rep planned for it, or one made for it."""

from __future__ import annotations

import frappe
from frappe import _

from sales_technology.shared.validation import SalesRuleError

CHANNEL_BY_PLACE = {
	"At the Client": "Meeting at the Client",
	"At Our Office": "Meeting at Our Office",
	"Video": "Video Call",
}


def record_held_meeting(meeting) -> None:
	if meeting.sales_activity:
		link_activity(meeting)
		return
	if not meeting.activity_type:
		frappe.throw(
			_(
				"Choose the Meeting Type (needs meeting, terms meeting…): a held client meeting counts as a done "
				"activity of that type"
			),
			exc=SalesRuleError,
		)
	activity = frappe.get_doc(
		{
			"doctype": "Sales Activity",
			"activity_type": meeting.activity_type,
			"subject": meeting.subject,
			"status": "Done",
			"sales_person": meeting.sales_person,
			"party_type": meeting.party_type,
			"party": meeting.party,
			"contact": meeting.decision_maker,
			"is_decision_maker": 1 if meeting.decision_maker else 0,
			"channel": CHANNEL_BY_PLACE.get(meeting.place),
			"planned_on": meeting.starts_at(),
			"done_at": meeting.starts_at(),
			"sales_meeting": meeting.name,
		}
	).insert()
	meeting.db_set("sales_activity", activity.name, update_modified=False)


def link_activity(meeting) -> None:
	"""The activity the meeting names: its own once, and done once the meeting is held."""
	activity = frappe.get_doc("Sales Activity", meeting.sales_activity)
	if activity.sales_meeting and activity.sales_meeting != meeting.name:
		frappe.throw(
			_("Sales Activity {0} is already the activity of meeting {1}").format(
				frappe.bold(activity.name), frappe.get_desk_link("Sales Meeting", activity.sales_meeting)
			),
			exc=SalesRuleError,
		)
	if (activity.party_type, activity.party) != (meeting.party_type, meeting.party):
		frappe.throw(
			_("Sales Activity {0} is with {1}, not with this meeting's client").format(
				frappe.bold(activity.name), frappe.bold(activity.party_name or activity.party or "-")
			),
			exc=SalesRuleError,
		)
	if not frappe.get_cached_value("Sales Activity Type", activity.activity_type, "is_meeting"):
		frappe.throw(
			_("Sales Activity {0} is a {1}, not a meeting").format(
				frappe.bold(activity.name), _(activity.activity_type)
			),
			exc=SalesRuleError,
		)
	changed = activity.sales_meeting != meeting.name
	activity.sales_meeting = meeting.name
	if activity.status == "Planned":
		activity.status, activity.done_at, changed = "Done", meeting.starts_at(), True
	if changed:
		activity.save()
