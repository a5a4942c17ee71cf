# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""The open agreements of the protocols: by owner and due date, overdue ones first, for a node's meetings
(the user's own part of the tree) or for one owner."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import date_diff, getdate, today

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.meetings import HELD, OPEN_STATUSES, OVERDUE
from sales_technology.shared.report_filters import clean_filters


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	nodes = [node.name for node in report_nodes(filters.sales_person)]
	meeting_filters = {"status": HELD, "sales_person": ("in", nodes)}
	meetings = {
		row.name: row
		for row in frappe.get_list(
			"Sales Meeting",
			filters=meeting_filters,
			fields=["name", "subject", "meeting_date", "sales_person", "party_name"],
		)
	}
	data = []
	if meetings:
		agreement_filters = {
			"parenttype": "Sales Meeting",
			"parent": ("in", list(meetings)),
			"status": ("in", [filters.status] if filters.status else OPEN_STATUSES),
		}
		if filters.owner_user:
			agreement_filters["owner_user"] = filters.owner_user
		if filters.due_before:
			agreement_filters["due_date"] = ("<", filters.due_before)
		on_day = getdate(today())
		for row in frappe.get_all(
			"Sales Meeting Agreement",
			filters=agreement_filters,
			fields=["parent", "description", "side", "owner_user", "owner_contact", "due_date", "status"],
			order_by="due_date asc",
		):
			meeting = meetings[row.parent]
			data.append(
				{
					"sales_meeting": row.parent,
					"meeting_subject": meeting.subject,
					"client": meeting.party_name,
					"sales_person": meeting.sales_person,
					"description": row.description,
					"side": _(row.side),
					"owner": row.owner_user or row.owner_contact,
					"due_date": row.due_date,
					"status": _(row.status),
					"days_overdue": max(date_diff(on_day, row.due_date), 0) if row.status == OVERDUE else 0,
				}
			)
	data.sort(key=lambda row: (-row["days_overdue"], str(row["due_date"])))
	overdue = sum(1 for row in data if row["days_overdue"])
	summary = [
		{"label": _("Open Agreements"), "value": len(data), "indicator": "blue", "datatype": "Int"},
		{
			"label": _("Overdue"),
			"value": overdue,
			"indicator": "red" if overdue else "green",
			"datatype": "Int",
		},
	]
	return get_columns(), data, None, None, summary


def get_columns() -> list[dict]:
	return [
		{"fieldname": "due_date", "label": _("Due Date"), "fieldtype": "Date", "width": 110},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 90},
		{"fieldname": "days_overdue", "label": _("Days Overdue"), "fieldtype": "Int", "width": 100},
		{"fieldname": "description", "label": _("What Was Agreed"), "fieldtype": "Data", "width": 260},
		{"fieldname": "side", "label": _("Side"), "fieldtype": "Data", "width": 80},
		{"fieldname": "owner", "label": _("Agreement Owner"), "fieldtype": "Data", "width": 180},
		{"fieldname": "client", "label": _("Client"), "fieldtype": "Data", "width": 160},
		{
			"fieldname": "sales_meeting",
			"label": _("Sales Meeting"),
			"fieldtype": "Link",
			"options": "Sales Meeting",
			"width": 140,
		},
		{"fieldname": "meeting_subject", "label": _("Subject"), "fieldtype": "Data", "width": 180},
		{
			"fieldname": "sales_person",
			"label": _("Responsible"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 160,
		},
	]
