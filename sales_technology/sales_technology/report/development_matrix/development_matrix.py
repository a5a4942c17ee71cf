# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""The development matrix (seed 004: weekly, the planned development of clients by industry, jointly
with the regions): for each industry and territory the clients by category and commitment level, the
open pipeline, the turnover of the period beside the head's target for the cell, and whether anyone
worked with the cell's clients lately. As cells (a row each) or as a matrix of one measure."""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate, today

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.client_classification import COMMITMENT_LEVELS
from sales_technology.core.development_matrix import NOT_SET, fulfilment, is_idle, pivot
from sales_technology.core.roles import SALES_ANALYST
from sales_technology.deals.development_matrix import (
	TARGET_ROLES,
	client_counts,
	last_activities,
	pipeline,
	targets,
	turnover,
)
from sales_technology.shared.access import READ_ALL_ROLES
from sales_technology.shared.report_filters import clean_filters
from sales_technology.shared.settings import get_settings

MEASURES = {"Clients": "clients", "Pipeline": "pipeline", "Turnover": "turnover", "Fulfilment": "fulfilment"}


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	roles = set(frappe.get_roles())
	if not roles & (TARGET_ROLES | {SALES_ANALYST}):
		frappe.throw(
			_("The development matrix is for the head, the director and the analyst"), frappe.PermissionError
		)
	if not filters.company:
		frappe.throw(_("Choose the company"))
	end = getdate(filters.to_date or today())
	start = getdate(filters.from_date or end.replace(month=1, day=1))
	if end < start:
		frappe.throw(_("To Date cannot be before From Date"))
	members = None
	if filters.sales_person or not (roles & READ_ALL_ROLES):
		members = [node.name for node in report_nodes(filters.sales_person)]
	cells = matrix_cells(members, filters.company, start, end)
	categories = frappe.get_all("Client Category", pluck="name", order_by="name")
	message = _("Turnover from {0} to {1} against the targets of {2}").format(
		frappe.format(start, "Date"), frappe.format(end, "Date"), end.year
	)
	if filters.layout == "Matrix":
		columns, rows = as_matrix(cells, MEASURES.get(filters.measure or "Clients", "clients"))
	else:
		columns, rows = cell_columns(categories), sorted(cells.values(), key=cell_order)
	return columns, rows, message, chart(cells), summary(cells)


def matrix_cells(members, company: str, start, end) -> dict[tuple, dict]:
	idle_weeks = cint(get_settings().matrix_idle_weeks)
	cells: dict[tuple, dict] = defaultdict(dict)

	def cell(industry, territory):
		found = cells[(industry or None, territory or None)]
		if not found:
			found.update(
				{
					"industry": industry or NOT_SET,
					"territory": territory or NOT_SET,
					"industry_value": industry or "",
					"territory_value": territory or "",
					"clients": 0,
					"pipeline": 0.0,
					"turnover": 0.0,
					"last_activity": None,
				}
			)
		return found

	for row in client_counts(members):
		found = cell(row.industry, row.territory)
		found["clients"] += row.clients
		category = f"category_{frappe.scrub(row.category)}" if row.category else "category_none"
		found[category] = found.get(category, 0) + row.clients
		if row.level:
			found[f"level_{frappe.scrub(row.level)}"] = (
				found.get(f"level_{frappe.scrub(row.level)}", 0) + row.clients
			)
	for row in pipeline(members, company):
		cell(row.industry, row.territory)["pipeline"] += flt(row.amount)
	for row in turnover(members, company, start, end):
		cell(row.industry, row.territory)["turnover"] += flt(row.amount)
	for row in last_activities(members):
		found = cell(row.industry, row.territory)
		if row.last_activity and (not found["last_activity"] or row.last_activity > found["last_activity"]):
			found["last_activity"] = row.last_activity
	for (industry, territory), target in targets(company, end.year).items():
		found = cell(industry, territory)
		found["target_clients"] = target.target_clients
		found["target_turnover"] = target.target_turnover
	day = getdate(today())
	for found in cells.values():
		found["fulfilment"] = fulfilment(flt(found.get("target_turnover")), found["turnover"])
		found["idle"] = int(is_idle(found["clients"], found["last_activity"], day, idle_weeks))
		found["year"] = end.year
	return cells


def cell_order(row: dict) -> tuple:
	return (row["industry"] == NOT_SET, row["industry"], row["territory"] == NOT_SET, row["territory"])


def cell_columns(categories: list[str]) -> list[dict]:
	def number(fieldname, label, fieldtype="Int", width=90):
		return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width}

	return [
		{"fieldname": "industry", "label": _("Industry"), "fieldtype": "Data", "width": 160},
		{"fieldname": "territory", "label": _("Territory"), "fieldtype": "Data", "width": 140},
		number("clients", _("Clients")),
		*(number(f"category_{frappe.scrub(category)}", _(category)) for category in categories),
		number("category_none", _("No Category")),
		*(number(f"level_{frappe.scrub(level)}", _(level)) for level in COMMITMENT_LEVELS),
		number("pipeline", _("Open Pipeline"), "Currency", 130),
		number("turnover", _("Turnover"), "Currency", 130),
		number("target_turnover", _("Target Turnover"), "Currency", 130),
		number("fulfilment", _("Fulfilment, %"), "Percent", 100),
		number("target_clients", _("Target Clients")),
		{"fieldname": "last_activity", "label": _("Last Activity"), "fieldtype": "Date", "width": 110},
		{"fieldname": "idle", "label": _("No Work Lately"), "fieldtype": "Check", "width": 90},
		{"fieldname": "set_target", "label": _("Target"), "fieldtype": "Data", "width": 90},
	]


def as_matrix(cells: dict, measure: str) -> tuple[list[dict], list[dict]]:
	industries, territories, values = pivot(
		(row["industry"], row["territory"], row.get(measure) or 0) for row in cells.values()
	)
	fieldtype = {"clients": "Int", "fulfilment": "Percent"}.get(measure, "Currency")
	columns = [{"fieldname": "industry", "label": _("Industry"), "fieldtype": "Data", "width": 180}] + [
		{"fieldname": f"t_{index}", "label": _(territory), "fieldtype": fieldtype, "width": 120}
		for index, territory in enumerate(territories)
	]
	rows = []
	for industry in industries:
		row = {"industry": industry}
		for index, territory in enumerate(territories):
			row[f"t_{index}"] = values.get((industry, territory))
		rows.append(row)
	return columns, rows


def chart(cells: dict) -> dict | None:
	industries, _territories, values = pivot(
		(row["industry"], row["territory"], row["turnover"]) for row in cells.values()
	)
	if not industries:
		return None
	return {
		"data": {
			"labels": industries,
			"datasets": [
				{
					"name": _("Turnover"),
					"values": [
						sum(v for (i, _t), v in values.items() if i == industry) for industry in industries
					],
				}
			],
		},
		"type": "bar",
	}


def summary(cells: dict) -> list[dict]:
	rows = cells.values()
	idle = sum(row["idle"] for row in rows)
	return [
		{"label": _("Clients"), "value": sum(row["clients"] for row in rows), "indicator": "blue"},
		{"label": _("Open Pipeline"), "value": sum(row["pipeline"] for row in rows), "datatype": "Currency"},
		{"label": _("Turnover"), "value": sum(row["turnover"] for row in rows), "datatype": "Currency"},
		{"label": _("Cells Without Work Lately"), "value": idle, "indicator": "red" if idle else "green"},
	]
