"""Running a cadence on a client: its steps become planned Sales Activities of the responsible rep, one
at a time; the outcome of the done step plans the next (`core.cadences`), a refusal in the intercept
moves the client to the long plan, and stopping the run cancels what it still had planned."""

from __future__ import annotations

import json

import frappe
from frappe import _
from frappe.utils import add_days, get_datetime, getdate, strip_html, today

from sales_technology.core import cadences
from sales_technology.core.cadences import Step
from sales_technology.shared.background_work import work_in_chunks
from sales_technology.shared.org_structure import company_of, get_sales_person
from sales_technology.shared.validation import SalesRuleError, enforce
from sales_technology.shared.work_calendar import get_holidays

CLIENT_DOCTYPES = ("Lead", "Prospect", "Customer")
CLIENT_NAME_FIELDS = {"Lead": "lead_name", "Prospect": "company_name", "Customer": "customer_name"}
# a step is planned for the morning of its day: the rep moves it within the day
STEP_TIME = "10:00:00"


class CadenceRefused(SalesRuleError):
	pass


def steps_of(cadence) -> list[Step]:
	return [
		Step(
			(row.step or "").strip(),
			row.activity_type,
			row.offset_days,
			row.offset_from or cadences.FROM_PREVIOUS,
			(row.on_agreed or "").strip(),
			(row.on_refused or "").strip(),
			(row.on_no_answer or "").strip(),
			(row.on_done or "").strip(),
			bool(row.is_long_plan),
			bool(row.asks_temperature),
		)
		for row in cadence.steps
	]


def validate_cadence(doc) -> None:
	enforce(cadences.check_steps, steps_of(doc), exc=CadenceRefused)


def validate_run(doc) -> None:
	"""A client of the department, one running cadence at a time, on an enabled cadence."""
	if doc.party_type not in CLIENT_DOCTYPES:
		frappe.throw(_("A cadence runs on a lead, a prospect or a customer"), exc=CadenceRefused)
	doc.party_name = frappe.db.get_value(doc.party_type, doc.party, CLIENT_NAME_FIELDS[doc.party_type])
	if not doc.is_new():
		return
	if not frappe.db.get_value("Sales Cadence", doc.cadence, "enabled"):
		frappe.throw(_("The cadence {0} is disabled").format(frappe.bold(doc.cadence)), exc=CadenceRefused)
	running = frappe.get_all(
		"Sales Cadence Run",
		filters={"party_type": doc.party_type, "party": doc.party, "status": cadences.RUNNING},
		pluck="name",
	)
	enforce(cadences.check_one_running, doc.party_name or doc.party, running, doc.cadence, exc=CadenceRefused)


def start_run(doc) -> None:
	"""The run's first step planned (after the run is stored: the activity links to it)."""
	cadence = frappe.get_cached_doc("Sales Cadence", doc.cadence)
	plan_step(doc, cadence, steps_of(cadence)[0], None)
	doc.save(ignore_permissions=True)


@frappe.whitelist(methods=["POST"])
def start_cadence(cadence: str, party_type: str, party: str, sales_person: str | None = None) -> str:
	"""Start the cadence on a client for the responsible rep (the client's, else the user's own)."""
	frappe.has_permission(party_type, "read", party, throw=True)
	run = frappe.get_doc(
		{
			"doctype": "Sales Cadence Run",
			"cadence": cadence,
			"party_type": party_type,
			"party": party,
			"sales_person": sales_person or responsible_rep(party_type, party),
			"started_on": today(),
		}
	)
	run.insert()
	return run.name


# a selection larger than this starts in the background, in chunks of it, with a progress bar
CADENCE_CHUNK = 20


@frappe.whitelist(methods=["POST"])
def start_cadences(cadence: str, party_type: str, parties: str | list[str]) -> dict:
	"""Start the cadence on the clients picked in a list; a client that cannot start is named with why.
	A large selection is queued: the user sees its progress and is told the outcome when it is done."""
	if isinstance(parties, str):
		parties = json.loads(parties)
	if len(parties) > CADENCE_CHUNK:
		frappe.enqueue(
			"sales_technology.strategies.cadences.start_cadences_in_background",
			queue="long",
			timeout=3600,
			cadence=cadence,
			party_type=party_type,
			parties=parties,
		)
		return {"queued": len(parties), "started": [], "skipped": []}
	return start_each(cadence, party_type, parties)


def start_each(cadence: str, party_type: str, parties: list[str]) -> dict:
	started, skipped = [], []
	for party in parties:
		# one client's refusal leaves the others' runs in place
		savepoint = f"cadence_{frappe.generate_hash(length=8)}"
		frappe.db.savepoint(savepoint)
		try:
			started.append(start_cadence(cadence, party_type, party))
		except (frappe.ValidationError, frappe.PermissionError) as error:
			frappe.db.rollback(save_point=savepoint)
			frappe.clear_messages()
			skipped.append({"party": party, "reason": strip_html(str(error))})
	return {"started": started, "skipped": skipped}


def start_cadences_in_background(cadence: str, party_type: str, parties: list[str]) -> dict:
	"""The queued start, as the user who asked: each chunk committed (a job stopped half-way leaves the
	runs it started, and the same selection started again skips them as running), its progress shown to
	the user, and the outcome told when done."""
	started, skipped = [], []

	def start_chunk(chunk):
		result = start_each(cadence, party_type, list(chunk))
		started.extend(result["started"])
		skipped.extend(result["skipped"])

	work_in_chunks(
		parties, CADENCE_CHUNK, start_chunk, title=_("Start a Cadence"), progress=_("{0} of {1} clients")
	)
	lines = [_("Started: {0}").format(len(started))]
	lines += [
		f"{frappe.utils.escape_html(row['party'])}: {frappe.utils.escape_html(row['reason'])}"
		for row in skipped
	]
	frappe.publish_realtime(
		"msgprint",
		{
			"title": _("Start a Cadence"),
			"message": "<br>".join(lines),
			"indicator": "orange" if skipped else "green",
		},
		user=frappe.session.user,
	)
	return {"started": started, "skipped": skipped}


def responsible_rep(party_type: str, party: str) -> str | None:
	if party_type not in CLIENT_DOCTYPES:
		return get_sales_person()
	return frappe.db.get_value(party_type, party, "st_responsible_sales_person") or get_sales_person()


def plan_step(run, cadence, step: Step, previous_done_on) -> None:
	"""The step's activity, planned for the run's rep on its working day."""
	row = next(row for row in cadence.steps if (row.step or "").strip() == step.key)
	holidays = get_holidays(
		company_of(run.sales_person), getdate(run.started_on), add_days(getdate(today()), 400)
	)
	started_on = getdate(run.started_on)
	day = cadences.planned_day(
		step, started_on, getdate(previous_done_on) if previous_done_on else None, holidays
	)
	# a step due before today (a step done late and logged after) is planned for today
	day = max(day, getdate(today()))
	activity = frappe.get_doc(
		{
			"doctype": "Sales Activity",
			"activity_type": step.activity_type,
			"subject": _(row.subject) if row.subject else _(step.activity_type),
			"status": "Planned",
			"planned_on": get_datetime(f"{day} {STEP_TIME}"),
			"sales_person": run.sales_person,
			"party_type": run.party_type,
			"party": run.party,
			"channel": row.channel,
			"notes": step_notes(row),
			"cadence_run": run.name,
			"cadence_step": step.key,
		}
	).insert(ignore_permissions=True)
	run.current_step = step.key
	run.current_activity = activity.name
	if step.is_long_plan:
		run.on_long_plan = 1
	run.append(
		"steps",
		{
			"step": step.key,
			"subject": activity.subject,
			"sales_activity": activity.name,
			"planned_on": day,
			"is_long_plan": step.is_long_plan,
		},
	)
	show_on_client(
		run,
		_("Step {0}: {1}, planned for {2}").format(step.key, activity.subject, frappe.format(day, "Date")),
	)


def step_notes(row) -> str | None:
	"""What the rep reads on the planned step: marketing's support and the letter's template."""
	notes = [_(row.marketing_support)] if row.marketing_support else []
	if row.email_template:
		notes.append(
			_("Write the letter from the template {0} (Email on the client's form)").format(
				row.email_template
			)
		)
	return "<br>".join(frappe.utils.escape_html(note) for note in notes) or None


def show_on_client(run, progress: str) -> None:
	frappe.db.set_value(
		run.party_type,
		run.party,
		{
			"st_strategy": frappe.db.get_value("Sales Cadence", run.cadence, "strategy"),
			"st_cadence_run": run.name,
			"st_cadence_progress": progress,
		},
		update_modified=False,
	)


def validate_step_activity(activity) -> None:
	"""A step's activity stays the run's; done, a step that asks to rank the client needs the client
	ranked, and the outcome is one the cadence knows."""
	before = activity.get_doc_before_save()
	if before and (before.cadence_run or "", before.cadence_step or "") != (
		activity.cadence_run or "",
		activity.cadence_step or "",
	):
		frappe.throw(_("An activity's cadence step is set by the cadence run only"), exc=CadenceRefused)
	if not activity.cadence_run or activity.status != "Done":
		return
	enforce(cadences.outcome_of, activity.result, activity.cadence_outcome, exc=CadenceRefused)
	if activity.client_temperature:
		return
	asks = frappe.db.get_value(
		"Sales Cadence Step",
		{
			"parent": frappe.db.get_value("Sales Cadence Run", activity.cadence_run, "cadence"),
			"parenttype": "Sales Cadence",
			"step": activity.cadence_step,
		},
		"asks_temperature",
	)
	if asks:
		frappe.throw(
			_("Step {0} of the cadence asks you to rank the client hot, warm or cold").format(
				activity.cadence_step
			),
			exc=CadenceRefused,
		)


def activity_changed(activity) -> None:
	"""The run's current step done: its outcome plans the next step or ends the run; cancelled by hand,
	the run stops with the step's reason (a run never waits on a step nobody will do)."""
	if (
		not activity.cadence_run
		or activity.status not in ("Done", "Cancelled")
		or not activity.has_value_changed("status")
	):
		return
	run = frappe.get_doc("Sales Cadence Run", activity.cadence_run)
	if run.status != cadences.RUNNING or run.current_activity != activity.name:
		return
	if activity.status == "Cancelled":
		end_run(
			run,
			cadences.STOPPED,
			_("Step {0} was cancelled: {1}").format(activity.cadence_step, activity.cancel_reason or ""),
		)
		run.save(ignore_permissions=True)
		return
	outcome = cadences.outcome_of(activity.result, activity.cadence_outcome)
	done_on = getdate(activity.done_on)
	for row in run.steps:
		if row.sales_activity == activity.name:
			row.done_on = done_on
			row.outcome = outcome
	if activity.client_temperature:
		frappe.db.set_value(
			run.party_type, run.party, "st_temperature", activity.client_temperature, update_modified=False
		)
	if outcome == cadences.AGREED and not run.converted_on:
		run.converted_on = done_on
	cadence = frappe.get_cached_doc("Sales Cadence", run.cadence)
	following = cadences.next_step(steps_of(cadence), activity.cadence_step, outcome)
	if following:
		plan_step(run, cadence, following, done_on)
	else:
		end_run(
			run,
			cadences.end_status(bool(run.converted_on), [row.outcome for row in run.steps if row.outcome]),
		)
	run.save(ignore_permissions=True)


def end_run(run, status: str, reason: str | None = None) -> None:
	run.status = status
	run.ended_on = getdate(today())
	run.current_activity = None
	if reason:
		run.stop_reason = reason
	show_on_client(run, _(status))


@frappe.whitelist(methods=["POST"])
def stop_cadence(run: str, reason: str) -> None:
	"""Stop a running cadence: its planned steps are cancelled with the reason."""
	doc = frappe.get_doc("Sales Cadence Run", run)
	doc.check_permission("write")
	if doc.status != cadences.RUNNING:
		frappe.throw(_("The cadence is not running: it is {0}").format(_(doc.status)), exc=CadenceRefused)
	if not (reason or "").strip():
		frappe.throw(_("Say why the cadence stops"), exc=CadenceRefused)
	# the run first, so that its steps cancelled below do not stop it again
	end_run(doc, cadences.STOPPED, reason.strip())
	doc.save(ignore_permissions=True)
	for name in frappe.get_all(
		"Sales Activity", filters={"cadence_run": doc.name, "status": "Planned"}, pluck="name"
	):
		activity = frappe.get_doc("Sales Activity", name)
		activity.status = "Cancelled"
		activity.cancel_reason = _("The cadence {0} was stopped: {1}").format(doc.cadence, reason)
		activity.save(ignore_permissions=True)
