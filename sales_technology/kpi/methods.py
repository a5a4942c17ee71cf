"""KPIs that no declaration expresses, named in a Sales KPI's "Python Method": `fn(definition, request)`.

Each is still one query, grouped by requested node and bucket in the database: sales to new and current
clients, cross-sales, feedback levels, churn, and the conversions between the steps of the funnel.
"""

from __future__ import annotations

import json
from datetime import timedelta

import frappe
from frappe.query_builder import Case, Criterion, Order
from frappe.query_builder.functions import Avg, Cast, Count, Min, Sum
from frappe.utils import flt
from pypika.terms import ExistsCriterion

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


def _cross_sales(request: Request, amount: bool) -> Facts:
	"""Order lines of an existing customer in an item group the customer never ordered before."""
	order = frappe.qb.DocType("Sales Order")
	line = frappe.qb.DocType("Sales Order Item")
	team = frappe.qb.DocType("Sales Team")
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
	query, node = _under_nodes(
		frappe.qb.from_(line)
		.join(order)
		.on((order.name == line.parent) & (line.parenttype == "Sales Order"))
		.join(team)
		.on((team.parent == order.name) & (team.parenttype == "Sales Order")),
		team.sales_person,
		request,
	)
	query = (
		query.select(node.as_("node"), bucket.as_("bucket"), value.as_("fact"))
		.where(order.docstatus == 1)
		.where(order.transaction_date.between(request.start, request.end))
		.where(ExistsCriterion(bought_before))
		.where(ExistsCriterion(group_bought_before).negate())
		.groupby(node, bucket)
	)
	if request.company:
		query = query.where(order.company == request.company)
	return {(row.node, bucket_date(row.bucket), ""): flt(row.fact, 6) for row in query.run(as_dict=True)}


def cross_sales_count(definition, request: Request) -> Facts:
	"""Orders of existing customers with an item group they never ordered before."""
	return _cross_sales(request, amount=False)


def cross_sales_amount(definition, request: Request) -> Facts:
	"""The amount of those new-item-group lines, shared by the orders' Sales Team."""
	return _cross_sales(request, amount=True)


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


# Conversions between the steps of the funnel, from done Sales Activities: of the parties reached by one
# step in the period, the share that reached the next step afterwards (by the time the KPI is computed).
WORKING_MEETING_TAGS = ("Needs Meeting", "Terms Meeting")
CALL_TAGS = ("Cold Call", "Call to Decision Maker")


def _done(activity):
	return (activity.status == "Done") & activity.party.isnotnull() & (activity.party != "")


def _same_party(one, other):
	return (one.party_type == other.party_type) & (one.party == other.party)


def _last_done_at(party_of, condition):
	"""When the party's last done activity of a kind happened: one dive into the end of an index on
	(party, party_type, status, kind, done_at), however many activities the party has."""
	later = frappe.qb.DocType("Sales Activity").as_("later_step")
	return (
		frappe.qb.from_(later)
		.select(later.done_at)
		.where(_same_party(later, party_of) & (later.status == "Done") & condition(later))
		.orderby(later.done_at, order=Order.desc)
		.limit(1)  # read backwards from the index's end: MAX() would read all of the party's activities
	)


def _conversion(request: Request, from_tags: tuple[str, ...], next_steps) -> Facts:
	"""Of the parties a Sales Person took through the first step in the bucket, those whose next step
	(`next_steps`: a condition per kind of activity that counts as one) came at or after their first
	such step; the parties count for the Sales Person who did the first step.

	When each party's last next step happened is looked up once per party, one index dive per kind of
	next step, however many Sales Persons and buckets the party's first steps fall in; the first steps
	are grouped per Sales Person, bucket and party before the tree is joined."""

	def first_steps(alias: str):
		first = frappe.qb.DocType("Sales Activity").as_(alias)
		return first, (
			frappe.qb.from_(first)
			.where(_done(first) & first.kpi_tag.isin(from_tags))
			.where((first.done_on >= request.start) & (first.done_on <= request.end))
		)

	first, steps = first_steps("first_step")
	bucket = bucket_start(first.done_on, request.bucket, request.fiscal_year_start_month)
	per_party = (
		steps.select(
			first.sales_person,
			bucket.as_("bucket"),
			first.party_type,
			first.party,
			Min(first.done_at).as_("first_at"),
		).groupby(first.sales_person, bucket, first.party_type, first.party)
	).as_("per_party")
	party, parties = first_steps("party_step")
	parties = parties.select(party.party_type, party.party).distinct().as_("parties")
	last_steps = (
		frappe.qb.from_(parties)
		.select(
			# the derived table's key on (party_type, party) must fit the 1,000 bytes of MariaDB's
			# temporary tables, or each first step is compared with every party: a DocType name (the
			# party type) has at most 61 characters
			Cast(parties.party_type, "CHAR(64)").as_("party_type"),
			parties.party,
			*(_last_done_at(parties, step).as_(f"last_{i}") for i, step in enumerate(next_steps)),
		)
		.distinct()  # keeps MariaDB from merging it into the outer query, which would dive per row
	).as_("last_steps")
	reached = Criterion.any([last_steps[f"last_{i}"] >= per_party.first_at for i in range(len(next_steps))])
	query, node = _under_nodes(
		frappe.qb.from_(per_party)
		.join(last_steps)
		.on((last_steps.party_type == per_party.party_type) & (last_steps.party == per_party.party)),
		per_party.sales_person,
		request,
	)
	rows = (
		query.select(
			node.as_("node"),
			per_party.bucket.as_("bucket"),
			Count(per_party.party).distinct().as_("parties"),
			Count(Case().when(reached, per_party.party)).distinct().as_("converted"),
		).groupby(node, per_party.bucket)
	).run(as_dict=True)
	return {
		(row.node, bucket_date(row.bucket), ""): round(flt(row.converted) * 100 / row.parties, 4)
		for row in rows
		if row.parties
	}


def cold_call_to_meeting(definition, request: Request) -> Facts:
	"""Parties cold-called in the period that then had a meeting, in percent."""
	return _conversion(request, ("Cold Call",), [lambda later: later.is_meeting == 1])


def cold_meeting_to_working_meeting(definition, request: Request) -> Facts:
	"""Parties met cold in the period that then had a working (needs or terms) meeting, in percent."""
	return _conversion(
		request,
		("Cold Meeting",),
		[lambda later, tag=tag: later.kpi_tag == tag for tag in WORKING_MEETING_TAGS],
	)


def needs_to_terms_meeting(definition, request: Request) -> Facts:
	"""Parties with a needs meeting in the period that then had a terms meeting, in percent."""
	return _conversion(request, ("Needs Meeting",), [lambda later: later.kpi_tag == "Terms Meeting"])


def call_meeting_iterations(definition, request: Request) -> Facts:
	"""Calls made to a party before its first meeting, averaged over the parties first met in the period;
	counted for the Sales Person who held that meeting.

	Only a party's earliest meeting of the period can be its first: the meetings are grouped per party,
	one index dive per party finds whether it met anyone earlier, and the surviving meeting is read back
	(ties broken by name); the calls are counted only for those first meetings."""
	in_period = frappe.qb.DocType("Sales Activity").as_("in_period")
	meeting = frappe.qb.DocType("Sales Activity").as_("meeting")
	earlier = frappe.qb.DocType("Sales Activity").as_("earlier_meeting")
	same_time = frappe.qb.DocType("Sales Activity").as_("same_time_meeting")
	call = frappe.qb.DocType("Sales Activity").as_("call")
	earliest = (
		frappe.qb.from_(in_period)
		.select(in_period.party_type, in_period.party, Min(in_period.done_at).as_("first_at"))
		.where(_done(in_period) & (in_period.is_meeting == 1))
		.where((in_period.done_on >= request.start) & (in_period.done_on <= request.end))
		.groupby(in_period.party_type, in_period.party)
	).as_("earliest")
	met_before = (
		frappe.qb.from_(earlier)
		.select(earlier.name)
		.where(_same_party(earlier, earliest) & (earlier.status == "Done") & (earlier.is_meeting == 1))
		.where(earlier.done_at < earliest.first_at)
	)
	tied_before = (
		frappe.qb.from_(same_time)
		.select(same_time.name)
		.where(_same_party(same_time, meeting) & (same_time.status == "Done") & (same_time.is_meeting == 1))
		.where((same_time.done_at == meeting.done_at) & (same_time.name < meeting.name))
	)
	calls_before = (
		frappe.qb.from_(call)
		.select(Count("*"))
		.where(_same_party(call, meeting) & (call.status == "Done") & (call.is_meeting == 0))
		.where((call.channel == "Phone") | call.kpi_tag.isin(CALL_TAGS))
		.where(call.done_at < meeting.done_at)
	)
	bucket = bucket_start(meeting.done_on, request.bucket, request.fiscal_year_start_month)
	first_meetings = (
		frappe.qb.from_(earliest)
		.join(meeting)
		.on(
			_same_party(meeting, earliest)
			& (meeting.status == "Done")
			& (meeting.is_meeting == 1)
			& (meeting.done_at == earliest.first_at)
		)
		.select(meeting.sales_person, bucket.as_("bucket"), calls_before.as_("calls"))
		.where(ExistsCriterion(met_before).negate())
		.where(ExistsCriterion(tied_before).negate())
	).as_("first_meetings")
	query, node = _under_nodes(frappe.qb.from_(first_meetings), first_meetings.sales_person, request)
	rows = (
		query.select(
			node.as_("node"),
			first_meetings.bucket.as_("bucket"),
			Sum(first_meetings.calls).as_("calls"),
			Count("*").as_("parties"),
		).groupby(node, first_meetings.bucket)
	).run(as_dict=True)
	return {
		(row.node, bucket_date(row.bucket), ""): round(flt(row.calls) / row.parties, 4)
		for row in rows
		if row.parties
	}
