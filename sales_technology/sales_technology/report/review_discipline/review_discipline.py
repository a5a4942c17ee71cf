# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Whether the head's plan reports reached the General Director by their due dates, by period."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import date_diff, getdate, today

from sales_technology.shared.report_filters import clean_filters


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	conditions = {}
	if filters.from_date:
		conditions["period_end"] = (">=", filters.from_date)
	if filters.to_date:
		conditions["period_start"] = ("<=", filters.to_date)
	if filters.period_type:
		conditions["period_type"] = filters.period_type
	on_day = getdate(today())
	data = []
	for row in frappe.get_list(
		"Period Review",
		filters=conditions,
		fields=[
			"name",
			"sales_person",
			"period_type",
			"period_label",
			"due_date",
			"submitted_on",
			"workflow_state",
		],
		order_by="period_start desc, sales_person asc",
	):
		handed_in = getdate(row.submitted_on) if row.submitted_on else None
		days_late = max(date_diff(handed_in or on_day, row.due_date), 0)
		data.append(
			row
			| {
				"period_type": _(row.period_type),
				"workflow_state": _(row.workflow_state or "Draft"),
				"days_late": days_late,
			}
		)
	late = sum(1 for row in data if row["days_late"])
	summary = [
		{"label": _("Period Reviews"), "value": len(data), "indicator": "blue", "datatype": "Int"},
		{"label": _("Late"), "value": late, "indicator": "red" if late else "green", "datatype": "Int"},
	]
	return get_columns(), data, None, None, summary


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Period Review"),
			"fieldtype": "Link",
			"options": "Period Review",
			"width": 130,
		},
		{
			"fieldname": "sales_person",
			"label": _("Department or Group"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 180,
		},
		{"fieldname": "period_type", "label": _("Period Type"), "fieldtype": "Data", "width": 90},
		{"fieldname": "period_label", "label": _("Period"), "fieldtype": "Data", "width": 120},
		{"fieldname": "due_date", "label": _("Due Date"), "fieldtype": "Date", "width": 110},
		{"fieldname": "submitted_on", "label": _("Submitted On"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "workflow_state", "label": _("Review Status"), "fieldtype": "Data", "width": 120},
		{"fieldname": "days_late", "label": _("Days Late"), "fieldtype": "Int", "width": 90},
	]
