"""KPIs that no declaration expresses, named in a Sales KPI's "Python Method": `fn(definition, request)`.

Each is still one query: the declared part (invoices through their Sales Team) narrowed by a condition
that compares the customer's first purchase with the bucket of the invoice.
"""

from __future__ import annotations

import json
from datetime import timedelta

import frappe

from sales_technology.kpi.buckets import bucket_start
from sales_technology.kpi.engine import Facts, Request, run_query


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


def _cross_sales(request: Request, amount: bool) -> Facts:
	"""Order lines of an existing customer in an item group the customer never ordered before."""
	from frappe.query_builder.functions import Count, Sum
	from frappe.utils import flt, getdate
	from pypika.terms import ExistsCriterion

	order = frappe.qb.DocType("Sales Order")
	line = frappe.qb.DocType("Sales Order Item")
	team = frappe.qb.DocType("Sales Team")
	person = frappe.qb.DocType("Sales Person").as_("attributed")
	node = frappe.qb.DocType("Sales Person").as_("node")
	earlier = frappe.qb.DocType("Sales Order").as_("earlier")
	earlier_line = frappe.qb.DocType("Sales Order Item").as_("earlier_line")
	bought_before = (
		frappe.qb.from_(earlier)
		.select(earlier.name)
		.where(earlier.customer == order.customer)
		.where(earlier.docstatus == 1)
		.where(earlier.transaction_date < order.transaction_date)
	)
	group_bought_before = (
		frappe.qb.from_(earlier_line)
		.join(earlier)
		.on(earlier.name == earlier_line.parent)
		.select(earlier_line.name)
		.where(earlier.customer == order.customer)
		.where(earlier.docstatus == 1)
		.where(earlier.transaction_date < order.transaction_date)
		.where(earlier_line.item_group == line.item_group)
	)
	bucket = bucket_start(order.transaction_date, request.bucket, request.fiscal_year_start_month)
	value = (
		Sum(line.base_net_amount * team.allocated_percentage / 100)
		if amount
		else Count(order.name).distinct()
	)
	query = (
		frappe.qb.from_(line)
		.join(order)
		.on((order.name == line.parent) & (line.parenttype == "Sales Order"))
		.join(team)
		.on((team.parent == order.name) & (team.parenttype == "Sales Order"))
		.join(person)
		.on(person.name == team.sales_person)
		.join(node)
		.on((person.lft >= node.lft) & (person.rgt <= node.rgt))
		.select(node.name.as_("node"), bucket.as_("bucket"), value.as_("fact"))
		.where(node.name.isin(request.nodes))
		.where(order.docstatus == 1)
		.where(order.transaction_date.between(request.start, request.end))
		.where(ExistsCriterion(bought_before))
		.where(ExistsCriterion(group_bought_before).negate())
		.groupby(node.name, bucket)
	)
	if request.company:
		query = query.where(order.company == request.company)
	return {(row.node, getdate(row.bucket), ""): flt(row.fact, 6) for row in query.run(as_dict=True)}


def cross_sales_count(definition, request: Request) -> Facts:
	"""Orders of existing customers with an item group they never ordered before."""
	return _cross_sales(request, amount=False)


def cross_sales_amount(definition, request: Request) -> Facts:
	"""The amount of those new-item-group lines, shared by the orders' Sales Team."""
	return _cross_sales(request, amount=True)


QUALITY_TEMPLATE = "Quality (SLA)"
SATISFACTION_TEMPLATE = "Satisfaction"


def _feedback_level(request: Request, template: str) -> Facts:
	"""The average 1–5 rating of the clients' Quality Feedback of a template, in percent (5 = 100 %),
	counted for each client's Responsible Sales Person, averaged over all ratings under each node."""
	from frappe.query_builder.functions import Avg, Cast
	from frappe.utils import flt, getdate

	feedback = frappe.qb.DocType("Quality Feedback")
	rating = frappe.qb.DocType("Quality Feedback Parameter")
	customer = frappe.qb.DocType("Customer")
	person = frappe.qb.DocType("Sales Person").as_("attributed")
	node = frappe.qb.DocType("Sales Person").as_("node")
	bucket = bucket_start(feedback.creation, request.bucket, request.fiscal_year_start_month)
	rows = (
		frappe.qb.from_(rating)
		.join(feedback)
		.on((feedback.name == rating.parent) & (rating.parenttype == "Quality Feedback"))
		.join(customer)
		.on((customer.name == feedback.document_name) & (feedback.document_type == "Customer"))
		.join(person)
		.on(person.name == customer.st_responsible_sales_person)
		.join(node)
		.on((person.lft >= node.lft) & (person.rgt <= node.rgt))
		.select(
			node.name.as_("node"),
			bucket.as_("bucket"),
			(Avg(Cast(rating.rating, "unsigned")) * 20).as_("fact"),
		)
		.where(node.name.isin(request.nodes))
		.where(feedback.template == template)
		.where(rating.rating.isin(["1", "2", "3", "4", "5"]))
		.where(feedback.creation >= request.start)
		.where(feedback.creation < request.end + timedelta(days=1))
		.groupby(node.name, bucket)
	).run(as_dict=True)
	return {(row.node, getdate(row.bucket), ""): flt(row.fact, 4) for row in rows}


def quality_level(definition, request: Request) -> Facts:
	return _feedback_level(request, QUALITY_TEMPLATE)


def satisfaction_level(definition, request: Request) -> Facts:
	return _feedback_level(request, SATISFACTION_TEMPLATE)


def client_churn(definition, request: Request) -> Facts:
	"""Of the clients who bought in the period before (of the same length), the share who bought nothing
	in this one, in percent; counted for each client's Responsible Sales Person."""
	from frappe.query_builder import Case
	from frappe.query_builder.functions import Count
	from frappe.utils import flt, getdate
	from pypika.terms import ExistsCriterion, ValueWrapper

	from sales_technology.core.periods import period_containing
	from sales_technology.kpi.engine import bucket_ends

	selects = []
	for start, end in bucket_ends(request):
		before = period_containing(start - timedelta(days=1), request.bucket, request.fiscal_year_start_month)
		selects.append(
			frappe.qb.select(
				ValueWrapper(start).as_("bucket_start"),
				ValueWrapper(end + timedelta(days=1)).as_("next_day"),
				ValueWrapper(before.start).as_("previous_start"),
			)
		)
	buckets = selects[0]
	for select in selects[1:]:
		buckets = buckets.union_all(select)
	buckets = buckets.as_("buckets")

	previous = frappe.qb.DocType("Sales Invoice").as_("previous")
	current = frappe.qb.DocType("Sales Invoice").as_("current")
	customer = frappe.qb.DocType("Customer")
	person = frappe.qb.DocType("Sales Person").as_("attributed")
	node = frappe.qb.DocType("Sales Person").as_("node")
	bought_again = (
		frappe.qb.from_(current)
		.select(current.name)
		.where(current.customer == previous.customer)
		.where(current.docstatus == 1)
		.where(current.is_return == 0)
		.where(current.posting_date >= buckets.bucket_start)
		.where(current.posting_date < buckets.next_day)
	)
	query = (
		frappe.qb.from_(previous)
		.join(buckets)
		.on(
			(previous.posting_date >= buckets.previous_start) & (previous.posting_date < buckets.bucket_start)
		)
		.join(customer)
		.on(customer.name == previous.customer)
		.join(person)
		.on(person.name == customer.st_responsible_sales_person)
		.join(node)
		.on((person.lft >= node.lft) & (person.rgt <= node.rgt))
		.select(
			node.name.as_("node"),
			buckets.bucket_start.as_("bucket"),
			Count(previous.customer).distinct().as_("clients"),
			Count(Case().when(ExistsCriterion(bought_again).negate(), previous.customer))
			.distinct()
			.as_("lost"),
		)
		.where(node.name.isin(request.nodes))
		.where(previous.docstatus == 1)
		.where(previous.is_return == 0)
		.groupby(node.name, buckets.bucket_start)
	)
	if request.company:
		query = query.where(previous.company == request.company)
	return {
		(row.node, getdate(row.bucket), ""): round(flt(row.lost) * 100 / row.clients, 4)
		for row in query.run(as_dict=True)
		if row.clients
	}
