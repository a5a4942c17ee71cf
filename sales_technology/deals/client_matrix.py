"""The client × product matrix's data: per client (the party of a deal, or an invoiced customer) and
product (item group), the level of its deals' stages and what it was invoiced for, within the user's
part of the tree; one grouped query for the deals, one for the invoices, one per party type for the
clients' names, categories and segments (`core.client_matrix` decides the levels)."""

from __future__ import annotations

from dataclasses import dataclass

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Max

from sales_technology.core.client_matrix import LEVELS, SOLD, cell_levels

WON_STATUS = "Converted"
PARTY_TYPES = ("Customer", "Lead", "Prospect")
TITLE_FIELDS = {"Customer": "customer_name", "Lead": "company_name", "Prospect": "company_name"}


@dataclass(frozen=True)
class Client:
	party_type: str
	party: str
	title: str
	category: str | None
	segment: str | None
	responsible: str | None


def deal_levels(members: list[str], company: str | None) -> list[tuple[str, str, int]]:
	"""((party type, party), item group, the highest level of the party's deals for that group): a won
	deal is sold, any other its stage's client level; deals counted for their owner's Sales Person."""
	deal = frappe.qb.DocType("Opportunity")
	item = frappe.qb.DocType("Opportunity Item")
	stage = frappe.qb.DocType("Sales Funnel Stage")
	level = Case()
	for name, value in LEVELS.items():
		level = level.when(stage.client_level == name, value)
	level = Case().when(deal.status == WON_STATUS, LEVELS[SOLD]).else_(level.else_(0))
	query = (
		frappe.qb.from_(deal)
		.join(item)
		.on((item.parent == deal.name) & (item.parenttype == "Opportunity") & (item.parentfield == "items"))
		.left_join(stage)
		.on(
			(stage.parent == deal.st_sales_funnel)
			& (stage.parenttype == "Sales Funnel")
			& (stage.sales_stage == deal.sales_stage)
		)
		.select(deal.opportunity_from, deal.party_name, item.item_group, Max(level).as_("level"))
		.where(deal.st_responsible_sales_person.isin(members or [""]))
		.where(item.item_group.isnotnull())
		.groupby(deal.opportunity_from, deal.party_name, item.item_group)
	)
	if company:
		query = query.where(deal.company == company)
	return [
		((row.opportunity_from, row.party_name), row.item_group, int(row.level or 0))
		for row in query.run(as_dict=True)
	]


def invoiced(members: list[str], company: str | None) -> list[tuple[tuple[str, str], str]]:
	"""((Customer, customer), item group) of the submitted invoices (not returns) of the customers a
	member is responsible for."""
	invoice = frappe.qb.DocType("Sales Invoice")
	item = frappe.qb.DocType("Sales Invoice Item")
	customer = frappe.qb.DocType("Customer")
	query = (
		frappe.qb.from_(invoice)
		.join(item)
		.on((item.parent == invoice.name) & (item.parenttype == "Sales Invoice"))
		.join(customer)
		.on(customer.name == invoice.customer)
		.select(invoice.customer, item.item_group)
		.where(invoice.docstatus == 1)
		.where(invoice.is_return == 0)
		.where(customer.st_responsible_sales_person.isin(members or [""]))
		.where(item.item_group.isnotnull())
		.distinct()
	)
	if company:
		query = query.where(invoice.company == company)
	return [(("Customer", row.customer), row.item_group) for row in query.run(as_dict=True)]


def clients_of(parties: set[tuple[str, str]]) -> dict[tuple[str, str], Client]:
	"""The parties' names, categories, segments and responsible Sales Persons, one query per type."""
	found = {}
	for party_type in PARTY_TYPES:
		names = [party for kind, party in parties if kind == party_type]
		if not names:
			continue
		title = TITLE_FIELDS[party_type]
		for row in frappe.get_all(
			party_type,
			filters={"name": ("in", names)},
			fields=["name", title, "st_client_category", "market_segment", "st_responsible_sales_person"],
		):
			found[(party_type, row.name)] = Client(
				party_type,
				row.name,
				row.get(title) or row.name,
				row.st_client_category,
				row.market_segment,
				row.st_responsible_sales_person,
			)
	return found


def matrix(
	members: list[str], company: str | None = None, category: str | None = None, segment: str | None = None
) -> tuple[dict[tuple[tuple[str, str], str], int], dict[tuple[str, str], Client]]:
	"""({(client, product): level}, {client: Client}) for the clients of the members, filtered."""
	cells = cell_levels(deal_levels(members, company), invoiced(members, company))
	clients = clients_of({client for client, _product in cells})
	wanted = {
		key
		for key, client in clients.items()
		if (not category or client.category == category) and (not segment or client.segment == segment)
	}
	return {cell: level for cell, level in cells.items() if cell[0] in wanted}, {
		key: clients[key] for key in wanted
	}
