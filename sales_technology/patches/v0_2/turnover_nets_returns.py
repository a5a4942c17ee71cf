"""Turnover is net ("сумма оборота"): credit notes reduce it in the period they are posted. Sites whose
standard TURNOVER still excludes returns, as the app shipped it, get the net definition; a head's own
filters are kept."""

import json

import frappe


def execute() -> None:
	kpi = frappe.db.get_value("Sales KPI", "TURNOVER", ["is_standard", "filters"], as_dict=True)
	if kpi and kpi.is_standard and json.loads(kpi.filters or "[]") == [["is_return", "=", 0]]:
		frappe.db.set_value("Sales KPI", "TURNOVER", "filters", None)
