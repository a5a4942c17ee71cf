"""The public request form: what it offers (the regions and products the settings publish), what the
guest reads back (a thank-you, never what the request found: the client an e-mail belongs to, its rep,
its status), and the bots it drops quietly."""

from __future__ import annotations

import json

import frappe
from frappe.utils import flt
from frappe.website.doctype.web_form.web_form import accept as frappe_accept
from frappe.website.utils import clear_cache as clear_website_cache

from sales_technology.core import incoming
from sales_technology.shared.settings import get_settings

INCOMING_REQUEST_FORM = "incoming-request"
# the keys the form's own script adds to what it posts (not fields of the request)
TRAP_KEY, SECONDS_KEY = "st_website", "st_seconds"
THANK_YOU = frappe._dict(doctype="Incoming Request")


@frappe.whitelist(allow_guest=True, methods=["POST"])
def accept(web_form: str, data: str, for_payment=None):
	"""Frappe's web form `accept` (hooks.py overrides it); for the request form, only that it arrived."""
	if web_form != INCOMING_REQUEST_FORM:
		return frappe_accept(web_form, data)
	posted = json.loads(data) if isinstance(data, str) else dict(data or {})
	seconds = posted.get(SECONDS_KEY)
	if incoming.looks_automated(posted.get(TRAP_KEY), flt(seconds) if seconds is not None else None):
		return THANK_YOU  # a bot learns nothing, not even that it was caught
	frappe_accept(web_form, data)
	return THANK_YOU


def offered_choices(settings=None) -> dict[str, list[str]]:
	settings = settings or get_settings()
	return {
		"territory": [row.territory for row in settings.get("incoming_regions") or []],
		"item_group": [row.item_group for row in settings.get("incoming_products") or []],
	}


def publish_request_choices(settings=None) -> None:
	"""Settings on_update and every migrate: the form's Region and Product are Selects of what the settings
	publish (its Link fields listed every Territory and Item Group to a guest), hidden when none are."""
	if not frappe.db.exists("Web Form", INCOMING_REQUEST_FORM):
		return
	for fieldname, values in offered_choices(settings).items():
		frappe.db.set_value(
			"Web Form Field",
			{"parent": INCOMING_REQUEST_FORM, "parenttype": "Web Form", "fieldname": fieldname},
			{"fieldtype": "Select", "options": "\n".join(["", *values]), "hidden": 0 if values else 1},
		)
	clear_website_cache(INCOMING_REQUEST_FORM)
