# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Who under a node has read and confirmed the present version of each standard that applies to him, and
who has not (a new version asks again): per standard and rep, the unconfirmed first."""

from __future__ import annotations

from frappe import _

from sales_technology.core.standards import CONFIRMED
from sales_technology.people.standards import reading_rows
from sales_technology.shared.report_filters import clean_filters


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	rows = reading_rows(filters.sales_person, filters.standard)
	if filters.not_confirmed_only:
		rows = [row for row in rows if row["status"] != CONFIRMED]
	data = [
		{**row, "status_key": row["status"], "status": _(row["status"])}
		for row in sorted(
			rows, key=lambda row: (row["status"] == CONFIRMED, row["standard"], row["sales_person"])
		)
	]
	confirmed = sum(1 for row in rows if row["status"] == CONFIRMED)
	summary = [
		{"label": _("Read and Confirmed"), "value": confirmed, "indicator": "green", "datatype": "Int"},
		{
			"label": _("Not Confirmed"),
			"value": len(rows) - confirmed,
			"indicator": "red" if len(rows) > confirmed else "green",
			"datatype": "Int",
		},
	]
	return get_columns(), data, None, None, summary


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "standard",
			"label": _("Sales Standard"),
			"fieldtype": "Link",
			"options": "Sales Standard",
			"width": 280,
		},
		{"fieldname": "version", "label": _("Version"), "fieldtype": "Int", "width": 80},
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
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 190},
		{"fieldname": "confirmed_on", "label": _("Confirmed On"), "fieldtype": "Datetime", "width": 160},
		{
			"fieldname": "last_confirmed_version",
			"label": _("Last Version Confirmed"),
			"fieldtype": "Int",
			"width": 110,
		},
	]
