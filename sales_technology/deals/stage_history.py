"""The stage history of Opportunities: recorded as it happens (Opportunity on_change), and rebuilt on
install and migrate for the deals that have none, from ERPNext's Version log where it has their
changes, else one entry at their current stage. The rule is `core.stage_history`."""

from __future__ import annotations

import json

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from sales_technology.core.stage_history import (
	CLOSED,
	ENTERING,
	LOST,
	OPENED,
	REOPENED,
	STAGE_CHANGED,
	WON,
	DealState,
	days_between,
	history_from_changes,
	moved_on,
	moved_on_afterwards,
	stage_event,
)
from sales_technology.deals.funnels import stage_orders
from sales_technology.deals.playbooks import cancel_open_tasks, create_stage_tasks
from sales_technology.kpi import kept_facts
from sales_technology.shared.clients_and_deals import deal_sales_person

FIELDS = [
	"name",
	"opportunity",
	"sales_funnel",
	"event",
	"sales_person",
	"changed_at",
	"changed_by",
	"from_stage",
	"to_stage",
	"from_status",
	"to_status",
	"days_in_stage",
	"moved_forward",
	"moved_on_later",
	"won_later",
	"amount",
	"source",
	"owner",
	"creation",
	"modified",
	"modified_by",
	"docstatus",
]


def record_stage_change(doc, method: str | None = None) -> None:
	"""A step of the deal, against the last one recorded (so that a save that changes neither stage nor
	status, or a second on_change of the same save, records nothing)."""
	# a deal just inserted has no step yet: no query for it
	last = (
		None
		if doc.flags.in_insert
		else frappe.db.get_value(
			"Deal Stage Change",
			{"opportunity": doc.name},
			["to_stage", "to_status", "changed_at"],
			order_by="changed_at desc, creation desc",
			as_dict=True,
		)
	)
	before = DealState(last.to_stage, last.to_status) if last else None
	after = DealState(doc.sales_stage, doc.status)
	event = stage_event(before, after)
	if not event:
		return
	now = now_datetime()
	funnel = doc.get("st_sales_funnel")
	order = stage_orders().get(funnel, []) if funnel else []
	forward = moved_on(event, before.stage if before else None, after.stage, order)
	change = frappe.qb.DocType("Deal Stage Change")
	if forward:
		# the deal's steps into the stage it leaves moved on afterwards
		(
			frappe.qb.update(change)
			.set(change.moved_on_later, 1)
			.where(change.opportunity == doc.name)
			.where(change.to_stage == before.stage)
			.where(change.event.isin(ENTERING))
		).run()
	if event in (WON, REOPENED):
		# the deal's steps into its stages were won afterwards, until it is reopened
		(
			frappe.qb.update(change)
			.set(change.won_later, int(event == WON))
			.where(change.opportunity == doc.name)
			.where(change.event.isin(ENTERING))
		).run()
	step = frappe.get_doc(
		{
			"doctype": "Deal Stage Change",
			"opportunity": doc.name,
			"sales_funnel": funnel,
			"event": event,
			"sales_person": doc.get("st_responsible_sales_person")
			or (None if doc.flags.st_sales_person_resolved else deal_sales_person(doc)),
			"changed_at": now,
			"changed_by": frappe.session.user,
			"from_stage": before.stage if before else None,
			"to_stage": after.stage,
			"from_status": before.status if before else None,
			"to_status": after.status,
			"days_in_stage": days_between(get_datetime(last.changed_at) if last else None, now),
			"moved_forward": int(forward),
			"amount": doc.get("base_opportunity_amount") or 0,
			"open_tasks_passed": "\n".join(doc.flags.st_open_tasks_passed or []) or None,
			"source": "Recorded",
		}
	)
	# every value comes from the deal being saved, checked there, and the step has no rules of its own:
	# written as it is (its insert's checks and hooks were a tenth of a new deal's save), its days noted
	# for the kept facts as its insert's on_change would have
	step.set_new_name()
	step.update({"owner": frappe.session.user, "modified_by": frappe.session.user})
	step.creation = step.modified = now
	step.db_insert()
	kept_facts.mark_changed(step)
	follow_playbook(doc, event, after.stage)


def follow_playbook(doc, event: str, stage: str | None) -> None:
	"""Entering a stage gives the owner its tasks; an ended deal's open tasks are cancelled; a move past
	open mandatory tasks (confirmed in the form) shows on the deal's timeline."""

	if event in (OPENED, STAGE_CHANGED, REOPENED) and stage:
		create_stage_tasks(doc, stage)
	elif event in (WON, LOST, CLOSED):
		cancel_open_tasks(doc.name)
	if doc.flags.st_open_tasks_passed:
		doc.add_comment(
			"Info",
			_("Moved on to {0} with open mandatory tasks: {1}").format(
				_(stage), "; ".join(doc.flags.st_open_tasks_passed)
			),
		)
		doc.flags.st_open_tasks_passed = None


def backfill_stage_history(batch: int = 1000) -> int:
	"""The deals without a history get one (idempotent: a deal with any entry is left alone)."""
	opportunity = frappe.qb.DocType("Opportunity")
	change = frappe.qb.DocType("Deal Stage Change")
	missing = (
		frappe.qb.from_(opportunity)
		.left_join(change)
		.on(change.opportunity == opportunity.name)
		.select(
			opportunity.name,
			opportunity.sales_stage,
			opportunity.status,
			opportunity.creation,
			opportunity.owner,
			opportunity.st_responsible_sales_person,
			opportunity.st_sales_funnel,
			opportunity.base_opportunity_amount,
		)
		.where(change.name.isnull())
	).run(as_dict=True)
	if not missing:
		return 0
	orders = stage_orders()
	stored = 0
	for start in range(0, len(missing), batch):
		deals = missing[start : start + batch]
		changes = version_changes([deal.name for deal in deals])
		rows = []
		for deal in deals:
			logged = changes.get(deal.name, [])
			steps = history_from_changes(
				get_datetime(deal.creation), deal.owner, DealState(deal.sales_stage, deal.status), logged
			)
			source = "Version Log" if logged else "Before the App"
			order = orders.get(deal.st_sales_funnel, [])
			moves = [
				(
					step.event,
					step.before.stage if step.before else None,
					step.after.stage,
					moved_on(step.event, step.before.stage if step.before else None, step.after.stage, order),
				)
				for step in steps
			]
			afterwards = moved_on_afterwards(moves)
			for step, (_event, from_stage, _to, forward), later in zip(steps, moves, afterwards, strict=True):
				rows.append(
					(
						frappe.generate_hash(length=12),
						deal.name,
						deal.st_sales_funnel,
						step.event,
						deal.st_responsible_sales_person,
						step.at,
						step.by,
						from_stage,
						step.after.stage,
						step.before.status if step.before else None,
						step.after.status,
						step.days_in_stage,
						int(forward),
						int(later),
						int(deal.status == "Converted" and step.event in ENTERING),
						deal.base_opportunity_amount or 0,
						source,
						"Administrator",
						now_datetime(),
						now_datetime(),
						"Administrator",
						0,
					)
				)
		frappe.db.bulk_insert("Deal Stage Change", FIELDS, rows)
		stored += len(rows)
	return stored


def version_changes(deals: list[str]) -> dict[str, list[tuple]]:
	"""{deal: [(when, who, field, old, new)]} of its stage and status changes in the Version log."""
	found: dict[str, list[tuple]] = {}
	for version in frappe.get_all(
		"Version",
		filters={"ref_doctype": "Opportunity", "docname": ("in", deals)},
		fields=["docname", "data", "creation", "owner"],
		order_by="creation asc",
	):
		try:
			changed = json.loads(version.data or "{}").get("changed") or []
		except ValueError:
			continue
		for field, old, new in changed:
			if field in ("sales_stage", "status"):
				found.setdefault(version.docname, []).append(
					(get_datetime(version.creation), version.owner, field, old or None, new or None)
				)
	return found


@frappe.whitelist()
def deal_story(opportunity: str) -> list[dict]:
	"""The deal's form shows its stage history: each step, when and by whom, and how many days the deal
	had spent in the stage it left. Read by whoever reads the deal (the history is the deal's)."""
	frappe.get_doc("Opportunity", opportunity).check_permission("read")
	steps = frappe.get_all(
		"Deal Stage Change",
		filters={"opportunity": opportunity},
		fields=["event", "changed_at", "changed_by", "from_stage", "to_stage", "days_in_stage"],
		order_by="changed_at asc, creation asc",
	)
	for step in steps:
		step.event_label = _(step.event)
		step.changed_by_name = frappe.utils.get_fullname(step.changed_by) if step.changed_by else ""
	return steps
