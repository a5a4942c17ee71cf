"""A partner's onboarding (seed 000, 2.18–2.19): a programme starts when a Sales Partner is given a
responsible rep, with the standard steps (core/partners.py); its first joint deal is marked done by the
first Sales Order submitted with the partner; its progress is kept on the programme for lists."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

from sales_technology.core.partners import FIRST_JOINT_DEAL, partner_steps
from sales_technology.core.rep_programme import DONE, OPEN, progress
from sales_technology.shared.settings import site_language

PROGRAMME = "Partner Programme"


def keep_programme(doc) -> None:
	"""Partner Programme validate: the standard steps for a new one, each done step's day, the progress."""
	if not doc.steps:
		for step in partner_steps(getdate(doc.start_date or today())):
			doc.append("steps", {**step, "step": _(step["step"], lang=site_language())})
	for step in doc.steps:
		if step.status == DONE and not step.done_on:
			step.done_on = getdate(today())
		elif step.status == OPEN:
			step.done_on = None
	counted = progress(
		[(step.status, getdate(step.due_date) if step.due_date else None) for step in doc.steps],
		getdate(today()),
	)
	doc.steps_total, doc.steps_done, doc.steps_overdue = counted.total, counted.done, counted.overdue
	waiting = sorted(
		(step for step in doc.steps if step.status == OPEN),
		key=lambda step: getdate(step.due_date) if step.due_date else getdate("2999-12-31"),
	)
	doc.next_step = waiting[0].step if waiting else None
	doc.next_due = waiting[0].due_date if waiting else None
	if doc.status == "Active" and doc.steps and not waiting:
		doc.status = "Completed"


def start_for_partner(doc, method: str | None = None) -> str | None:
	"""Sales Partner after_insert and on_update: a partner given a responsible rep starts its programme
	(once; a programme cancelled stays so)."""
	rep = doc.get("st_responsible_sales_person")
	if not rep or frappe.db.exists(PROGRAMME, {"sales_partner": doc.name}):
		return None
	programme = frappe.get_doc(
		{"doctype": PROGRAMME, "sales_partner": doc.name, "sales_person": rep, "start_date": today()}
	)
	programme.insert(ignore_permissions=True)
	return programme.name


def first_joint_deal(doc, method: str | None = None) -> None:
	"""Sales Order on_submit: the first order with a partner is its first joint deal."""
	if not doc.get("sales_partner"):
		return
	for name in frappe.get_all(
		PROGRAMME, filters={"sales_partner": doc.sales_partner, "status": "Active"}, pluck="name"
	):
		programme = frappe.get_doc(PROGRAMME, name)
		step = next(
			(step for step in programme.steps if step.kind == FIRST_JOINT_DEAL and step.status == OPEN), None
		)
		if step is None:
			continue
		step.status, step.done_on, step.evidence = DONE, getdate(doc.transaction_date), doc.name
		programme.flags.ignore_permissions = True
		programme.save()
