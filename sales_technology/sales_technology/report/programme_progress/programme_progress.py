# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""The new reps' programmes of a node: per rep the steps done, still to come and overdue on a day, the
next step, and the exam's result; overdue first."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.rep_programme import EXAM, exam_passed, progress
from sales_technology.shared.report_filters import clean_filters


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	on_date = getdate(filters.on_date or today())
	data = programme_rows(filters, on_date)
	overdue = sum(row["steps_overdue"] for row in data)
	summary = [
		{"label": _("New Reps"), "value": len(data), "indicator": "blue", "datatype": "Int"},
		{
			"label": _("Steps Overdue"),
			"value": overdue,
			"indicator": "red" if overdue else "green",
			"datatype": "Int",
		},
	]
	return get_columns(), data, None, None, summary


def programme_rows(filters, on_date) -> list[dict]:
	nodes = {node.name: node for node in report_nodes(filters.sales_person)}
	programme_filters = {"sales_person": ("in", list(nodes))}
	if filters.status:
		programme_filters["status"] = filters.status
	programmes = frappe.get_list(
		"Rep Programme",
		filters=programme_filters,
		fields=["name", "sales_person", "start_date", "status"],
		order_by="start_date desc",
	)
	steps: dict[str, list] = {}
	if programmes:
		for step in frappe.get_all(
			"Rep Programme Step",
			filters={"parenttype": "Rep Programme", "parent": ("in", [p.name for p in programmes])},
			fields=["parent", "idx", "step", "kind", "status", "due_date", "score", "pass_mark", "attempts"],
			order_by="idx",
		):
			steps.setdefault(step.parent, []).append(step)
	data = []
	for programme in programmes:
		rows = steps.get(programme.name, [])
		counts = progress(
			[(row.status, getdate(row.due_date) if row.due_date else None) for row in rows], on_date
		)
		ahead = sorted(
			(row for row in rows if row.status != "Done" and row.due_date),
			key=lambda row: (getdate(row.due_date), row.idx),
		)
		exam = next((row for row in rows if row.kind == EXAM), None)
		data.append(
			{
				"rep_programme": programme.name,
				"sales_person": programme.sales_person,
				"group": nodes[programme.sales_person].parent_sales_person,
				"start_date": programme.start_date,
				"status": _(programme.status),
				"steps_total": counts.total,
				"steps_done": counts.done,
				"steps_to_come": counts.to_come,
				"steps_overdue": counts.overdue,
				"next_step": ahead[0].step if ahead else None,
				"next_due": ahead[0].due_date if ahead else None,
				"exam": exam_result(exam),
			}
		)
	data.sort(key=lambda row: (-row["steps_overdue"], row["sales_person"]))
	return data


def exam_result(exam) -> str | None:
	"""'Exam passed 80 / 70 (2 attempts)', 'Exam failed 60 / 70', or nothing before the first attempt."""
	if exam is None or exam.score is None or not exam.attempts:
		return None
	verdict = _("Exam passed") if exam_passed(exam.score, exam.pass_mark) else _("Exam failed")
	result = f"{verdict} {exam.score:g} / {exam.pass_mark or 0:g}"
	if exam.attempts > 1:
		result += " " + _("({0} attempts)").format(exam.attempts)
	return result


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "sales_person",
			"label": _("Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 180,
		},
		{
			"fieldname": "group",
			"label": _("Group"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 160,
		},
		{
			"fieldname": "rep_programme",
			"label": _("Rep Programme"),
			"fieldtype": "Link",
			"options": "Rep Programme",
			"width": 150,
		},
		{"fieldname": "start_date", "label": _("Start Date"), "fieldtype": "Date", "width": 110},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 100},
		{"fieldname": "steps_total", "label": _("Steps"), "fieldtype": "Int", "width": 70},
		{"fieldname": "steps_done", "label": _("Done"), "fieldtype": "Int", "width": 70},
		{"fieldname": "steps_to_come", "label": _("To Come"), "fieldtype": "Int", "width": 80},
		{"fieldname": "steps_overdue", "label": _("Overdue"), "fieldtype": "Int", "width": 80},
		{"fieldname": "next_step", "label": _("Next Step"), "fieldtype": "Data", "width": 260},
		{"fieldname": "next_due", "label": _("Next Due"), "fieldtype": "Date", "width": 110},
		{"fieldname": "exam", "label": _("Exam"), "fieldtype": "Data", "width": 190},
	]
