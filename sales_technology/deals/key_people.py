"""The people who matter at a client (seed 000, process 2.12: the rep builds the relationships): each of
the client's ERPNext Contacts with his part in the buying (decision maker, influencer, user,
gatekeeper), his attitude to us, the last time the rep spoke with him and the next step; the client's
form draws them as a map, and a key client with no known decision maker is told to the rep's lead."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder.functions import Max

from sales_technology.shared.notices import notify_once
from sales_technology.shared.org_structure import group_leads_finder
from sales_technology.shared.settings import get_settings

ROLES = ("Decision Maker", "Influencer", "User", "Gatekeeper")
DECISION_MAKER = ROLES[0]


def people_of(customers: list[str]) -> dict[str, list[frappe._dict]]:
	"""{client: his contacts with their role, attitude, next step and last contact}, in two queries."""
	if not customers:
		return {}
	link = frappe.qb.DocType("Dynamic Link")
	contact = frappe.qb.DocType("Contact")
	rows = (
		frappe.qb.from_(link)
		.join(contact)
		.on((contact.name == link.parent) & (link.parenttype == "Contact"))
		.select(
			link.link_name.as_("customer"),
			contact.name.as_("contact"),
			contact.full_name,
			contact.designation,
			contact.st_buying_role.as_("role"),
			contact.st_attitude.as_("attitude"),
			contact.st_next_step.as_("next_step"),
		)
		.where(link.link_doctype == "Customer")
		.where(link.link_name.isin(customers))
		.orderby(contact.full_name)
	).run(as_dict=True)
	activity = frappe.qb.DocType("Sales Activity")
	last = dict(
		(
			frappe.qb.from_(activity)
			.select(activity.contact, Max(activity.done_on))
			.where(activity.contact.isin([row.contact for row in rows] or [""]))
			.where(activity.status == "Done")
			.groupby(activity.contact)
		).run()
	)
	found: dict[str, list[frappe._dict]] = {}
	for row in rows:
		row.last_contact = last.get(row.contact)
		found.setdefault(row.customer, []).append(row)
	return found


@frappe.whitelist()
def key_people(customer: str) -> dict:
	"""The client form's map: his people by their role in the buying, to whoever may read the client."""
	frappe.get_doc("Customer", customer).check_permission("read")
	people = people_of([customer]).get(customer, [])
	return {
		"people": people,
		"has_decision_maker": any(person.role == DECISION_MAKER for person in people),
		"is_key_client": is_key_client(customer),
	}


def is_key_client(customer: str) -> bool:
	category = get_settings().key_client_category
	return bool(category) and frappe.db.get_value("Customer", customer, "st_client_category") == category


def flag_key_clients_without_decision_maker() -> list[str]:
	"""Daily: each key client whose people include no decision maker, told once to his rep's lead."""
	category = get_settings().key_client_category
	if not category:
		return []
	clients = frappe.get_all(
		"Customer",
		filters={"st_client_category": category, "disabled": 0, "st_responsible_sales_person": ("is", "set")},
		fields=["name", "customer_name", "st_responsible_sales_person"],
	)
	people = people_of([client.name for client in clients])
	leads_of = group_leads_finder()
	told = []
	for client in clients:
		if any(person.role == DECISION_MAKER for person in people.get(client.name, [])):
			continue
		for lead in leads_of(client.st_responsible_sales_person):
			if notify_once(
				lead,
				f"key-client-no-decision-maker:{client.name}",
				_("Key client {0} has no known decision maker").format(client.customer_name),
				_("{0} knows nobody at the key client {1} marked as its decision maker").format(
					client.st_responsible_sales_person, client.customer_name
				),
				client.st_responsible_sales_person,
				document=("Customer", client.name),
			):
				told.append(lead)
	return told
