"""Agreements of the protocols: our agreements are their owners' tasks (ToDo assignments on the meeting),
closing the task closes the agreement, overdue ones are flagged every working day, and a client's open
agreements are its development plan."""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate, today

from sales_technology.core.meetings import (
	AGREEMENT_CANCELLED,
	DONE,
	HELD,
	OPEN,
	OPEN_STATUSES,
	OURS,
	OVERDUE,
	agreement_status,
)
from sales_technology.shared.notices import notify_once
from sales_technology.shared.org_structure import group_leads_finder
from sales_technology.shared.settings import get_settings
from sales_technology.shared.work_calendar import is_working_day

TODO_STATUS = {DONE: "Closed", AGREEMENT_CANCELLED: "Cancelled"}  # else Open
AGREEMENT_STATUS = {"Closed": DONE, "Cancelled": AGREEMENT_CANCELLED}


def sync_tasks(meeting) -> None:
	"""Each of our agreements has its owner's task, in the agreement's status."""
	for row in meeting.agreements:
		if row.side != OURS or not row.owner_user:
			continue
		wanted = TODO_STATUS.get(row.status, "Open")
		if not row.todo:
			if wanted != "Open":
				continue
			todo = frappe.get_doc(
				{
					"doctype": "ToDo",
					"allocated_to": row.owner_user,
					"description": task_text(meeting, row),
					"date": row.due_date,
					"reference_type": "Sales Meeting",
					"reference_name": meeting.name,
					"assigned_by": frappe.session.user,
				}
			)
			todo.flags.from_agreement = True
			todo.insert(ignore_permissions=True)
			row.db_set("todo", todo.name, update_modified=False)
			continue
		todo = frappe.get_doc("ToDo", row.todo)
		if (todo.status, todo.allocated_to, str(todo.date or "")) != (
			wanted,
			row.owner_user,
			str(row.due_date or ""),
		):
			todo.update({"status": wanted, "allocated_to": row.owner_user, "date": row.due_date})
			todo.flags.from_agreement = True
			todo.save(ignore_permissions=True)


def task_text(meeting, row) -> str:
	client = f" ({meeting.party_name})" if meeting.party_name else ""
	return _("Agreement of the meeting {0}{1}: {2}").format(meeting.subject, client, row.description)


def close_agreement(todo, method=None) -> None:
	"""ToDo on_update: the owner closing (or cancelling, or reopening) the task does so to the agreement."""
	if todo.reference_type != "Sales Meeting" or todo.flags.from_agreement:
		return
	if not todo.has_value_changed("status"):
		return
	row = frappe.db.get_value(
		"Sales Meeting Agreement", {"todo": todo.name}, ["name", "status", "due_date"], as_dict=True
	)
	if not row:
		return
	status = AGREEMENT_STATUS.get(todo.status) or agreement_status(
		OPEN, getdate(row.due_date), getdate(today())
	)
	if status != row.status:
		frappe.db.set_value("Sales Meeting Agreement", row.name, "status", status, update_modified=False)
		frappe.db.set_value("Sales Meeting", todo.reference_name, "modified", frappe.utils.now())


def flag_overdue_agreements(day: date | None = None) -> list[str]:
	"""Open agreements past their due date become Overdue; on each working day their owner and the
	responsible rep's group lead are told, once a day."""

	day = getdate(day or today())
	agreement = frappe.qb.DocType("Sales Meeting Agreement")
	meeting = frappe.qb.DocType("Sales Meeting")
	rows = (
		frappe.qb.from_(agreement)
		.join(meeting)
		.on(agreement.parent == meeting.name)
		.select(
			agreement.name,
			agreement.parent,
			agreement.description,
			agreement.owner_user,
			agreement.due_date,
			meeting.subject,
			meeting.sales_person,
			meeting.company,
		)
		.where(agreement.parenttype == "Sales Meeting")
		.where(agreement.status.isin(OPEN_STATUSES))
		.where(agreement.due_date < day)
		.where(meeting.status == HELD)
	).run(as_dict=True)
	if not rows:
		return []
	(
		frappe.qb.update(agreement)
		.set(agreement.status, OVERDUE)
		.where(agreement.name.isin([row.name for row in rows]))
		.where(agreement.status == OPEN)
	).run()
	if not get_settings().agreement_reminders:
		return []
	working: dict[str, bool] = {}
	leads_of = group_leads_finder()  # one read of the tree for every rep's lead
	notified = []
	for row in rows:
		if row.company not in working:
			working[row.company] = is_working_day(row.company, day)
		if not working[row.company]:
			continue
		subject = _("Agreement overdue since {0}: {1}").format(
			frappe.format(row.due_date, "Date"), row.subject
		)
		for recipient in {row.owner_user, *leads_of(row.sales_person)} - {None}:
			key = f"agreement-overdue:{row.name}:{day.isoformat()}"
			if notify_once(
				recipient, key, subject, row.description, row.sales_person, ("Sales Meeting", row.parent)
			):
				notified.append(recipient)
	return notified


@frappe.whitelist()
def development_plan(party_type: str, party: str) -> list[dict]:
	"""The client's development plan: the open agreements of its held meetings the user may read."""
	meetings = frappe.get_list(
		"Sales Meeting",
		filters={"party_type": party_type, "party": party, "status": HELD},
		fields=["name", "subject", "meeting_date"],
	)
	if not meetings:
		return []
	by_name = {meeting.name: meeting for meeting in meetings}
	rows = frappe.get_all(
		"Sales Meeting Agreement",
		filters={
			"parenttype": "Sales Meeting",
			"parent": ("in", list(by_name)),
			"status": ("in", OPEN_STATUSES),
		},
		fields=["parent", "description", "side", "owner_user", "owner_contact", "due_date", "status"],
		order_by="due_date asc",
	)
	for row in rows:
		row.update(meeting=row.parent, meeting_subject=by_name[row.parent].subject)
	return rows
