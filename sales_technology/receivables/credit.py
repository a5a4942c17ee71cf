"""A client's credit as his deals show it (seed 000, 2.14): what he owes and what of it is overdue, from
ERPNext's ledger, and ERPNext's own credit hold, a frozen account or a credit limit his outstanding
(with the orders not yet billed) has reached, so that the rep sees it before promising more."""

from __future__ import annotations

import frappe
from erpnext.selling.doctype.customer.customer import get_credit_limit, get_customer_outstanding
from frappe.utils import flt, today

from sales_technology.receivables.ledger import open_invoices


def client_credit(customer: str, company: str) -> frappe._dict:
	"""What the client owes the company, overdue, the oldest days overdue, his credit limit and whether
	he is on credit hold (frozen, or his outstanding has reached the limit)."""
	invoices = open_invoices(None, today(), company, customers=[customer])
	limit = flt(get_credit_limit(customer, company))
	outstanding = flt(get_customer_outstanding(customer, company)) if limit else 0
	frozen = bool(frappe.db.get_value("Customer", customer, "is_frozen"))
	return frappe._dict(
		customer=customer,
		currency=frappe.get_cached_value("Company", company, "default_currency"),
		owed=round(sum(row.outstanding for row in invoices), 2),
		overdue=round(sum(row.overdue for row in invoices), 2),
		days_overdue=max((row.days_overdue for row in invoices), default=0),
		overdue_invoices=sum(1 for row in invoices if row.overdue),
		credit_limit=limit,
		limit_outstanding=outstanding,
		frozen=frozen,
		on_hold=frozen or bool(limit and outstanding >= limit),
	)


@frappe.whitelist()
def deal_credit(opportunity: str) -> dict | None:
	"""The deal form's credit panel: the credit of the deal's client, to whoever may read the deal."""
	deal = frappe.get_doc("Opportunity", opportunity)
	deal.check_permission("read")
	if deal.opportunity_from != "Customer" or not deal.party_name:
		return None
	return client_credit(deal.party_name, deal.company)
