"""The counts behind the funnel figures per commitment level (`core.commitment_figures`), for a node
and its children over a period: done activities and booked meetings by the commitment level of their
party (its level now), the invoices issued and paid as first or repeat purchases, the days to a first
and of a repeat deal. Five grouped queries; each row of theirs is a node and a rung."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Avg, Coalesce, Count, Max, Sum
from pypika import CustomFunction
from pypika.terms import ValueWrapper

from sales_technology.core.client_classification import ADHERENT, CLIENT
from sales_technology.core.commitment_figures import UNPRODUCTIVE_CALL_RESULTS
from sales_technology.core.next_steps import CALL_TAGS
from sales_technology.kpi.engine import Request, subtree_members

_DateDiff = CustomFunction("DATEDIFF", ["end", "start"])


def rung(level):
	"""Adherents are measured with clients."""
	return Case().when(level == ADHERENT, CLIENT).else_(level)


def counts(nodes: list[str], start: date, end: date, company: str | None) -> dict[str, dict[str, float]]:
	"""{node: {"<rung>:<count>": value}}."""
	tree = subtree_members(Request(tuple(nodes), start, end, None))
	found: dict[str, dict[str, float]] = defaultdict(dict)
	for query in (
		activity_counts(tree, start, end),
		meetings_sold(tree, start, end),
		invoice_counts(tree, start, end, company),
		days_to_first_deal(tree, start, end),
		days_of_repeat_deal(tree, start, end, company),
	):
		for row in query.run(as_dict=True):
			for key, value in row.items():
				if key not in ("node", "rung") and row.rung and value is not None:
					found[row.node][f"{row.rung}:{key}"] = float(value)
	return found


def party_level(activity):
	"""The activity and the commitment level of its party (a lead, prospect, opportunity or customer)."""
	tables = {kind: frappe.qb.DocType(kind).as_(f"party_{kind.lower()}") for kind in PARTY_TYPES}
	query = frappe.qb.from_(activity)
	level = Case()
	for kind, table in tables.items():
		query = query.left_join(table).on((activity.party_type == kind) & (table.name == activity.party))
		level = level.when(activity.party_type == kind, table.st_commitment_level)
	return query, level


PARTY_TYPES = ("Lead", "Prospect", "Opportunity", "Customer")


def activity_counts(tree, start: date, end: date):
	"""Done work: productive calls (a call whose result says it reached someone), incoming requests,
	outgoing contacts (calls and meetings)."""
	activity = frappe.qb.DocType("Sales Activity")
	query, level = party_level(activity)
	is_call = (activity.is_meeting == 0) & ((activity.channel == "Phone") | activity.kpi_tag.isin(CALL_TAGS))
	by_rung = rung(level)

	def counted(condition):
		return Sum(Case().when(condition, 1).else_(0))

	return (
		query.join(tree)
		.on(tree.member == activity.sales_person)
		.select(
			tree.node.as_("node"),
			by_rung.as_("rung"),
			counted(
				is_call
				& (Coalesce(activity.result, "") != "")
				& activity.result.notin(UNPRODUCTIVE_CALL_RESULTS)
			).as_("productive_calls"),
			counted(activity.direction == "Incoming").as_("incoming"),
			counted((activity.direction == "Outgoing") & (is_call | (activity.is_meeting == 1))).as_(
				"outgoing"
			),
		)
		.where(activity.status == "Done")
		.where((activity.done_on >= start) & (activity.done_on <= end))
		.groupby(tree.node, by_rung)
	)


def meetings_sold(tree, start: date, end: date):
	"""Meetings booked in the period (registered then, held or still to come; not cancelled)."""
	activity = frappe.qb.DocType("Sales Activity")
	query, level = party_level(activity)
	by_rung = rung(level)
	return (
		query.join(tree)
		.on(tree.member == activity.sales_person)
		.select(tree.node.as_("node"), by_rung.as_("rung"), Count(activity.name).as_("meetings_sold"))
		.where(activity.is_meeting == 1)
		.where(activity.status != "Cancelled")
		.where((activity.creation >= start) & (activity.creation < end + timedelta(days=1)))
		.groupby(tree.node, by_rung)
	)


def invoice_counts(tree, start: date, end: date, company: str | None):
	"""Invoices (not returns) issued in the period and those of them paid, as "first" (the customer's
	first purchase) or "repeat", for the customer's responsible Sales Person."""
	invoice = frappe.qb.DocType("Sales Invoice")
	customer = frappe.qb.DocType("Customer")
	by_rung = Case().when(invoice.posting_date <= customer.st_first_purchase_on, "first").else_("repeat")
	query = (
		frappe.qb.from_(invoice)
		.join(customer)
		.on(customer.name == invoice.customer)
		.join(tree)
		.on(tree.member == customer.st_responsible_sales_person)
		.select(
			tree.node.as_("node"),
			by_rung.as_("rung"),
			Count(invoice.name).as_("issued"),
			Sum(Case().when(invoice.outstanding_amount <= 0, 1).else_(0)).as_("paid"),
		)
		.where(invoice.docstatus == 1)
		.where(invoice.is_return == 0)
		.where(invoice.posting_date.between(start, end))
		.groupby(tree.node, by_rung)
	)
	return query.where(invoice.company == company) if company else query


def days_to_first_deal(tree, start: date, end: date):
	"""From the first contact (the lead the customer came from, else the customer's record) to the
	first purchase, for the customers whose first purchase falls in the period."""
	customer = frappe.qb.DocType("Customer")
	lead = frappe.qb.DocType("Lead")
	return (
		frappe.qb.from_(customer)
		.left_join(lead)
		.on(lead.name == customer.lead_name)
		.join(tree)
		.on(tree.member == customer.st_responsible_sales_person)
		.select(
			tree.node.as_("node"),
			ValueWrapper("first").as_("rung"),
			Avg(_DateDiff(customer.st_first_purchase_on, Coalesce(lead.creation, customer.creation))).as_(
				"days"
			),
		)
		.where(customer.st_first_purchase_on.between(start, end))
		.groupby(tree.node)
	)


def days_of_repeat_deal(tree, start: date, end: date, company: str | None):
	"""Days from a customer's previous invoice to each of its invoices of the period."""
	invoice = frappe.qb.DocType("Sales Invoice")
	before = frappe.qb.DocType("Sales Invoice").as_("before")
	customer = frappe.qb.DocType("Customer")
	previous = (
		frappe.qb.from_(before)
		.select(Max(before.posting_date))
		.where(before.customer == invoice.customer)
		.where(before.docstatus == 1)
		.where(before.is_return == 0)
		.where(before.posting_date < invoice.posting_date)
	)
	days = _DateDiff(invoice.posting_date, previous)
	query = (
		frappe.qb.from_(invoice)
		.join(customer)
		.on(customer.name == invoice.customer)
		.join(tree)
		.on(tree.member == customer.st_responsible_sales_person)
		.select(tree.node.as_("node"), ValueWrapper("repeat").as_("rung"), Avg(days).as_("days"))
		.where(invoice.docstatus == 1)
		.where(invoice.is_return == 0)
		.where(invoice.posting_date.between(start, end))
		.groupby(tree.node)
	)
	return query.where(invoice.company == company) if company else query
