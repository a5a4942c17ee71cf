"""A leaving rep's clients and deals handed over to another rep by the lead or head above both: whose
they are changes, what was done stays (the done activities, the stage history and the timelines keep who
did the work); what is still to do (planned activities, running cadences, open playbook tasks) goes with
the clients. One update per doctype."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder.functions import Count

from sales_technology.core.cadences import RUNNING
from sales_technology.core.pipeline import CLOSED_STATUSES
from sales_technology.shared.access import check_can_manage
from sales_technology.shared.clients_and_deals import PARTY_OWNER_FIELDS
from sales_technology.shared.org_structure import get_sales_person_user

PLANNED = "Planned"


class HandoverRefused(frappe.ValidationError):
	pass


@frappe.whitelist(methods=["POST"])
def hand_over(from_sales_person: str, to_sales_person: str) -> dict[str, int]:
	"""Move the clients, open deals and planned work of one rep to another; {what: how many}."""
	if not from_sales_person or from_sales_person == to_sales_person:
		frappe.throw(_("Choose another rep to hand the clients over to"), exc=HandoverRefused)
	for node in (from_sales_person, to_sales_person):
		check_can_manage(node)
	if frappe.db.get_value("Sales Person", to_sales_person, "is_group"):
		frappe.throw(
			_("Hand the clients over to a rep, not to the group {0}").format(frappe.bold(to_sales_person)),
			exc=HandoverRefused,
		)
	leaving, taking = get_sales_person_user(from_sales_person), get_sales_person_user(to_sales_person)
	moved = {}
	for doctype, owner_field in PARTY_OWNER_FIELDS.items():
		table = frappe.qb.DocType(doctype)
		mine = (table.st_responsible_sales_person == from_sales_person) | (table[owner_field] == leaving)
		moved[doctype] = count(table, mine)
		frappe.qb.update(table).set(table.st_responsible_sales_person, to_sales_person).where(mine).run()
		frappe.qb.update(table).set(table[owner_field], taking).where(table[owner_field] == leaving).run()
	deal = frappe.qb.DocType("Opportunity")
	open_deals = (deal.st_responsible_sales_person == from_sales_person) & deal.status.notin(CLOSED_STATUSES)
	moved["Opportunity"] = count(deal, open_deals)
	deals = frappe.qb.from_(deal).select(deal.name).where(open_deals).run(pluck=True)
	if deals:
		(
			frappe.qb.update(deal)
			.set(deal.opportunity_owner, taking)
			.set(deal.st_responsible_sales_person, to_sales_person)
			.where(deal.name.isin(deals))
		).run()
		todo = frappe.qb.DocType("ToDo")
		(
			frappe.qb.update(todo)
			.set(todo.allocated_to, taking)
			.where(todo.reference_type == "Opportunity")
			.where(todo.reference_name.isin(deals))
			.where(todo.allocated_to == leaving)
			.where(todo.status == "Open")
		).run()
	activity = frappe.qb.DocType("Sales Activity")
	planned = (activity.sales_person == from_sales_person) & (activity.status == PLANNED)
	moved["Sales Activity"] = count(activity, planned)
	frappe.qb.update(activity).set(activity.sales_person, to_sales_person).where(planned).run()
	run = frappe.qb.DocType("Sales Cadence Run")
	running = (run.sales_person == from_sales_person) & (run.status == RUNNING)
	moved["Sales Cadence Run"] = count(run, running)
	frappe.qb.update(run).set(run.sales_person, to_sales_person).where(running).run()
	frappe.get_doc("Sales Person", from_sales_person).add_comment(
		"Info",
		_("Clients and deals handed over to {0} by {1}").format(to_sales_person, frappe.session.user),
	)
	return moved


def count(table, condition) -> int:
	return frappe.qb.from_(table).select(Count("*")).where(condition).run()[0][0]
