"""What the reps' clients owe, read from ERPNext's own ledger (Payment Ledger Entry, in the company's
currency) and the invoices' payment schedules, never from a second ledger of ours: each open Sales
Invoice of a client whose responsible rep is among the nodes, what of it is owed, when each part fell
due, and its ageing. Two queries, whatever the number of reps and invoices."""

from __future__ import annotations

from datetime import date

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Max, Sum
from frappe.utils import flt, getdate

from sales_technology.core.receivables import Term, ageing, days_overdue, term_balances


def open_invoices(
	reps: list[str] | None, as_of: date, company: str | None = None, customers: list[str] | None = None
) -> list[frappe._dict]:
	"""Per open Sales Invoice of the reps' clients (or of the named clients) on the day: the rep, the
	client, the invoice, its total and what is owed, the earliest unpaid term's due date, days overdue
	and the ageing buckets."""
	if not (reps or customers):
		return []
	as_of = getdate(as_of)
	ple = frappe.qb.DocType("Payment Ledger Entry")
	customer = frappe.qb.DocType("Customer")
	own_row = ple.voucher_no == ple.against_voucher_no  # the invoice's own entry, not a payment's
	query = (
		frappe.qb.from_(ple)
		.join(customer)
		.on(customer.name == ple.party)
		.select(
			ple.against_voucher_no.as_("invoice"),
			ple.party.as_("customer"),
			customer.customer_name,
			customer.st_responsible_sales_person.as_("sales_person"),
			ple.company,
			Sum(ple.amount).as_("outstanding"),
			Sum(Case().when(own_row, ple.amount).else_(0)).as_("total"),
			Max(Case().when(own_row, ple.due_date)).as_("due_date"),
			Max(Case().when(own_row, ple.posting_date)).as_("posting_date"),
		)
		.where(ple.party_type == "Customer")
		.where(ple.account_type == "Receivable")
		.where(ple.delinked == 0)
		.where(ple.against_voucher_type == "Sales Invoice")
		.where(ple.posting_date <= as_of)
		.groupby(
			ple.against_voucher_no,
			ple.party,
			customer.customer_name,
			customer.st_responsible_sales_person,
			ple.company,
		)
		.having(Sum(ple.amount) > 0.005)
		.orderby(customer.st_responsible_sales_person)
		.orderby(ple.party)
	)
	if reps:
		query = query.where(customer.st_responsible_sales_person.isin(reps))
	if customers:
		query = query.where(ple.party.isin(customers))
	if company:
		query = query.where(ple.company == company)
	rows = query.run(as_dict=True)
	terms = schedules([row.invoice for row in rows])
	for row in rows:
		row.outstanding, row.total = flt(row.outstanding, 2), flt(row.total, 2)
		balances = term_balances(
			row.outstanding,
			terms.get(row.invoice) or [Term(getdate(row.due_date or row.posting_date), row.total)],
			row.total,
		)
		row.update(ageing(balances, as_of))
		row.days_overdue = days_overdue(balances, as_of)
		row.next_due = min((balance.due_date for balance in balances), default=None)
	return rows


def schedules(invoices: list[str]) -> dict[str, list[Term]]:
	"""{invoice: its payment terms in the company's currency} of the invoices that have a schedule."""
	found: dict[str, list[Term]] = {}
	if not invoices:
		return found
	for row in frappe.get_all(
		"Payment Schedule",
		filters={"parenttype": "Sales Invoice", "parent": ("in", invoices)},
		fields=["parent", "due_date", "base_payment_amount"],
		order_by="due_date",
	):
		found.setdefault(row.parent, []).append(Term(getdate(row.due_date), flt(row.base_payment_amount)))
	return found
