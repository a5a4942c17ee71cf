"""A client's claim as ERPNext's Issue of the type Claim (seed 000, 2.15): who answers for it, its
category (whose agreement gives ERPNext its deadlines), the steps taken and the client's acceptance."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate, now_datetime, today

from sales_technology.core.claims import CLOSED_STATUSES, is_claim
from sales_technology.shared.clients_and_deals import party_sales_person
from sales_technology.shared.org_structure import get_sales_person


class AcceptanceBeforeResolution(frappe.ValidationError):
	pass


def keep_claim(doc, method: str | None = None) -> None:
	"""Issue validate, before ERPNext applies its agreements: a claim gets the default category and the
	client's responsible rep (else its registrar's); each new step, who took it."""
	if not is_claim(doc):
		return
	if not doc.get("st_claim_category"):
		doc.st_claim_category = frappe.db.get_value("Claim Category", {"is_default": 1}, "name")
	if not doc.get("st_responsible_sales_person"):
		doc.st_responsible_sales_person = party_sales_person(
			"Customer", doc.get("customer")
		) or get_sales_person(doc.owner or frappe.session.user)
	steps = doc.get("st_claim_steps") or []
	for step in steps:
		if not step.taken_by:
			step.taken_by = frappe.session.user
	# the client heard from us: the first step taken, or the claim moved on from Open (a call counts as
	# much as ERPNext's e-mail reply, which sets it on its own)
	if not doc.get("first_responded_on") and (steps or (doc.status and doc.status != "Open")):
		doc.first_responded_on = min(
			[get_datetime(step.taken_on) for step in steps if step.taken_on]
			or [frappe.flags.current_time or now_datetime()]
		)
	if doc.get("st_client_accepted"):
		if doc.status not in CLOSED_STATUSES:
			frappe.throw(
				_("The client accepts a resolution: resolve the claim before marking it accepted"),
				exc=AcceptanceBeforeResolution,
			)
		doc.st_client_accepted_on = doc.get("st_client_accepted_on") or getdate(today())
	else:
		doc.st_client_accepted_on = None
