"""The protocol's sign-off by the client: e-mailed from the meeting to the client's decision maker (a
Communication on the meeting and on the client, the protocol's print attached), then agreed by the
client, then signed by both sides with the scan attached."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import now_datetime

from sales_technology.core.meetings import AGREED, CLIENT_MEETING, HELD, SENT, SIGNED, check_sign_off
from sales_technology.shared.validation import SalesRuleError, enforce

PROTOCOL_PRINT_FORMAT = "Sales Meeting Protocol"


class SignOffRefused(SalesRuleError):
	pass


def held_client_meeting(name: str):
	meeting = frappe.get_doc("Sales Meeting", name)
	meeting.check_permission("write")
	if meeting.meeting_kind != CLIENT_MEETING or meeting.status != HELD:
		frappe.throw(
			_("Only the protocol of a held client meeting goes to the client for sign-off"),
			exc=SignOffRefused,
		)
	return meeting


@frappe.whitelist(methods=["POST"])
def send_protocol(meeting: str, recipients: str | None = None, print_language: str | None = None) -> str:
	"""E-mail the protocol to the client; returns the Communication."""
	from frappe.core.doctype.communication.email import make

	doc = held_client_meeting(meeting)
	enforce(check_sign_off, doc.sign_off_status, SENT, bool(doc.signed_scan), exc=SignOffRefused)
	recipients = recipients or (
		frappe.db.get_value("Contact", doc.decision_maker, "email_id") if doc.decision_maker else None
	)
	if not recipients:
		frappe.throw(
			_("Name the client's decision maker with an e-mail address, or give the recipients"),
			exc=SignOffRefused,
		)
	language = print_language or frappe.local.lang
	result = make(
		doctype="Sales Meeting",
		name=doc.name,
		subject=_("Protocol of the meeting: {0}", lang=language).format(doc.subject),
		content=protocol_html(doc, language),
		recipients=recipients,
		send_email=True,
		print_format=PROTOCOL_PRINT_FORMAT,
		print_language=language,
		communication_medium="Email",
	)
	communication = frappe.get_doc("Communication", result["name"])
	communication.add_link(doc.party_type, doc.party)  # on the client's timeline too
	communication.save(ignore_permissions=True)
	doc.db_set({"sign_off_status": SENT, "sent_to": recipients, "sent_on": now_datetime()})
	return communication.name


@frappe.whitelist(methods=["POST"])
def record_sign_off(meeting: str, step: str) -> str:
	"""The client agreed the protocol, or both sides signed it (the scan attached)."""
	doc = held_client_meeting(meeting)
	if step not in (AGREED, SIGNED):
		frappe.throw(_("Unknown sign-off step {0}").format(step), exc=SignOffRefused)
	enforce(check_sign_off, doc.sign_off_status, step, bool(doc.signed_scan), exc=SignOffRefused)
	doc.db_set({"sign_off_status": step, "agreed_on" if step == AGREED else "signed_on": now_datetime()})
	doc.add_comment("Info", _("Protocol: {0}").format(_(step)))
	return step


def protocol_html(doc, language: str) -> str:
	"""The protocol as the e-mail's body, from the same template as its print format."""
	template = frappe.db.get_value("Print Format", PROTOCOL_PRINT_FORMAT, "html")
	previous = frappe.local.lang
	frappe.local.lang = language
	try:
		return frappe.render_template(template, {"doc": doc})
	finally:
		frappe.local.lang = previous
