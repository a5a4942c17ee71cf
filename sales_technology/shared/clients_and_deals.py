"""Whose a client or a deal is: one rule for access, the KPI engine, every report and job.

- Lead: its Responsible Sales Person, else its Lead Owner's Sales Person.
- Prospect: its Responsible Sales Person, else its Prospect Owner's.
- Customer: its Responsible Sales Person, else its Account Manager's, else the first of its Sales Team.
- Opportunity: its Opportunity Owner's Sales Person, else its party's (by the rules above), else its
  creator's. A deal keeps the answer in its Responsible Sales Person, read-only and set on every save
  (and for the deals made before, by a patch), so that every query reads one column.
"""

from __future__ import annotations

import frappe

from sales_technology.shared.org_structure import get_sales_person, users_sales_persons

# the user field each party names its owner by, after its Responsible Sales Person
PARTY_OWNER_FIELDS = {"Lead": "lead_owner", "Prospect": "prospect_owner", "Customer": "account_manager"}


def party_sales_person(party_type: str | None, party: str | None) -> str | None:
	"""The Sales Person a lead, prospect or customer belongs to."""
	if party_type not in PARTY_OWNER_FIELDS or not party:
		return None
	owner_field = PARTY_OWNER_FIELDS[party_type]
	values = frappe.db.get_value(
		party_type, party, ["st_responsible_sales_person", owner_field], as_dict=True
	)
	if not values:
		return None
	if values.st_responsible_sales_person:
		return values.st_responsible_sales_person
	node = get_sales_person(values[owner_field]) if values[owner_field] else None
	if node or party_type != "Customer":
		return node
	return frappe.db.get_value(
		"Sales Team", {"parenttype": "Customer", "parent": party}, "sales_person", order_by="idx asc"
	)


def deal_sales_person(deal) -> str | None:
	"""The Sales Person a deal belongs to: its owner's, else its party's, else its creator's."""
	owner = deal.get("opportunity_owner")
	return (
		(get_sales_person(owner) if owner else None)
		or party_sales_person(deal.get("opportunity_from"), deal.get("party_name"))
		or get_sales_person(deal.get("owner") or frappe.session.user)
	)


def set_deal_sales_person(doc, method: str | None = None) -> None:
	"""Opportunity validate: the deal keeps whose it is."""
	doc.st_responsible_sales_person = deal_sales_person(doc)


def backfill_deal_sales_persons() -> None:
	"""Every deal's Sales Person by the rule, in one UPDATE (the deals made before the rule)."""
	mapping = users_sales_persons().get_sql()

	def node_of(user_column: str) -> str:
		return f"(select m.sales_person from ({mapping}) m where m.user = {user_column} limit 1)"

	parties = " ".join(
		f"""when '{party_type}' then (select coalesce(nullif(p.st_responsible_sales_person, ''),
			{node_of(f"p.{owner_field}")}{
			", (select t.sales_person from `tabSales Team` t where t.parenttype = 'Customer' "
			"and t.parent = p.name order by t.idx limit 1)"
			if party_type == "Customer"
			else ""
		}) from `tab{party_type}` p where p.name = deal.party_name)"""
		for party_type, owner_field in PARTY_OWNER_FIELDS.items()
	)
	frappe.db.sql(
		f"""update `tabOpportunity` deal set deal.st_responsible_sales_person = coalesce(
			{node_of("deal.opportunity_owner")},
			case deal.opportunity_from {parties} end,
			{node_of("deal.owner")}
		)"""
	)
