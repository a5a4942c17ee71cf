# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Saved headcount plans side by side: each input (and where it was measured) and each result a row,
each plan a column, so that a what-if reads against the plan it changed."""

from __future__ import annotations

import frappe
from frappe import _

from sales_technology.shared.report_filters import clean_filters

ROWS = (
	("revenue_target", "Revenue Target", "Currency"),
	("working_days", "Working Days", "Int"),
	("average_deal", "Average Deal", "Currency"),
	("measured_average_deal", "Measured Average Deal", "Currency"),
	("call_to_meeting", "Calls to Meetings, %", "Percent"),
	("measured_call_to_meeting", "Measured Calls to Meetings, %", "Percent"),
	("meeting_to_proposal", "Meetings to Proposals, %", "Percent"),
	("measured_meeting_to_proposal", "Measured Meetings to Proposals, %", "Percent"),
	("proposal_to_deal", "Proposals to Deals, %", "Percent"),
	("measured_proposal_to_deal", "Measured Proposals to Deals, %", "Percent"),
	("calls_per_day", "Calls a Rep Makes a Day", "Float"),
	("meetings_per_day", "Meetings a Rep Holds a Day", "Float"),
	("proposals_per_day", "Proposals a Rep Prepares a Day", "Float"),
	("deals_needed", "Deals", "Int"),
	("proposals_needed", "Proposals", "Int"),
	("meetings_needed", "Meetings", "Int"),
	("calls_needed", "Calls", "Int"),
	("rep_days", "Rep-Days", "Float"),
	("reps_needed", "Reps Needed", "Int"),
	("current_reps", "Reps Now", "Int"),
	("current_capacity", "Reps Now at Full Load", "Float"),
	("reps_gap", "Reps to Hire", "Int"),
)


LATEST = 3


def execute(filters: dict | None = None):
	filters = clean_filters(filters, multiple=("plans",))
	names = frappe.parse_json(filters.plans) if isinstance(filters.plans, str) else filters.plans
	if not names:
		# opened without a choice: the latest plans the user may read (the filter shows them too)
		names = frappe.get_list("Sales Headcount Plan", order_by="creation desc", limit=LATEST, pluck="name")
	if not names:
		return [], [], _("No headcount plan to compare yet: make one in Sales Headcount Plan")
	plans = frappe.get_list(
		"Sales Headcount Plan",
		filters={"name": ("in", names)},
		fields=["name", "title", "sales_person", "period_start", *(fieldname for fieldname, *_rest in ROWS)],
		order_by="creation asc",
	)
	columns = [{"fieldname": "measure", "label": _("Measure"), "fieldtype": "Data", "width": 240}] + [
		{"fieldname": f"plan_{index}", "label": plan.title, "fieldtype": "Data", "width": 160}
		for index, plan in enumerate(plans)
	]
	rows = []
	for fieldname, label, fieldtype in ROWS:
		row = {"measure": _(label)}
		for index, plan in enumerate(plans):
			row[f"plan_{index}"] = str(frappe.format(plan.get(fieldname), {"fieldtype": fieldtype}))
		rows.append(row)
	return (
		columns,
		rows,
		_("Each plan's inputs and what it takes; the measured values show where the inputs came from"),
	)
