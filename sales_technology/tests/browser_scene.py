"""Setting the scene for the browser tests (tier 3), run by them through `bench execute`: they act as the
people in Chromium; this only clears what an earlier run of the same test left, so that each run starts
from the same day."""

from __future__ import annotations

import frappe
from frappe.utils import today

from sales_technology.org_structure import get_sales_person


def forget_today(user: str) -> dict:
	"""Remove the user's Day plan, daily report and self-logged activities of today."""
	node = get_sales_person(user)
	day = today()
	reports = frappe.get_all("Daily Sales Report", {"sales_person": node, "report_date": day}, pluck="name")
	for name in reports:
		remove(frappe.get_doc("Daily Sales Report", name))
	activities = frappe.get_all("Sales Activity", {"owner": user, "creation": (">=", day)}, pluck="name")
	for name in activities:
		frappe.delete_doc("Sales Activity", name, ignore_permissions=True, force=True)
	plans = frappe.get_all(
		"Sales Plan", {"sales_person": node, "period_type": "Day", "period_start": day}, pluck="name"
	)
	for name in plans:
		frappe.db.set_value("Sales Activity", {"day_plan": name}, "day_plan", None)
		remove(frappe.get_doc("Sales Plan", name))
	frappe.db.commit()
	return {"reports": reports, "activities": activities, "day_plans": plans}


def remove(doc) -> None:
	if doc.docstatus == 1:
		doc.flags.ignore_permissions = True
		doc.cancel()
	frappe.delete_doc(doc.doctype, doc.name, ignore_permissions=True, force=True)
