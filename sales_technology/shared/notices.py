"""Notices to the people of the department: each told once per matter, however often a job runs."""

from __future__ import annotations

import frappe


def notify_once(
	user: str,
	key: str,
	subject: str,
	message: str,
	sales_person: str,
	document: tuple[str, str] | None = None,
	link: str | None = None,
) -> bool:
	"""One notice per user and key (rep, day, kind), whatever language the subject was written in; it
	opens `link` (a desk route), else `document` (doctype, name), else the rep's Sales Person."""
	if frappe.db.exists("Notification Log", {"for_user": user, "st_notification_key": key}):
		return False
	notice = {
		"doctype": "Notification Log",
		"for_user": user,
		"type": "Alert",
		"subject": subject,
		"email_content": message,
		"st_notification_key": key,
	}
	if link:
		notice["link"] = link
	else:
		notice["document_type"] = document[0] if document else "Sales Person"
		notice["document_name"] = document[1] if document else sales_person
	frappe.get_doc(notice).insert(ignore_permissions=True)
	return True
