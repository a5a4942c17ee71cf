"""Customer events: Buyer and Client are earned by purchases, never typed in."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Min

from sales_technology.core.client_classification import (
	ADHERENT,
	BUYER,
	CLIENT,
	POTENTIAL,
	VISITOR,
	commitment_level,
)
from sales_technology.shared.background_work import work_in_chunks


def count_purchases(customer: str) -> int:
	"""Submitted sales invoices of the customer, returns excluded."""
	return frappe.db.count("Sales Invoice", {"customer": customer, "docstatus": 1, "is_return": 0})


def validate(doc, method: str | None = None) -> None:
	purchases = 0 if doc.is_new() else count_purchases(doc.name)
	doc.st_commitment_level = commitment_level(purchases, doc.st_commitment_level)


def refresh_commitment_level(customer: str) -> None:
	"""Store the level the purchases give and the first purchase's date, leaving the modified time."""
	current = frappe.db.get_value(
		"Customer", customer, ["st_commitment_level", "st_first_purchase_on"], as_dict=True
	)
	invoice = frappe.qb.DocType("Sales Invoice")
	purchases, first = (
		frappe.qb.from_(invoice)
		.select(Count("*"), Min(invoice.posting_date))
		.where(invoice.customer == customer)
		.where(invoice.docstatus == 1)
		.where(invoice.is_return == 0)
	).run()[0]
	values = {
		"st_commitment_level": commitment_level(purchases, current.st_commitment_level),
		"st_first_purchase_on": first,
	}
	if values != {key: current[key] for key in values}:
		frappe.db.set_value("Customer", customer, values, update_modified=False)


def backfill_client_facts(customers: list[str] | None = None) -> None:
	"""Every customer's (or these customers') commitment level and first purchase from the submitted
	invoices, in one statement: a site that had years of invoices before the app (or imports them in bulk)
	gets true client facts. The CASE is `core.client_classification.commitment_level` in SQL (a tier-2
	test holds them equal)."""
	of_customers = "where customer.name in %(customers)s" if customers else ""
	their_invoices = "and invoice.customer in %(customers)s" if customers else ""
	frappe.db.sql(
		f"""
		update `tabCustomer` customer
		left join (
			select invoice.customer, count(*) as purchases, min(invoice.posting_date) as first_on
			from `tabSales Invoice` invoice
			where invoice.docstatus = 1 and invoice.is_return = 0 {their_invoices}
			group by invoice.customer
		) bought on bought.customer = customer.name
		set customer.st_first_purchase_on = bought.first_on,
			customer.st_commitment_level = case
				when bought.purchases is null then
					if(customer.st_commitment_level = %(visitor)s, %(visitor)s, %(potential)s)
				when customer.st_commitment_level = %(adherent)s then %(adherent)s
				when bought.purchases = 1 then %(buyer)s
				else %(client)s
			end
		{of_customers}
		""",
		{
			"customers": tuple(customers or ()),
			"potential": POTENTIAL,
			"visitor": VISITOR,
			"buyer": BUYER,
			"client": CLIENT,
			"adherent": ADHERENT,
		},
	)


# customers recomputed per statement in the background: each chunk commits and shows its progress
CLIENT_FACTS_CHUNK = 2000


@frappe.whitelist(methods=["POST"])
def recompute_client_facts() -> None:
	"""For the head after a bulk import of invoices: derive every customer's facts again, in the
	background, with a progress bar and a word when done."""
	if frappe.session.user != "Administrator" and not {"Sales Head", "System Manager"} & set(
		frappe.get_roles()
	):
		frappe.throw(
			_("Only the Sales Head or a System Manager recomputes the client facts"), frappe.PermissionError
		)
	frappe.enqueue(
		"sales_technology.overrides.customer.recompute_client_facts_in_background",
		queue="long",
		timeout=3600,
		job_id="st-recompute-client-facts",
		deduplicate=True,
	)
	frappe.msgprint(_("The client facts are being recomputed in the background"), alert=True)


def recompute_client_facts_in_background() -> None:
	work_in_chunks(
		frappe.get_all("Customer", pluck="name", order_by="name"),
		CLIENT_FACTS_CHUNK,
		backfill_client_facts,
		title=_("Recompute Client Facts"),
		progress=_("{0} of {1} customers"),
	)
	frappe.publish_realtime(
		"msgprint",
		_("Commitment levels and first purchases were recomputed from the invoices"),
		user=frappe.session.user,
	)
