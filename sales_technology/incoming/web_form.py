"""The public request form's answer: the guest reads a thank-you, never what the request found (the
client an e-mail belongs to, its rep, its status)."""

from __future__ import annotations

import frappe
from frappe.website.doctype.web_form.web_form import accept as frappe_accept

INCOMING_REQUEST_FORM = "incoming-request"


@frappe.whitelist(allow_guest=True, methods=["POST"])
def accept(web_form: str, data: str, for_payment=None):
	"""Frappe's web form `accept` (hooks.py overrides it); for the request form, only that it arrived."""
	saved = frappe_accept(web_form, data)
	if web_form != INCOMING_REQUEST_FORM:
		return saved
	return frappe._dict(doctype="Incoming Request")
