"""What the competitors take from us: the deals lost to each (counted, with their amounts, reasons and
segments) beside the intel collected on it, and the clients each competitor holds — from the deals we
lost to it and from what clients told us — as the targets to intercept. Each figure one grouped query.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Count, Max, Sum

CLIENT_DOCTYPES = ("Lead", "Prospect", "Customer")


def lost_deals(
	members: list[str],
	company: str | None,
	from_date: date | None,
	to_date: date | None,
	competitors: bool = True,
):
	"""The members' owners' deals lost in the period (any time without dates), one row per deal and
	competitor named on it (a deal lost without a competitor once, with none); one row per deal without
	`competitors`."""
	deal = frappe.qb.DocType("Opportunity")
	named = frappe.qb.DocType("Competitor Detail")
	query = (
		frappe.qb.from_(deal)
		.where(deal.status == "Lost")
		.where(deal.st_responsible_sales_person.isin(members or [""]))
	)
	if competitors:
		query = query.left_join(named).on(
			(named.parent == deal.name)
			& (named.parenttype == "Opportunity")
			& (named.parentfield == "competitors")
		)
	if from_date:
		query = query.where(deal.st_closed_on >= from_date)
	if to_date:
		query = query.where(deal.st_closed_on <= to_date)
	if company:
		query = query.where(deal.company == company)
	return query, deal, named, Coalesce(named.competitor, "")


def losses_by_competitor(members, company, from_date, to_date) -> dict[str, frappe._dict]:
	"""{competitor: deals lost, amount, {reason: deals}, {segment: deals}}; "" for deals lost to nobody
	named."""
	query, deal, _named, competitor = lost_deals(members, company, from_date, to_date)
	totals = (
		query.select(
			competitor.as_("competitor"),
			Count(deal.name).distinct().as_("deals_lost"),
			Sum(deal.base_opportunity_amount).as_("amount_lost"),
		)
		.groupby(competitor)
		.run(as_dict=True)
	)
	losses = {
		row.competitor: frappe._dict(row, reasons=defaultdict(int), segments=defaultdict(int))
		for row in totals
	}
	segment = Coalesce(deal.market_segment, "")
	for row in (
		query.select(
			competitor.as_("competitor"), segment.as_("segment"), Count(deal.name).distinct().as_("deals")
		)
		.groupby(competitor, segment)
		.run(as_dict=True)
	):
		if row.segment:
			losses[row.competitor].segments[row.segment] += row.deals
	reason = frappe.qb.DocType("Opportunity Lost Reason Detail")
	for row in (
		query.join(reason)
		.on(
			(reason.parent == deal.name)
			& (reason.parenttype == "Opportunity")
			& (reason.parentfield == "lost_reasons")
		)
		.select(competitor.as_("competitor"), reason.lost_reason, Count(deal.name).distinct().as_("deals"))
		.groupby(competitor, reason.lost_reason)
		.run(as_dict=True)
	):
		losses[row.competitor].reasons[row.lost_reason] += row.deals
	return losses


def intel_by_competitor(from_date: date | None, to_date: date | None) -> dict[str, frappe._dict]:
	"""{competitor: intel collected in the period, and when last ever}."""
	intel = frappe.qb.DocType("Competitor Intel")
	in_period = intel.collected_on.isnotnull()
	if from_date:
		in_period &= intel.collected_on >= from_date
	if to_date:
		in_period &= intel.collected_on <= to_date
	rows = (
		frappe.qb.from_(intel)
		.select(
			intel.competitor,
			Sum(Case().when(in_period, 1).else_(0)).as_("intel_collected"),
			Max(intel.collected_on).as_("last_intel_on"),
		)
		.groupby(intel.competitor)
		.run(as_dict=True)
	)
	return {row.competitor: row for row in rows}


def loss_totals(members, company, from_date, to_date) -> frappe._dict:
	"""The deals lost in the period and their amount, each deal once however many competitors it names."""
	query, deal, _named, _competitor = lost_deals(members, company, from_date, to_date, competitors=False)
	return query.select(
		Count(deal.name).as_("deals_lost"), Sum(deal.base_opportunity_amount).as_("amount_lost")
	).run(as_dict=True)[0]


def held_clients(members, company, competitor: str | None = None) -> list[frappe._dict]:
	"""(competitor, client type, client) with the last time we saw the competitor there, how many of our
	deals with the client it took and how much intel says it works with the client: the intercept
	targets. Lost deals are those of the members' owners, at any time; intel is everyone's."""
	query, deal, named, _competitor = lost_deals(members, company, None, None)
	lost = (
		query.select(
			named.competitor,
			deal.opportunity_from.as_("party_type"),
			deal.party_name.as_("party"),
			Max(deal.st_closed_on).as_("last_seen"),
			Count(deal.name).distinct().as_("deals_lost"),
		)
		.where(named.competitor.isnotnull())
		.where(deal.opportunity_from.isin(CLIENT_DOCTYPES))
		.groupby(named.competitor, deal.opportunity_from, deal.party_name)
	)
	if competitor:
		lost = lost.where(named.competitor == competitor)
	intel = frappe.qb.DocType("Competitor Intel")
	told = (
		frappe.qb.from_(intel)
		.select(
			intel.competitor,
			intel.party_type,
			intel.party,
			Max(intel.collected_on).as_("last_seen"),
			Count(intel.name).as_("intel"),
		)
		.where(intel.party.isnotnull() & intel.party_type.isin(CLIENT_DOCTYPES))
		.groupby(intel.competitor, intel.party_type, intel.party)
	)
	if competitor:
		told = told.where(intel.competitor == competitor)
	clients: dict[tuple, frappe._dict] = {}
	for row in lost.run(as_dict=True):
		clients[(row.competitor, row.party_type, row.party)] = frappe._dict(row, intel=0)
	for row in told.run(as_dict=True):
		key = (row.competitor, row.party_type, row.party)
		if key in clients:
			clients[key].intel = row.intel
			clients[key].last_seen = max(clients[key].last_seen or row.last_seen, row.last_seen)
		else:
			clients[key] = frappe._dict(row, deals_lost=0)
	describe_clients(clients.values())
	latest_first = sorted(clients.values(), key=lambda row: str(row.last_seen or ""), reverse=True)
	return sorted(latest_first, key=lambda row: row.competitor)


CLIENT_NAME_FIELD = {"Lead": "company_name", "Prospect": "name", "Customer": "customer_name"}


def describe_clients(rows) -> None:
	"""The client's name, category, temperature and responsible Sales Person, one query per doctype."""
	by_doctype = defaultdict(set)
	for row in rows:
		by_doctype[row.party_type].add(row.party)
	for doctype, names in by_doctype.items():
		fields = [
			"name",
			f"{CLIENT_NAME_FIELD[doctype]} as client_name",
			"st_client_category",
			"st_temperature",
			"st_responsible_sales_person",
		]
		if doctype == "Lead":
			fields.append("lead_name")
		found = {
			client.name: client
			for client in frappe.get_all(doctype, filters={"name": ("in", list(names))}, fields=fields)
		}
		for row in rows:
			if row.party_type == doctype and row.party in found:
				client = found[row.party]
				row.client_name = client.client_name or client.get("lead_name") or row.party
				row.client_category = client.st_client_category
				row.temperature = client.st_temperature
				row.responsible = client.st_responsible_sales_person
