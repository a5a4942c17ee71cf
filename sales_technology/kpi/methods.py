"""KPIs that no declaration expresses, named in a Sales KPI's "Python Method": `fn(definition, request)`.

Each is still one query, grouped by requested node and bucket in the database: sales to new and current
clients, feedback levels and churn. (The conversions, the call-to-meeting iterations and the cross-sales
are declared KPIs over what is kept on each activity, core/next_steps.py, and each order line,
overrides/sales_order.py.)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Avg, Cast, Count, Sum
from frappe.utils import flt

from sales_technology.core.feedback import QUALITY_TEMPLATE, SATISFACTION_TEMPLATE
from sales_technology.core.periods import period_containing
from sales_technology.kpi.buckets import bucket_date, bucket_start
from sales_technology.kpi.engine import (
	Facts,
	Request,
	bucket_ends,
	constant_table,
	run_query,
	subtree_members,
)


@dataclass(frozen=True)
class MethodReads:
	"""What a method's facts read, so that its facts of the periods that ended can be kept
	(kpi/period_facts.py): the documents whose change reaches the periods from their dates on, and the
	fields of documents read through a link, whose change reaches every period."""

	dated: dict[str, tuple[str, ...]]
	linked: dict[str, tuple[str, ...]] = field(default_factory=dict)


_INVOICES = {"Sales Invoice": ("posting_date",)}  # the client's first purchase is his invoices' too
_RESPONSIBLE = {"Customer": ("st_responsible_sales_person",)}
_FEEDBACK = {"Quality Feedback": ("creation",)}

# a method missing here is computed from the documents on every read
METHOD_READS: dict[str, MethodReads] = {
	f"sales_technology.kpi.methods.{name}": reads
	for name, reads in {
		"new_clients_amount": MethodReads(_INVOICES),
		"current_clients_amount": MethodReads(_INVOICES),
		"quality_level": MethodReads(_FEEDBACK, _RESPONSIBLE),
		"satisfaction_level": MethodReads(_FEEDBACK, _RESPONSIBLE),
		"client_churn": MethodReads(_INVOICES, _RESPONSIBLE),
	}.items()
}


def _under_nodes(query, sales_person, request: Request):
	"""Join every requested node above the Sales Person a row counts for; returns the query and the node."""
	tree = subtree_members(request)
	return query.join(tree).on(tree.member == sales_person), tree.node


def _invoices(definition) -> frappe._dict:
	return frappe._dict(
		definition,
		aggregate="Sum",
		source_doctype="Sales Invoice",
		date_field="posting_date",
		value_field="base_net_total",
		attribution="Sales Team",
		filters=json.dumps([["is_return", "=", 0]]),
		dimension=None,
	)


def _first_purchase(query, doc):
	customer = frappe.qb.DocType("Customer").as_("buyer")
	return query.join(customer).on(customer.name == doc.customer), customer.st_first_purchase_on


def new_clients_amount(definition, request: Request) -> Facts:
	"""Sales in the period to customers whose first purchase falls in the same period."""

	def only_new(query, doc, bucket):
		query, first = _first_purchase(query, doc)
		return query.where(bucket_start(first, request.bucket, request.fiscal_year_start_month) == bucket)

	return run_query(_invoices(definition), request, extra=only_new)


def current_clients_amount(definition, request: Request) -> Facts:
	"""Sales in the period to customers who had bought before the period began."""

	def only_current(query, doc, bucket):
		query, first = _first_purchase(query, doc)
		return query.where(first < bucket)

	return run_query(_invoices(definition), request, extra=only_current)


def _feedback_level(request: Request, template: str) -> Facts:
	"""The average 1–5 rating of the clients' Quality Feedback of a template, in percent (5 = 100 %),
	counted for each client's Responsible Sales Person, averaged over all ratings under each node."""
	feedback = frappe.qb.DocType("Quality Feedback")
	rating = frappe.qb.DocType("Quality Feedback Parameter")
	customer = frappe.qb.DocType("Customer")
	bucket = bucket_start(feedback.creation, request.bucket, request.fiscal_year_start_month)
	query, node = _under_nodes(
		frappe.qb.from_(rating)
		.join(feedback)
		.on((feedback.name == rating.parent) & (rating.parenttype == "Quality Feedback"))
		.join(customer)
		.on((customer.name == feedback.document_name) & (feedback.document_type == "Customer")),
		customer.st_responsible_sales_person,
		request,
	)
	rows = (
		query.select(
			node.as_("node"),
			bucket.as_("bucket"),
			(Avg(Cast(rating.rating, "unsigned")) * 20).as_("fact"),
		)
		.where(feedback.template == template)
		.where(rating.rating.isin(["1", "2", "3", "4", "5"]))
		.where(feedback.creation >= request.start)
		.where(feedback.creation < request.end + timedelta(days=1))
		.groupby(node, bucket)
	).run(as_dict=True)
	return {(row.node, bucket_date(row.bucket), ""): flt(row.fact, 4) for row in rows}


def quality_level(definition, request: Request) -> Facts:
	return _feedback_level(request, QUALITY_TEMPLATE)


def satisfaction_level(definition, request: Request) -> Facts:
	return _feedback_level(request, SATISFACTION_TEMPLATE)


def client_churn(definition, request: Request) -> Facts:
	"""Of the clients who bought in the period before (of the same length), the share who bought nothing
	in this one, in percent; counted for each client's Responsible Sales Person.

	The buyers of each period before and of each bucket are two grouped reads of the invoices by date,
	joined by client: no look-up per invoice or per client."""
	periods = []
	for start, end in bucket_ends(request):
		before = period_containing(start - timedelta(days=1), request.bucket, request.fiscal_year_start_month)
		periods.append((start, end + timedelta(days=1), before.start))
	buckets = constant_table(
		[
			{"bucket_start": start, "next_day": next_day, "previous_start": previous_start}
			for start, next_day, previous_start in periods
		],
		"buckets",
	)

	def buyers(alias: str, since: str, until: str, first_day, after_last_day):
		"""(customer, bucket_start) of the clients who bought in [since, until) of each bucket; the
		constant bounds let the index on the posting date find the invoices of all the buckets at once."""
		invoice = frappe.qb.DocType("Sales Invoice").as_(alias)
		query = (
			frappe.qb.from_(invoice)
			.join(buckets)
			.on(
				(invoice.posting_date >= getattr(buckets, since))
				& (invoice.posting_date < getattr(buckets, until))
			)
			.select(invoice.customer, buckets.bucket_start)
			.where((invoice.posting_date >= first_day) & (invoice.posting_date < after_last_day))
			.where((invoice.docstatus == 1) & (invoice.is_return == 0))
			.groupby(invoice.customer, buckets.bucket_start)
		)
		if request.company:
			query = query.where(invoice.company == request.company)
		return query.as_(f"{alias}_buyers")

	before = buyers("previous", "previous_start", "bucket_start", min(p[2] for p in periods), periods[-1][0])
	again = buyers("current", "bucket_start", "next_day", periods[0][0], periods[-1][1])
	customer = frappe.qb.DocType("Customer")
	query, node = _under_nodes(
		frappe.qb.from_(before)
		.left_join(again)
		.on((again.customer == before.customer) & (again.bucket_start == before.bucket_start))
		.join(customer)
		.on(customer.name == before.customer),
		customer.st_responsible_sales_person,
		request,
	)
	query = query.select(
		node.as_("node"),
		before.bucket_start.as_("bucket"),
		Count("*").as_("clients"),
		Sum(Case().when(again.customer.isnull(), 1).else_(0)).as_("lost"),
	).groupby(node, before.bucket_start)
	return {
		(row.node, bucket_date(row.bucket), ""): round(flt(row.lost) * 100 / row.clients, 4)
		for row in query.run(as_dict=True)
		if row.clients
	}
