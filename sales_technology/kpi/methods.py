"""KPIs that no declaration expresses, named in a Sales KPI's "Python Method": `fn(definition, request)`.

Each is still one query: the declared part (invoices through their Sales Team) narrowed by a condition
that compares the customer's first purchase with the bucket of the invoice.
"""

from __future__ import annotations

import json

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
