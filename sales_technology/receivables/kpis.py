"""The receivables' KPIs (seed 001 counts overdue receivables among the manager's measures): what the
clients of each node owed past its terms at the end of each bucket, and that as a share of all they
owed. One query each, grouped by node and bucket in the database, from ERPNext's Payment Ledger Entry
and the invoices' payment schedules, as My Receivables and Group Receivables read them.

An invoice's overdue part on a day is what it still owes less its terms not yet due, never below zero:
payments settle the earliest terms first (core/receivables.py), so what they left unpaid of the terms
already due is exactly that. A balance at a date, so never summed over buckets; computed from the
documents on every read (a payment's cancellation unlinks ledger rows without a document event)."""

from __future__ import annotations

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Max, Sum
from frappe.utils import flt, getdate, today
from pypika import CustomFunction
from pypika.terms import Field

from sales_technology.kpi.buckets import bucket_date
from sales_technology.kpi.engine import Facts, Request, bucket_ends, constant_table, subtree_members

_Greatest = CustomFunction("GREATEST", ["one", "two"])


def owed_by_node(request: Request) -> list[frappe._dict]:
	"""Per requested node and bucket: `owed` (all the node's clients owed at the bucket's end, or today
	for a bucket still running) and `overdue` (of it, past its terms)."""
	last_day = getdate(today())
	days = [
		{"bucket_start": start, "as_of": min(end, last_day)}
		for start, end in bucket_ends(request)
		if start <= last_day
	]
	if not days:  # nothing is owed yet in buckets still to come
		return []
	buckets = constant_table(days, "buckets")
	ple = frappe.qb.DocType("Payment Ledger Entry")
	own_row = ple.voucher_no == ple.against_voucher_no  # the invoice's own entry, not a payment's
	owed = (
		frappe.qb.from_(ple)
		.join(buckets)
		.on(ple.posting_date <= Field("as_of", table=buckets))
		.select(
			buckets.bucket_start,
			Field("as_of", table=buckets),
			ple.against_voucher_no.as_("invoice"),
			ple.party.as_("customer"),
			Sum(ple.amount).as_("outstanding"),
			Sum(Case().when(own_row, ple.amount).else_(0)).as_("total"),
			Max(Case().when(own_row, ple.due_date)).as_("own_due"),
		)
		.where(ple.party_type == "Customer")
		.where(ple.account_type == "Receivable")
		.where(ple.delinked == 0)
		.where(ple.against_voucher_type == "Sales Invoice")
		.where(ple.posting_date <= min(request.end, last_day))
		.groupby(buckets.bucket_start, Field("as_of", table=buckets), ple.against_voucher_no, ple.party)
		.having(Sum(ple.amount) > 0.005)
	)
	if request.company:
		owed = owed.where(ple.company == request.company)
	owed = owed.as_("owed")

	# what of each invoice is not due yet on the day: its terms due that day or later (the last term
	# takes what the terms leave of the total), or the whole invoice before its own due date
	term = frappe.qb.DocType("Payment Schedule")
	later = Sum(Case().when(term.due_date >= Field("as_of", table=owed), term.base_payment_amount).else_(0))
	rest = (
		Case()
		.when(
			Max(term.due_date) >= Field("as_of", table=owed),
			Field("total", table=owed) - Sum(term.base_payment_amount),
		)
		.else_(0)
	)
	whole = (
		Case()
		.when(Field("own_due", table=owed) >= Field("as_of", table=owed), Field("total", table=owed))
		.else_(0)
	)
	not_due = Case().when(Count(term.name) > 0, later + rest).else_(whole)
	invoices = (
		frappe.qb.from_(owed)
		.left_join(term)
		.on((term.parent == Field("invoice", table=owed)) & (term.parenttype == "Sales Invoice"))
		.select(
			Field("bucket_start", table=owed),
			Field("customer", table=owed),
			Field("outstanding", table=owed),
			_Greatest(Field("outstanding", table=owed) - not_due, 0).as_("overdue"),
		)
		.groupby(
			Field("bucket_start", table=owed),
			Field("invoice", table=owed),
			Field("customer", table=owed),
			Field("outstanding", table=owed),
			Field("total", table=owed),
			Field("own_due", table=owed),
			Field("as_of", table=owed),
		)
	).as_("invoices")

	customer = frappe.qb.DocType("Customer")
	tree = subtree_members(request)
	return (
		frappe.qb.from_(invoices)
		.join(customer)
		.on(customer.name == Field("customer", table=invoices))
		.join(tree)
		.on(tree.member == customer.st_responsible_sales_person)
		.select(
			tree.node,
			Field("bucket_start", table=invoices).as_("bucket"),
			Sum(Field("outstanding", table=invoices)).as_("owed"),
			Sum(Field("overdue", table=invoices)).as_("overdue"),
		)
		.groupby(tree.node, Field("bucket_start", table=invoices))
	).run(as_dict=True)


def overdue_receivables(definition, request: Request) -> Facts:
	"""What the node's clients owed past its terms at the bucket's end, in the company's currency."""
	return {(row.node, bucket_date(row.bucket), ""): flt(row.overdue, 2) for row in owed_by_node(request)}


def overdue_share(definition, request: Request) -> Facts:
	"""Overdue as a percent of all the node's clients owed; no fact where they owed nothing (nothing
	measured, which is not 0 %)."""
	return {
		(row.node, bucket_date(row.bucket), ""): round(flt(row.overdue) * 100 / flt(row.owed), 4)
		for row in owed_by_node(request)
		if flt(row.owed) > 0.005
	}
