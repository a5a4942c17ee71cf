"""Stage playbooks on deals: entering a stage gives the deal's owner the stage's tasks as to-dos, moving
the deal on past open mandatory tasks needs the mover's confirmation (kept on the stage change), an
ended deal's open tasks are cancelled, and the form shows the current stage's playbook
(`core.playbooks` decides)."""

from __future__ import annotations

import json
from datetime import timedelta
from html import escape, unescape

import frappe
from frappe import _
from frappe.utils import add_days, now_datetime, today

from sales_technology.core.playbooks import PlaybookTask, check_moving_on, tasks_to_create
from sales_technology.core.stage_history import STAGE_CHANGED, moved_on
from sales_technology.deals.funnel_setup import funnel_setup
from sales_technology.shared.validation import SalesRuleError, enforce

OPEN, CLOSED, CANCELLED = "Open", "Closed", "Cancelled"  # ToDo statuses


class OpenTasksRefused(SalesRuleError):
	pass


def playbook_of(funnel: str | None, stage: str | None) -> str | None:
	if not (funnel and stage):
		return None
	return funnel_setup()["playbooks"].get((funnel, stage))


def playbook_tasks(playbook: str) -> list[PlaybookTask]:
	return list(funnel_setup()["tasks"].get(playbook, []))


def stage_todos(deal: str, stage: str | None = None, **filters) -> list[frappe._dict]:
	"""The playbook to-dos of a deal (of one stage), oldest first; `task` is the task's wording as the
	playbook has it (a to-do's description is stored HTML-escaped: "&" becomes "&amp;")."""
	conditions = {"reference_type": "Opportunity", "reference_name": deal, "st_sales_stage": ("is", "set")}
	if stage:
		conditions["st_sales_stage"] = stage
	todos = frappe.get_all(
		"ToDo",
		filters={**conditions, **filters},
		fields=[
			"name",
			"description",
			"status",
			"date",
			"allocated_to",
			"st_sales_stage",
			"st_mandatory",
			"st_playbook_task",
		],
		order_by="creation asc",
	)
	for todo in todos:
		todo.task = todo.st_playbook_task or unescape(todo.description or "").strip()
	return todos


def create_stage_tasks(doc, stage: str) -> int:
	"""The stage's playbook tasks as to-dos of the deal's owner, those the deal has not open already.

	Written in one insert, and the deal's assignments once, as ToDo's own save would leave them: a
	deal's save pays for one query instead of three documents' saves (a fifth of its time)."""
	playbook = playbook_of(doc.get("st_sales_funnel"), stage)
	if not playbook:
		return 0
	owner = doc.get("opportunity_owner") or doc.owner
	# the rep reads his to-do list in his own language
	language = frappe.get_cached_value("User", owner, "language") or frappe.db.get_default("lang") or "en"
	open_titles = (
		set() if doc.flags.in_insert else {todo.task for todo in stage_todos(doc.name, stage, status=OPEN)}
	)
	tasks = tasks_to_create(playbook_tasks(playbook), open_titles)
	if not tasks:
		return 0
	user, now = frappe.session.user, now_datetime()
	rows = [
		[
			frappe.generate_hash(length=10),
			now + timedelta(microseconds=number),  # created in the playbook's order
			now + timedelta(microseconds=number),
			user,
			user,
			OPEN,
			"Medium",
			owner,
			escape(_(task.task, lang=language), quote=False),
			task.task,
			"Opportunity",
			doc.name,
			add_days(today(), task.due_in_days),
			user,
			stage,
			int(task.mandatory),
		]
		for number, task in enumerate(tasks)
	]
	frappe.db.bulk_insert(
		"ToDo",
		[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"status",
			"priority",
			"allocated_to",
			"description",
			"st_playbook_task",
			"reference_type",
			"reference_name",
			"date",
			"assigned_by",
			"st_sales_stage",
			"st_mandatory",
		],
		rows,
	)
	# the deal's "Assigned To", as each to-do's save would have set it: a new deal's to-dos are these alone
	# (ToDo's update_in_reference lists every open to-do's user, once per to-do)
	if doc.flags.in_insert:
		assigned = json.dumps([owner] * len(rows))
		frappe.db.set_value("Opportunity", doc.name, "_assign", assigned, update_modified=False)
	else:
		frappe.get_doc(
			{"doctype": "ToDo", "reference_type": "Opportunity", "reference_name": doc.name}
		).update_in_reference()
	return len(rows)


def quiet_playbook_todo(doc, method: str | None = None) -> None:
	"""ToDo validate (after Frappe's own): a playbook task made for a new deal's stage is shown in the deal's
	playbook, not announced as an "assigned" comment on its timeline (three at each stage, and ERPNext's
	own tests count a deal's comments)."""
	if doc.is_new() and doc.get("st_sales_stage"):
		doc._assignment = None


def cancel_open_tasks(deal: str) -> None:
	"""A deal won, lost or closed has nothing left to do on its stages."""
	for todo in stage_todos(deal, status=OPEN):
		frappe.db.set_value("ToDo", todo.name, "status", CANCELLED)


def check_open_tasks(doc, before, order: list[str]) -> None:
	"""Opportunity validate: moving the deal on from a stage whose mandatory tasks are open is refused
	unless the mover confirmed it (the form asks); what was passed is kept for the stage change."""
	confirmed = bool(doc.get("st_confirm_open_tasks"))
	doc.st_confirm_open_tasks = 0
	if not before or before.sales_stage == doc.sales_stage:
		return
	if not moved_on(STAGE_CHANGED, before.sales_stage, doc.sales_stage, order):
		return
	open_mandatory = [
		todo.task for todo in stage_todos(doc.name, before.sales_stage, status=OPEN, st_mandatory=1)
	]
	enforce(check_moving_on, before.sales_stage, open_mandatory, confirmed, exc=OpenTasksRefused)
	if open_mandatory:
		doc.flags.st_open_tasks_passed = open_mandatory


@frappe.whitelist()
def get_stage_playbook(opportunity: str) -> dict:
	"""The current stage's playbook of a deal the user may read, with its tasks' state on this deal."""
	doc = frappe.get_doc("Opportunity", opportunity)
	doc.check_permission("read")
	funnel, stage = doc.get("st_sales_funnel"), doc.sales_stage
	order = (
		frappe.get_all(
			"Sales Funnel Stage",
			filters={"parent": funnel, "parenttype": "Sales Funnel"},
			pluck="sales_stage",
			order_by="idx",
		)
		if funnel
		else []
	)
	playbook = playbook_of(funnel, stage)
	if not playbook:
		return {"stage": stage, "stages": order, "playbook": None, "tasks": []}
	values = frappe.db.get_value(
		"Sales Stage Playbook",
		playbook,
		["goal", "responsible_role", "expected_result", "time_limit_days", "control_point", "standard"],
		as_dict=True,
	)
	todos = {todo.task: todo for todo in stage_todos(doc.name, stage)}
	tasks = []
	for task in playbook_tasks(playbook):
		todo = todos.get(task.task)
		tasks.append(
			{
				"task": _(task.task),
				"mandatory": task.mandatory,
				"status": todo.status if todo else None,
				"due": todo.date if todo else None,
				"todo": todo.name if todo else None,
			}
		)
	return {
		"stage": stage,
		"stages": order,
		"playbook": playbook,
		"goal": _(values.goal or ""),
		"responsible_role": _(values.responsible_role or ""),
		"expected_result": _(values.expected_result or ""),
		"time_limit_days": values.time_limit_days,
		"control_point": _(values.control_point or ""),
		# the standard a rep needs at this stage, opened from the deal
		"standard": values.standard,
		"standard_title": _(values.standard) if values.standard else None,
		"tasks": tasks,
		"open_mandatory": [t["task"] for t in tasks if t["mandatory"] and t["status"] == OPEN],
	}
