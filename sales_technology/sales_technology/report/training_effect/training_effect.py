# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""What each held training changed: its participants' conversion of the funnel stage it trains in the
30 days before it and the 30 days after it (deals that entered the stage, and of them moved on)."""

from __future__ import annotations

from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import add_days, add_months, get_first_day, get_last_day, getdate, today

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.funnel_shape import StageFigures
from sales_technology.core.trainings import StageChange
from sales_technology.deals.funnel_analysis import Scope, analyse, default_funnel
from sales_technology.shared.report_filters import clean_filters

WINDOW = timedelta(days=30)


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	nodes = [node.name for node in report_nodes(filters.sales_person)]
	to_date = getdate(filters.to_date or today())
	from_date = getdate(filters.from_date or add_months(to_date, -6))
	trainings = frappe.get_list(
		"Sales Training",
		filters={
			"status": "Held",
			"sales_person": ("in", nodes),
			"training_date": ("between", [from_date, to_date]),
			"sales_stage": ("is", "set"),
		},
		fields=["name", "topic", "training_date", "sales_person", "sales_stage"],
		order_by="training_date desc",
	)
	participants: dict[str, list[str]] = {}
	for row in frappe.get_all(
		"Sales Training Participant",
		filters={"parenttype": "Sales Training", "parent": ("in", [t.name for t in trainings] or [""])},
		fields=["parent", "sales_person"],
	):
		participants.setdefault(row.parent, []).append(row.sales_person)
	funnel = default_funnel()
	data = []
	for training in trainings:
		reps = tuple(participants.get(training.name, []))
		day = getdate(training.training_date)
		change = StageChange(
			*entered_and_moved_on(funnel, training, reps, day - WINDOW, day - timedelta(days=1)),
			*entered_and_moved_on(funnel, training, reps, day + timedelta(days=1), day + WINDOW),
		)
		data.append(
			{
				"training": training.name,
				"topic": training.topic,
				"training_date": training.training_date,
				"sales_person": training.sales_person,
				"sales_stage": training.sales_stage,
				"participants": len(reps),
				"entered_before": change.entered_before,
				"conversion_before": change.before,
				"entered_after": change.entered_after,
				"conversion_after": change.after,
				"change": change.change,
			}
		)
	return get_columns(), data


def stage_by_participant(training) -> list[dict]:
	"""Per participant of a training in a stage: his conversion of it that sent him (kept when the funnel's
	training list planned it, else the month before the training's), and the month after that one's, so
	that the lead sees whether it moved."""
	funnel, reps = default_funnel(), tuple(row.sales_person for row in training.participants)
	if not (funnel and reps and training.sales_stage):
		return []
	if training.sent_from and training.sent_to:
		before = getdate(training.sent_from), getdate(training.sent_to)
	else:
		month_before = get_first_day(add_months(getdate(training.training_date or today()), -1))
		before = month_before, get_last_day(month_before)
	after_start = add_days(before[1], 1)
	after = after_start, get_last_day(after_start)

	def by_rep(start, end) -> dict[str, StageFigures]:
		rows = analyse(Scope(funnel, training.sales_person, reps, start, end, "Sales Person"))
		return {key: row.figures for (key, stage), row in rows.items() if stage == training.sales_stage}

	measured_before, measured_after = by_rep(*before), by_rep(*after)
	return [
		{
			"sales_person": row.sales_person,
			"before_from": before[0],
			"before_to": before[1],
			# the figure that sent him, as the funnel showed it; a rep added by hand: measured alike
			"before": row.sent_conversion or measured_before.get(row.sales_person, StageFigures()).conversion,
			"after_from": after[0],
			"after_to": after[1],
			"entered_after": measured_after.get(row.sales_person, StageFigures()).entered,
			"after": measured_after.get(row.sales_person, StageFigures()).conversion,
		}
		for row in training.participants
	]


def entered_and_moved_on(funnel, training, reps: tuple[str, ...], start, end) -> tuple[int, int]:
	"""The participants' deals that entered the trained stage between the days, and of them moved on."""
	if not (funnel and reps) or end < start:
		return 0, 0
	rows = analyse(Scope(funnel, training.sales_person, reps, start, end))
	row = rows.get((training.sales_person, training.sales_stage))
	return (row.entered, row.moved_on) if row else (0, 0)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "training",
			"label": _("Sales Training"),
			"fieldtype": "Link",
			"options": "Sales Training",
			"width": 140,
		},
		{"fieldname": "topic", "label": _("Topic"), "fieldtype": "Data", "width": 240},
		{"fieldname": "training_date", "label": _("Training Date"), "fieldtype": "Date", "width": 110},
		{
			"fieldname": "sales_person",
			"label": _("Held For"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 160,
		},
		{"fieldname": "sales_stage", "label": _("Funnel Stage It Trains"), "fieldtype": "Data", "width": 200},
		{"fieldname": "participants", "label": _("Participants"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "entered_before",
			"label": _("Entered, 30 Days Before"),
			"fieldtype": "Int",
			"width": 120,
		},
		{
			"fieldname": "conversion_before",
			"label": _("Moved On Before, %"),
			"fieldtype": "Percent",
			"width": 120,
		},
		{
			"fieldname": "entered_after",
			"label": _("Entered, 30 Days After"),
			"fieldtype": "Int",
			"width": 120,
		},
		{
			"fieldname": "conversion_after",
			"label": _("Moved On After, %"),
			"fieldtype": "Percent",
			"width": 120,
		},
		{"fieldname": "change", "label": _("Change, Points"), "fieldtype": "Float", "width": 110},
	]
