"""The new rep's programme: started when a Sales Person joins a group, its steps dated in working days
and owned by the rep, his lead, the head or a mentor; each person changes only the steps that are his to
change, and an overdue step reaches its owner and the lead once."""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate, today

from sales_technology.core.rep_programme import (
	DONE,
	EXAM,
	HEAD,
	LEAD,
	MENTOR,
	OPEN,
	REP,
	TALK,
	calendar_window,
	exam_passed,
	may_change_step,
	missing_for_done,
	nth_working_day,
	parse_ramp_up,
	progress,
)
from sales_technology.core.roles import SALES_HEAD
from sales_technology.people.relation import relation_to
from sales_technology.shared.notices import notify_once
from sales_technology.shared.org_structure import company_of, group_leads_finder, users_by_sales_person
from sales_technology.shared.settings import get_settings
from sales_technology.shared.validation import enforce
from sales_technology.shared.work_calendar import get_holidays

PROGRAMME = "Rep Programme"
TEMPLATE = "Rep Programme Template"

# what only who manages the rep changes on the programme and on a step (the rep marks his own steps done and writes notes)
MANAGED_HEADER = ("sales_person", "start_date", "template", "mentor", "status", "company")
MANAGED_FIELDS = ("step", "owner_kind", "kind", "due_date", "pass_mark")
RESULT_FIELDS = ("status", "notes", "score")


class ProgrammeStepRefused(frappe.ValidationError):
	"""A step changed by someone it is not for."""


class ProgrammeStepIncomplete(frappe.ValidationError):
	"""A step marked done without what shows it done (a talk's notes, a passing score)."""


# Starting
# --------


def default_template() -> str | None:
	return frappe.db.get_value(TEMPLATE, {"is_default": 1, "enabled": 1}) or None


def start_for_new_rep(doc, method: str | None = None) -> None:
	"""Sales Person after_insert: a rep who joins a group starts the default programme today (the
	settings can turn it off; the lead can also start one by hand for a rep who moved in)."""
	if doc.is_group or not doc.enabled or not doc.parent_sales_person:
		return
	template = default_template()
	if not template or not get_settings().get("start_rep_programme"):
		return
	if frappe.db.exists(PROGRAMME, {"sales_person": doc.name, "status": "Active"}):
		return
	frappe.get_doc(
		{"doctype": PROGRAMME, "sales_person": doc.name, "template": template, "start_date": today()}
	).insert(ignore_permissions=True)


def delete_programmes(doc, method: str | None = None) -> None:
	"""Sales Person on_trash: its programmes go with it (they would otherwise keep it from being deleted)."""
	for name in frappe.get_all(PROGRAMME, filters={"sales_person": doc.name}, pluck="name"):
		frappe.delete_doc(PROGRAMME, name, ignore_permissions=True, force=True)


# The programme's own rules
# -------------------------


def validate_programme(doc, method: str | None = None) -> None:
	doc.company = doc.company or company_of(doc.sales_person)
	stored = None if doc.is_new() else frappe.get_doc(PROGRAMME, doc.name)
	if not doc.steps:
		copy_template_steps(doc)
	if stored is None or getdate(stored.start_date) != getdate(doc.start_date):
		set_due_dates(doc, only_new=stored is None)
	set_owner_users(doc)
	check_step_changes(doc, stored)
	record_results(doc, stored)
	sum_up(doc)


def copy_template_steps(doc) -> None:
	"""The template's steps in the language of the site (the standard ones are translated)."""
	template = frappe.get_doc(TEMPLATE, doc.template)
	for step in template.steps:
		doc.append(
			"steps",
			{
				"step": _(step.step),
				"owner_kind": step.owner_kind,
				"kind": step.kind,
				"pass_mark": step.pass_mark,
				"what_to_do": _(step.what_to_do) if step.what_to_do else None,
				"evidence": _(step.evidence) if step.evidence else None,
				"status": OPEN,
				"due_date": None,
			},
		)
	doc.flags.working_days = {
		row.idx: step.working_day for row, step in zip(doc.steps, template.steps, strict=True)
	}


def set_due_dates(doc, only_new: bool) -> None:
	"""Each step on its working day from the start (the template's days; a moved start moves every open
	step by the working days it had)."""
	start = getdate(doc.start_date)
	days = doc.flags.get("working_days") or template_working_days(doc)
	if not days:
		return
	holidays = get_holidays(doc.company, start, calendar_window(start, days.values()))
	for row in doc.steps:
		if row.status == DONE or row.idx not in days or (only_new and row.due_date):
			continue
		row.due_date = nth_working_day(start, days[row.idx], holidays.__contains__)


def template_working_days(doc) -> dict[int, int]:
	"""{step's idx: its working day}, matched to the template's steps by their order."""
	days = frappe.get_all(
		"Rep Programme Template Step",
		filters={"parent": doc.template, "parenttype": TEMPLATE},
		fields=["idx", "working_day"],
		order_by="idx",
	)
	return {row.idx: row.working_day for row in days}


def owners_of(sales_person: str, mentor: str | None) -> dict[str, str | None]:
	"""The user behind each owner of a step: the rep, his group lead (the nearest user above), the head
	(the nearest above who holds the Sales Head role, else the highest), the mentor (else the lead). Read
	by the parents, not the tree's bounds: a rep just inserted has none yet."""
	users = users_by_sales_person()
	parents = dict(frappe.get_all("Sales Person", fields=["name", "parent_sales_person"], as_list=True))
	above, node = [], parents.get(sales_person)
	while node:
		if node in users:
			above.append(users[node])
		node = parents.get(node)
	heads = [user for user in above if SALES_HEAD in frappe.get_roles(user)]
	lead = above[0] if above else None
	return {
		REP: users.get(sales_person),
		LEAD: lead,
		HEAD: heads[0] if heads else (above[-1] if above else None),
		MENTOR: mentor or lead,
	}


def set_owner_users(doc) -> None:
	owners = owners_of(doc.sales_person, doc.mentor)
	for row in doc.steps:
		row.owner_user = owners.get(row.owner_kind)


def check_step_changes(doc, stored) -> None:
	"""Refuse a change to a step by someone it is not for: the rep writes the results of his own steps,
	who manages him everything (steps added, removed, moved, an exam's score)."""
	user = frappe.session.user
	if stored is None or user == "Administrator" or frappe.flags.in_install:
		return
	relation = relation_to(doc.sales_person, user)
	if relation == "manager":
		return
	if any(differs(doc.get(field), stored.get(field)) for field in MANAGED_HEADER):
		refuse(_("Only the lead or the head changes the programme's rep, start, template, mentor or status"))
	before = {row.name: row for row in stored.steps}
	after = {row.name: row for row in doc.steps if row.name}
	if set(before) != set(after) or any(not row.name for row in doc.steps):
		refuse(_("Only the lead or the head adds or removes the steps of a programme"))
	for name, row in after.items():
		old = before[name]
		if any(differs(row.get(field), old.get(field)) for field in MANAGED_FIELDS):
			refuse(
				_("Only the lead or the head changes the step {0}, its date or its pass mark").format(
					old.step
				)
			)
		changed = any(differs(row.get(field), old.get(field)) for field in RESULT_FIELDS)
		if changed and (row.kind == EXAM or not may_change_step(old.owner_kind, relation)):
			refuse(
				_("The step {0} is not yours to record: it belongs to the {1}").format(
					old.step, _(old.owner_kind)
				)
			)


def differs(one, two) -> bool:
	if isinstance(one, date) or isinstance(two, date):
		return (getdate(one) if one else None) != (getdate(two) if two else None)
	return (one or None) != (two or None)


def refuse(message: str) -> None:
	frappe.throw(message, title=_("Not Your Step"), exc=ProgrammeStepRefused)


def record_results(doc, stored) -> None:
	"""Each new score is an attempt at the exam, done at its pass mark; a step done says when and by whom,
	and needs what shows it done."""
	before = {row.name: row for row in stored.steps} if stored else {}
	for row in doc.steps:
		old = before.get(row.name)
		if row.kind == EXAM and row.score is not None and differs(row.score, old.score if old else None):
			row.attempts = (row.attempts or 0) + 1
			row.status = DONE if exam_passed(row.score, row.pass_mark) else OPEN
		if row.status == DONE:
			missing = missing_for_done(row.kind, row.notes, row.score, row.pass_mark)
			if missing == "notes":
				frappe.throw(
					_("Write what was said in the support talk {0} before marking it done").format(row.step),
					title=_("Notes Needed"),
					exc=ProgrammeStepIncomplete,
				)
			if missing == "score":
				frappe.throw(
					_(
						"The exam {0} is passed at {1}: record a score at least that before marking it done"
					).format(row.step, row.pass_mark or 0),
					title=_("Exam Not Passed"),
					exc=ProgrammeStepIncomplete,
				)
			if not row.done_on or (old and old.status != DONE):
				row.done_on, row.done_by = today(), frappe.session.user
		else:
			row.done_on = row.done_by = None


def sum_up(doc, on: date | None = None) -> None:
	on = getdate(on or today())
	counts = progress(
		[(row.status, getdate(row.due_date) if row.due_date else None) for row in doc.steps], on
	)
	doc.steps_total, doc.steps_done, doc.steps_overdue = counts.total, counts.done, counts.overdue
	ahead = sorted(
		(row for row in doc.steps if row.status != DONE and row.due_date),
		key=lambda row: (getdate(row.due_date), row.idx),
	)
	doc.next_step = ahead[0].step if ahead else None
	doc.next_due = ahead[0].due_date if ahead else None
	if doc.status != "Cancelled":
		doc.status = "Completed" if counts.total and counts.done == counts.total else "Active"


def validate_template(doc, method: str | None = None) -> None:
	"""One default template: the one a new rep starts; a ramp-up of shares in percent."""
	enforce(parse_ramp_up, doc.ramp_up)
	if doc.is_default and doc.enabled:
		frappe.db.set_value(TEMPLATE, {"is_default": 1, "name": ("!=", doc.name)}, "is_default", 0)


# Overdue steps
# -------------


def notify_overdue_steps() -> int:
	"""Daily: every open step past its date, told to its owner and the rep's lead, once per step; the
	programmes' counts of overdue steps brought to the day."""
	frappe.db.sql(
		"""update `tabRep Programme` programme set steps_overdue = (
			select count(*) from `tabRep Programme Step` step
			where step.parent = programme.name and step.parenttype = 'Rep Programme'
				and step.status != 'Done' and step.due_date < %(today)s)
		where programme.status = 'Active'""",
		{"today": today()},
	)
	step = frappe.qb.DocType("Rep Programme Step")
	programme = frappe.qb.DocType(PROGRAMME)
	rows = (
		frappe.qb.from_(step)
		.join(programme)
		.on(programme.name == step.parent)
		.select(
			programme.name.as_("programme"),
			programme.sales_person,
			step.name.as_("row"),
			step.step,
			step.due_date,
			step.owner_user,
		)
		.where(step.parenttype == PROGRAMME)
		.where(programme.status == "Active")
		.where(step.status != DONE)
		.where(step.due_date < today())
	).run(as_dict=True)
	leads_of = group_leads_finder()
	told = 0
	for row in rows:
		for user in {row.owner_user, *leads_of(row.sales_person)} - {None}:
			told += notify_once(
				user,
				f"rep-programme-step:{row.row}",
				_("Overdue in {0}'s programme: {1}").format(row.sales_person, row.step),
				_("The step {0} of the programme of {1} was due on {2}").format(
					row.step, row.sales_person, frappe.format(row.due_date, "Date")
				),
				row.sales_person,
				document=(PROGRAMME, row.programme),
			)
	return told
