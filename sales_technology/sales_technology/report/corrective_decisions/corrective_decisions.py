# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Corrective decisions by the month they answer, their approval and whether the next month proved them
effective, for a node of the tree the user may see."""

from __future__ import annotations

import frappe
from frappe import _

from sales_technology.activities.report_scope import report_nodes
from sales_technology.shared.report_filters import clean_filters


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	nodes = [node.name for node in report_nodes(filters.sales_person)]
	conditions = {"sales_person": ("in", nodes), "docstatus": ("<", 2)}
	if filters.from_date:
		conditions["period_start"] = (">=", filters.from_date)
	if filters.to_date:
		conditions["period_end"] = ("<=", filters.to_date)
	if filters.effectiveness:
		conditions["effectiveness"] = filters.effectiveness
	rows = frappe.get_list(
		"Corrective Decision",
		filters=conditions,
		fields=[
			"name",
			"sales_person",
			"period_start",
			"problem_kpi",
			"problem",
			"decision_type",
			"target_kpi",
			"expected_value",
			"actual_value",
			"workflow_state",
			"effectiveness",
		],
		order_by="period_start desc, sales_person asc",
	)
	data = [
		row
		| {
			"month": frappe.format(row.period_start, "Date"),
			"decision_type": _(row.decision_type),
			"workflow_state": _(row.workflow_state or "Draft"),
			"effectiveness_value": row.effectiveness,
			"effectiveness": _(row.effectiveness),
		}
		for row in rows
	]
	counts = {
		value: sum(1 for row in rows if row.effectiveness == value)
		for value in ("Effective", "Not Effective", "Pending")
	}
	summary = [
		{"label": _("Effective"), "value": counts["Effective"], "indicator": "green", "datatype": "Int"},
		{
			"label": _("Not Effective"),
			"value": counts["Not Effective"],
			"indicator": "red",
			"datatype": "Int",
		},
		{"label": _("Pending"), "value": counts["Pending"], "indicator": "blue", "datatype": "Int"},
	]
	return get_columns(), data, None, None, summary


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Corrective Decision"),
			"fieldtype": "Link",
			"options": "Corrective Decision",
			"width": 140,
		},
		{"fieldname": "month", "label": _("Month Reviewed"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "sales_person",
			"label": _("For"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 160,
		},
		{
			"fieldname": "problem_kpi",
			"label": _("KPI Behind"),
			"fieldtype": "Link",
			"options": "Sales KPI",
			"width": 140,
		},
		{"fieldname": "problem", "label": _("Problem"), "fieldtype": "Data", "width": 200},
		{"fieldname": "decision_type", "label": _("Kind of Decision"), "fieldtype": "Data", "width": 130},
		{
			"fieldname": "target_kpi",
			"label": _("KPI to Reach"),
			"fieldtype": "Link",
			"options": "Sales KPI",
			"width": 140,
		},
		{"fieldname": "expected_value", "label": _("Value to Reach"), "fieldtype": "Float", "width": 110},
		{"fieldname": "actual_value", "label": _("Value Reached"), "fieldtype": "Float", "width": 110},
		{"fieldname": "workflow_state", "label": _("Approval Status"), "fieldtype": "Data", "width": 120},
		{"fieldname": "effectiveness", "label": _("Effectiveness"), "fieldtype": "Data", "width": 110},
	]
