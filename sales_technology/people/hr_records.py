"""Where HRMS is installed, the sales force's development is also HR's, kept in HR's own doctypes rather
than in a second register: each Sales Training has one HRMS Training Event (its participants who are
employees), its exam scores one Training Result, and a new rep's programme shows the Employee Onboarding
HR runs for him. The app writes them on the lead's behalf (he has no HR role); without HRMS nothing here
runs and the app works alone."""

from __future__ import annotations

from datetime import datetime, time

import frappe
from frappe import _
from frappe.utils import flt, getdate

from sales_technology.shared.org_structure import company_of

EVENT, RESULT, ONBOARDING = "Training Event", "Training Result", "Employee Onboarding"
# the seed's kinds of training as HRMS's kinds of event
EVENT_TYPES = {
	"External Paid Training": "Seminar",
	"External Lecture": "Conference",
	"Internal Training": "Workshop",
	"Team Event": "Workshop",
}
EVENT_STATUS = {"Planned": "Scheduled", "Held": "Completed", "Cancelled": "Cancelled"}
DAY = (time(10, 0), time(18, 0))


def hrms_installed() -> bool:
	return "hrms" in frappe.get_installed_apps()


def employees_of(reps: list[str]) -> dict[str, str]:
	"""{rep: his Employee} of the reps ERPNext links to one."""
	return {
		row.name: row.employee
		for row in frappe.get_all(
			"Sales Person",
			filters={"name": ("in", reps or [""]), "employee": ("is", "set")},
			fields=["name", "employee"],
		)
	}


def keep_training_event(doc, method: str | None = None) -> None:
	"""Sales Training on_update: its Training Event, a draft while planned (its participants who are
	employees), submitted when held and cancelled with it."""
	if not hrms_installed():
		return
	event = frappe.get_doc(EVENT, doc.training_event) if doc.training_event else None
	if event and event.docstatus == 2:
		return
	if doc.status == "Cancelled":
		if event and event.docstatus == 1:
			event.flags.ignore_permissions = True
			event.cancel()
		elif event:
			frappe.delete_doc(EVENT, event.name, ignore_permissions=True, force=True)
			doc.db_set({"hr_event_doctype": None, "training_event": None})
		return
	employees = employees_of([row.sales_person for row in doc.participants])
	if not employees and not event:
		return
	if event and event.docstatus == 1:  # held: after that only its status is HR's to follow
		event.event_status = EVENT_STATUS[doc.status]
		event.flags.ignore_permissions = True
		event.save()
		return
	topic = frappe.db.get_value("Sales Training Topic", doc.topic, ["topic", "description"], as_dict=True)
	day = getdate(doc.training_date)
	event = event or frappe.get_doc({"doctype": EVENT, "event_name": f"{doc.topic} ({doc.name})"})
	event.update(
		{
			"event_status": EVENT_STATUS[doc.status],
			"type": EVENT_TYPES.get(doc.kind, "Workshop"),
			"company": company_of(doc.sales_person),
			"trainer_name": doc.trainer,
			"location": _("Sales department"),
			"start_time": datetime.combine(day, DAY[0]),
			"end_time": datetime.combine(day, DAY[1]),
			"introduction": (topic and (topic.description or topic.topic)) or doc.topic,
		}
	)
	# who attended and how he did is the Training Result's (the lead records it after the day)
	event.set("employees", [{"employee": employee} for employee in employees.values()])
	event.flags.ignore_permissions = True
	event.save()
	if doc.status == "Held":
		event.submit()
	if doc.training_event != event.name:
		doc.db_set({"hr_event_doctype": EVENT, "training_event": event.name})


def keep_training_result(doc, method: str | None = None) -> None:
	"""Sales Training Result on_update: the held training's scores in its HRMS Training Result, a draft
	that HR submits when it is final."""
	if not hrms_installed():
		return
	training = frappe.db.get_value(
		"Sales Training", doc.training, ["name", "status", "training_event", "training_result"], as_dict=True
	)
	if not (training and training.training_event and training.status == "Held"):
		return
	if frappe.db.get_value(EVENT, training.training_event, "docstatus") != 1:
		return
	result = frappe.get_doc(RESULT, training.training_result) if training.training_result else None
	if result and result.docstatus != 0:
		return  # final in HR: no longer the app's to change
	scores = frappe.get_all(
		"Sales Training Result",
		filters={"training": doc.training},
		fields=["sales_person", "attended", "score", "pass_mark", "result", "attempts"],
	)
	employees = employees_of([row.sales_person for row in scores])
	rows = [
		{
			"employee": employees[row.sales_person],
			"hours": 8 if row.attended else 0,
			"grade": grade(row),
			"comments": _("Attempts: {0}").format(row.attempts or 0) if row.attempts else None,
		}
		for row in scores
		if row.sales_person in employees
	]
	if not rows:
		return
	if result is None:
		result = frappe.get_doc({"doctype": RESULT, "training_event": training.training_event})
	result.set("employees", rows)
	result.flags.ignore_permissions = True
	result.save()
	if training.training_result != result.name:
		frappe.db.set_value(
			"Sales Training",
			training.name,
			{"hr_result_doctype": RESULT, "training_result": result.name},
			update_modified=False,
		)


def grade(row) -> str | None:
	"""'82 / 70, Exam passed': the score against the pass mark, and what it means."""
	if not row.attempts:
		return None
	return (
		f"{flt(row.score):g} / {flt(row.pass_mark):g}, {_(row.result)}"
		if row.result
		else f"{flt(row.score):g}"
	)


def link_onboarding(doc) -> None:
	"""Rep Programme validate: the Employee Onboarding HR runs for the rep's employee, shown beside it."""
	if doc.employee_onboarding or not hrms_installed():
		return
	employee = frappe.db.get_value("Sales Person", doc.sales_person, "employee")
	if not employee:
		return
	onboarding = frappe.get_all(
		ONBOARDING,
		filters={"employee": employee, "docstatus": ("<", 2)},
		pluck="name",
		order_by="creation desc",
		limit=1,
	)
	if onboarding:
		doc.hr_onboarding_doctype, doc.employee_onboarding = ONBOARDING, onboarding[0]
