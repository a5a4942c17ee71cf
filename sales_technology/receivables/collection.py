"""Collection calls (seed 000, 2.14: the rep controls his clients' payments): each morning every invoice
of a rep's client overdue by more than the settings' days gets a call planned in the rep's day, of the
process Control payments and receivables, about that invoice; once, until the rep has done it, and again
when it stays unpaid that many days after the last call."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import frappe
from frappe import _
from frappe.utils import cint, getdate, today

from sales_technology.receivables.ledger import open_invoices
from sales_technology.shared.settings import get_settings

COLLECTION_PROCESS = "2.14"
CALL_AT = time(10, 0)


def plan_collection_calls(day: date | None = None) -> list[str]:
	"""Daily: the collection calls of the day; returns the activities planned."""
	after = cint(get_settings().get("collection_call_after_days"))
	activity_type = frappe.db.get_value("Sales Activity Type", {"code": COLLECTION_PROCESS})
	if after <= 0 or not activity_type:
		return []
	day = getdate(day or today())
	reps = frappe.get_all("Sales Person", filters={"is_group": 0, "enabled": 1}, pluck="name")
	overdue = [row for row in open_invoices(reps, day) if row.days_overdue > after]
	if not overdue:
		return []
	# an invoice whose call still waits, or was made within the days, gets none now
	invoices = [row.invoice for row in overdue]
	waiting = frappe.get_all(
		"Sales Activity",
		filters={"sales_invoice": ("in", invoices), "status": "Planned"},
		pluck="sales_invoice",
	)
	called = frappe.get_all(
		"Sales Activity",
		filters={
			"sales_invoice": ("in", invoices),
			"status": "Done",
			"done_on": (">", day - timedelta(days=after)),
		},
		pluck="sales_invoice",
	)
	recent = set(waiting) | set(called)
	planned = []
	for row in overdue:
		if row.invoice in recent:
			continue
		activity = frappe.get_doc(
			{
				"doctype": "Sales Activity",
				"activity_type": activity_type,
				"subject": _("Collect {0} overdue {1} days: {2}").format(
					frappe.format(row.overdue, {"fieldtype": "Currency"}), row.days_overdue, row.invoice
				),
				"status": "Planned",
				"sales_person": row.sales_person,
				"party_type": "Customer",
				"party": row.customer,
				"channel": "Phone",
				"direction": "Outgoing",
				"planned_on": datetime.combine(day, CALL_AT),
				"sales_invoice": row.invoice,
			}
		)
		activity.insert(ignore_permissions=True)
		planned.append(activity.name)
	return planned
