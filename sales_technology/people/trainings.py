"""Trainings and their exams (seed 004: external and internal trainings, team events): a training held for
a group's reps, each participant's own result (attended, exam score, attempts, passed), trainings planned
from a corrective decision or from the funnel's training list."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_days, flt, getdate, today

from sales_technology.core.rep_programme import exam_passed
from sales_technology.people.relation import relation_to

TRAINING = "Sales Training"
RESULT = "Sales Training Result"
PASSED, FAILED = "Exam passed", "Exam failed"


class TrainingRefused(frappe.ValidationError):
	"""A training or a result that the rules refuse."""


def validate_training(doc, method: str | None = None) -> None:
	reps = [row.sales_person for row in doc.participants]
	if len(set(reps)) != len(reps):
		frappe.throw(_("A rep takes part in a training once"), exc=TrainingRefused)
	bounds = frappe.db.get_value("Sales Person", doc.sales_person, ["lft", "rgt"], as_dict=True)
	# every participant in one read: whether he is a group, and whether he stands under the node
	people = {
		row.name: row
		for row in frappe.get_all(
			"Sales Person", filters={"name": ("in", reps or [""])}, fields=["name", "is_group", "lft", "rgt"]
		)
	}
	groups = sorted(rep for rep in reps if rep in people and people[rep].is_group)
	if groups:
		frappe.throw(
			_("Participants are reps: {0} is a group").format(", ".join(groups)), exc=TrainingRefused
		)
	outside = [
		rep
		for rep in reps
		if rep not in people or not (bounds.lft <= people[rep].lft and people[rep].rgt <= bounds.rgt)
	]
	if outside:
		frappe.throw(
			_("{0} are not under {1}, whom the training is held for").format(
				", ".join(outside), frappe.bold(doc.sales_person)
			),
			exc=TrainingRefused,
		)


def sync_results(doc, method: str | None = None) -> None:
	"""on_update: a result for each participant (made by the app, his and his lead's to read); a removed
	participant's result goes while it holds no score."""
	reps = {row.sales_person for row in doc.participants}
	existing = {
		row.sales_person: row
		for row in frappe.get_all(
			RESULT, filters={"training": doc.name}, fields=["name", "sales_person", "attempts"]
		)
	}
	for rep in reps - set(existing):
		frappe.get_doc(
			{"doctype": RESULT, "training": doc.name, "sales_person": rep, "pass_mark": doc.pass_mark}
		).insert(ignore_permissions=True)
	for rep, row in existing.items():
		if rep not in reps and not row.attempts:
			frappe.delete_doc(RESULT, row.name, ignore_permissions=True, force=True)
	frappe.db.set_value(
		RESULT, {"training": doc.name}, "pass_mark", flt(doc.pass_mark) if doc.has_exam else 0
	)


def validate_result(doc, method: str | None = None) -> None:
	"""Only who manages the rep records his attendance and score; each new score is an attempt."""
	if doc.is_new():
		return  # made by the app for each participant
	if relation_to(doc.sales_person, frappe.session.user) != "manager":
		frappe.throw(_("Only the rep's lead or the head records his training result"), exc=TrainingRefused)
	stored = frappe.db.get_value(RESULT, doc.name, ["score", "training", "sales_person"], as_dict=True)
	if (stored.training, stored.sales_person) != (doc.training, doc.sales_person):
		frappe.throw(_("A result stays with its training and rep"), exc=TrainingRefused)
	if flt(doc.score) != flt(stored.score):
		doc.attempts = (doc.attempts or 0) + 1
		doc.attended = 1
		doc.result = PASSED if exam_passed(doc.score, doc.pass_mark) else FAILED


def create_training(
	node: str,
	reps: list[str],
	stage: str | None = None,
	decision: str | None = None,
	topic: str | None = None,
	sent: dict[str, float] | None = None,
	sent_from: str | None = None,
	sent_to: str | None = None,
) -> str:
	"""A planned training for the reps (a week from today, the user's to complete), as the user: returns
	its name. `sent` is each rep's conversion that sent him, measured from `sent_from` to `sent_to`."""
	sent = sent or {}
	doc = frappe.get_doc(
		{
			"doctype": TRAINING,
			"topic": topic or default_topic(),
			"training_date": add_days(getdate(today()), 7),
			"sales_person": node,
			"sales_stage": stage,
			"corrective_decision": decision,
			"status": "Planned",
			"sent_from": sent_from,
			"sent_to": sent_to,
			"participants": [{"sales_person": rep, "sent_conversion": sent.get(rep)} for rep in reps],
		}
	)
	doc.insert()
	return doc.name


def default_topic() -> str:
	return frappe.db.get_value("Sales Training Topic", {"kind": "Internal Training"}) or frappe.db.get_value(
		"Sales Training Topic", {}
	)


@frappe.whitelist(methods=["POST"])
def plan_training_for_decision(decision: str) -> str:
	"""A corrective decision of the kind Training: a training for the reps of its node, linked to it."""
	doc = frappe.get_doc("Corrective Decision", decision)
	doc.check_permission("read")
	if doc.decision_type != "Training":
		frappe.throw(_("Only a decision of the kind Training plans a training"), exc=TrainingRefused)
	node = doc.sales_person
	if frappe.db.get_value("Sales Person", node, "is_group"):
		bounds = frappe.db.get_value("Sales Person", node, ["lft", "rgt"], as_dict=True)
		reps = frappe.get_all(
			"Sales Person",
			filters={"is_group": 0, "enabled": 1, "lft": (">=", bounds.lft), "rgt": ("<=", bounds.rgt)},
			pluck="name",
			order_by="lft",
		)
		sent = {}
	else:
		reps, node = [node], frappe.db.get_value("Sales Person", node, "parent_sales_person")
		sent = {reps[0]: flt(doc.problem_fact)} if doc.problem_kpi == "STAGE_CONVERSION" else {}
	return create_training(node, reps, decision=decision, sent=sent)


@frappe.whitelist(methods=["POST"])
def plan_training_for_stage(
	stage: str,
	reps: str | list[str],
	conversions: str | dict | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
) -> str:
	"""The funnel's training list: a training in the stage for the reps who convert it below the reference,
	held for their nearest common group, each with the conversion that sent him and the period it was
	measured in, so that the next month's stage shows beside it."""
	reps = [rep for rep in frappe.parse_json(reps) or [] if rep]
	if not reps:
		frappe.throw(_("Name the reps the training is for"), exc=TrainingRefused)
	if not frappe.db.exists("Sales Stage", stage):
		frappe.throw(_("{0} is no funnel stage").format(frappe.bold(stage)), exc=TrainingRefused)
	conversions = frappe.parse_json(conversions) or {}
	return create_training(
		common_group(reps),
		reps,
		stage=stage,
		sent={rep: flt(conversions[rep]) for rep in reps if conversions.get(rep) is not None},
		sent_from=getdate(from_date) if from_date else None,
		sent_to=getdate(to_date) if to_date else None,
	)


def common_group(reps: list[str]) -> str:
	"""The nearest group above all the reps: the one the training is held for."""
	bounds = frappe.get_all("Sales Person", filters={"name": ("in", reps)}, fields=["lft", "rgt"])
	if len(bounds) != len(set(reps)):
		frappe.throw(_("Participants are Sales Persons of the tree"), exc=TrainingRefused)
	above = frappe.get_all(
		"Sales Person",
		filters={
			"is_group": 1,
			"lft": ("<=", min(row.lft for row in bounds)),
			"rgt": (">=", max(row.rgt for row in bounds)),
		},
		pluck="name",
		order_by="lft desc",
		limit=1,
	)
	if not above:
		frappe.throw(_("The reps have no group in common"), exc=TrainingRefused)
	return above[0]
