"""Whose a client or a deal is: one rule for access, the KPI engine, every report and job.

- Lead: its Responsible Sales Person, else its Lead Owner's Sales Person, else its creator's.
- Prospect: its Responsible Sales Person, else its Prospect Owner's, else its creator's.
- Customer: its Responsible Sales Person, else its Account Manager's, else the first of its Sales Team,
  else its creator's; a client of a shared category (Joint) belongs to each rep of its Sales Team too.
  A client keeps the answer in its Responsible Sales Person: filled by the rule when empty, following its
  owner when the owner changes, and typed over by the managers.
- Opportunity: its Opportunity Owner's Sales Person, else its party's (by the rules above), else its
  creator's. A deal keeps the answer in its Responsible Sales Person, read-only and set on every save
  (and for the deals made before, by a patch), so that every query reads one column.
"""

from __future__ import annotations

import frappe

from sales_technology.shared.org_structure import get_sales_person, users_sales_persons

# the user field each party names its owner by, after its Responsible Sales Person
PARTY_OWNER_FIELDS = {"Lead": "lead_owner", "Prospect": "prospect_owner", "Customer": "account_manager"}


def party_sales_person(party_type: str | None, party: str | None, person_of=get_sales_person) -> str | None:
	"""The Sales Person a lead, prospect or customer belongs to."""
	if party_type not in PARTY_OWNER_FIELDS or not party:
		return None
	owner_field = PARTY_OWNER_FIELDS[party_type]
	values = frappe.db.get_value(
		party_type, party, ["name", "st_responsible_sales_person", owner_field, "owner"], as_dict=True
	)
	if not values:
		return None
	values.doctype = party_type
	return client_sales_person(values, person_of)


def client_sales_person(client, person_of=get_sales_person) -> str | None:
	"""Whose a lead, prospect or customer is, by the rule, from what the record holds (stored or not)."""
	if client.get("st_responsible_sales_person"):
		return client.st_responsible_sales_person
	owner = client.get(PARTY_OWNER_FIELDS[client.doctype])
	node = person_of(owner) if owner else None
	if not node and client.doctype == "Customer":
		node = first_of_sales_team(client)
	return node or (person_of(client.owner) if client.get("owner") else None)


def first_of_sales_team(customer) -> str | None:
	if customer.get("sales_team") is not None:
		return next((row.sales_person for row in customer.sales_team if row.sales_person), None)
	if not customer.get("name"):
		return None
	return frappe.db.get_value(
		"Sales Team", {"parenttype": "Customer", "parent": customer.name}, "sales_person", order_by="idx asc"
	)


def keep_client_sales_person(doc, method: str | None = None) -> None:
	"""Lead, Prospect and Customer validate: the client keeps whose it is; a new owner takes it along
	unless a manager gave it to someone else."""
	owner_field = PARTY_OWNER_FIELDS[doc.doctype]
	before = doc.get_doc_before_save()
	if before is not None and before.get(owner_field) != doc.get(owner_field):
		previous = get_sales_person(before.get(owner_field)) if before.get(owner_field) else None
		if doc.st_responsible_sales_person == previous and doc.get(owner_field):
			doc.st_responsible_sales_person = get_sales_person(doc.get(owner_field)) or previous
	if not doc.st_responsible_sales_person:
		doc.st_responsible_sales_person = client_sales_person(doc)


def deal_sales_person(deal) -> str | None:
	"""The Sales Person a deal belongs to: its owner's, else its party's, else its creator's. Each user is
	looked up once however often the rule names him (a deal made by the owner of its client: three times)."""
	known: dict[str, str | None] = {}

	def person_of(user: str) -> str | None:
		if user not in known:
			known[user] = get_sales_person(user)
		return known[user]

	owner = deal.get("opportunity_owner")
	return (
		(person_of(owner) if owner else None)
		or party_sales_person(deal.get("opportunity_from"), deal.get("party_name"), person_of)
		or person_of(deal.get("owner") or frappe.session.user)
	)


def set_deal_sales_person(doc, method: str | None = None) -> None:
	"""Opportunity validate: the deal keeps whose it is (asked once per save: its stage step reads it)."""
	doc.st_responsible_sales_person = deal_sales_person(doc)
	doc.flags.st_sales_person_resolved = True


def backfill_client_sales_persons() -> None:
	"""Every lead, prospect and customer without a Responsible Sales Person gets the rule's, one UPDATE
	per doctype (the clients made before the rule)."""
	for party_type in PARTY_OWNER_FIELDS:
		frappe.db.sql(
			f"""update `tab{party_type}` p set p.st_responsible_sales_person = {
				client_rule_sql(party_type, with_history=True)
			}
			where ifnull(p.st_responsible_sales_person, '') = ''"""
		)


def _node_of(user_column: str) -> str:
	mapping = users_sales_persons().get_sql()
	return f"(select m.sales_person from ({mapping}) m where m.user = {user_column} limit 1)"


def client_rule_sql(party_type: str, with_history: bool = False) -> str:
	"""The rule of `client_sales_person` in SQL, over the party's row aliased `p`; `with_history`: a
	client made before the app, whom nobody owns, is the rep's of its latest deal (and for a customer,
	of its latest submitted invoice's sales team) before it is its creator's."""
	team = (
		", (select t.sales_person from `tabSales Team` t where t.parenttype = 'Customer' "
		"and t.parent = p.name order by t.idx limit 1)"
		if party_type == "Customer"
		else ""
	)
	history = ""
	if with_history:
		history = (
			", (select nullif(o.st_responsible_sales_person, '') from `tabOpportunity` o "
			f"where o.opportunity_from = '{party_type}' and o.party_name = p.name "
			"order by o.creation desc limit 1)"
		)
		if party_type == "Customer":
			history += (
				", (select t.sales_person from `tabSales Invoice` si join `tabSales Team` t "
				"on t.parent = si.name and t.parenttype = 'Sales Invoice' where si.customer = p.name "
				"and si.docstatus = 1 order by si.posting_date desc, t.idx limit 1)"
			)
	return (
		f"coalesce(nullif(p.st_responsible_sales_person, ''), "
		f"{_node_of(f'p.{PARTY_OWNER_FIELDS[party_type]}')}{team}{history}, {_node_of('p.owner')})"
	)


def backfill_deal_sales_persons() -> None:
	"""Every deal's Sales Person by the rule, in one UPDATE (the deals made before the rule)."""
	parties = " ".join(
		f"when '{party_type}' then (select {client_rule_sql(party_type)} from `tab{party_type}` p "
		"where p.name = deal.party_name)"
		for party_type in PARTY_OWNER_FIELDS
	)
	frappe.db.sql(
		f"""update `tabOpportunity` deal set deal.st_responsible_sales_person = coalesce(
			{_node_of("deal.opportunity_owner")},
			case deal.opportunity_from {parties} end,
			{_node_of("deal.owner")}
		)"""
	)
