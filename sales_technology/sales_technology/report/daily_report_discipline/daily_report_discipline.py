# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Who submitted the daily report, who was late and who did not submit, by rep and working day."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_days, getdate

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.periods import check_report_span
from sales_technology.shared.report_filters import clean_filters
from sales_technology.shared.validation import enforce
from sales_technology.shared.work_calendar import get_holidays

SUBMITTED, LATE, DRAFT, MISSING = "Submitted", "Late", "Draft", "Missing"


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	if not (filters.from_date and filters.to_date):
		frappe.throw(_("Choose the period: From Date and To Date"))
	start, end = getdate(filters.from_date), getdate(filters.to_date)
	enforce(check_report_span, start, end)
	company = filters.company or frappe.db.get_single_value("Global Defaults", "default_company")
	reps = [node.name for node in report_nodes(filters.sales_person) if not node.is_group]
	holidays = get_holidays(company, start, end)
	days = [add_days(start, i) for i in range((end - start).days + 1)]
	days = [day for day in days if day not in holidays and day <= getdate()]
	statuses = get_statuses(reps, start, end)
	data = []
	for rep in reps:
		row = {"sales_person": rep}
		for day in days:
			row[day.isoformat()] = _(statuses.get((rep, day), MISSING))
		counts = [statuses.get((rep, day), MISSING) for day in days]
		row.update(
			submitted=counts.count(SUBMITTED) + counts.count(LATE),
			late=counts.count(LATE),
			missing=counts.count(MISSING) + counts.count(DRAFT),
		)
		data.append(row)
	missing = sum(row["missing"] for row in data)
	summary = [
		{"value": len(days), "label": _("Working Days"), "datatype": "Int"},
		{
			"value": sum(row["late"] for row in data),
			"label": _("Late Reports"),
			"datatype": "Int",
			"indicator": "Orange",
		},
		{
			"value": missing,
			"label": _("Missing Reports"),
			"datatype": "Int",
			"indicator": "Red" if missing else "Green",
		},
	]
	return get_columns(days), data, None, None, summary


def get_statuses(reps: list[str], start, end) -> dict:
	reports = frappe.get_list(
		"Daily Sales Report",
		filters={
			"sales_person": ("in", reps or [""]),
			"report_date": ("between", [start, end]),
			"docstatus": ("<", 2),
		},
		fields=["sales_person", "report_date", "docstatus", "is_late"],
		limit_page_length=0,
	)
	statuses = {}
	for report in reports:
		status = DRAFT if report.docstatus == 0 else (LATE if report.is_late else SUBMITTED)
		statuses[(report.sales_person, getdate(report.report_date))] = status
	return statuses


def get_columns(days) -> list[dict]:
	columns = [
		{
			"fieldname": "sales_person",
			"label": _("Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 200,
		}
	]
	columns += [
		{"fieldname": day.isoformat(), "label": frappe.format(day, "Date"), "fieldtype": "Data", "width": 100}
		for day in days
	]
	columns += [
		{"fieldname": "submitted", "label": _("Submitted"), "fieldtype": "Int", "width": 100},
		{"fieldname": "late", "label": _("Late"), "fieldtype": "Int", "width": 80},
		{"fieldname": "missing", "label": _("Missing"), "fieldtype": "Int", "width": 90},
	]
	return columns
