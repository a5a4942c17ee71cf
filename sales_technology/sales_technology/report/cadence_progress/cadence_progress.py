# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""How the strategies go, by rep and cadence: the runs started in the period, those still running, those
that brought a meeting, the refusals, the clients moved to the long intercept plan, and the runs stopped."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Sum
from frappe.utils import flt

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core import cadences
from sales_technology.shared.report_filters import clean_filters


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	nodes = [node.name for node in report_nodes(filters.sales_person)]
	rows = progress(nodes, filters)
	return columns(), rows, None, None, summary(rows)


def progress(nodes: list[str], filters) -> list[dict]:
	run = frappe.qb.DocType("Sales Cadence Run")

	def count_where(condition):
		return Sum(Case().when(condition, 1).else_(0))

	query = (
		frappe.qb.from_(run)
		.select(
			run.sales_person,
			run.cadence,
			run.strategy,
			Count(run.name).as_("started"),
			count_where(run.status == cadences.RUNNING).as_("running"),
			count_where(run.converted_on.isnotnull()).as_("converted"),
			count_where(run.status == cadences.REFUSED_RUN).as_("refused"),
			count_where(run.on_long_plan == 1).as_("long_plan"),
			count_where(run.status == cadences.STOPPED).as_("stopped"),
		)
		.where(run.sales_person.isin(nodes))
		.groupby(run.sales_person, run.cadence, run.strategy)
		.orderby(run.sales_person)
		.orderby(run.cadence)
	)
	if filters.cadence:
		query = query.where(run.cadence == filters.cadence)
	if filters.from_date:
		query = query.where(run.started_on >= filters.from_date)
	if filters.to_date:
		query = query.where(run.started_on <= filters.to_date)
	rows = query.run(as_dict=True)
	for row in rows:
		row.conversion = flt(100 * row.converted / row.started, 1) if row.started else 0
	return rows


def columns() -> list[dict]:
	return [
		{
			"fieldname": "sales_person",
			"label": _("Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 170,
		},
		{
			"fieldname": "cadence",
			"label": _("Cadence"),
			"fieldtype": "Link",
			"options": "Sales Cadence",
			"width": 150,
		},
		{"fieldname": "strategy", "label": _("Strategy"), "fieldtype": "Data", "width": 130},
		{"fieldname": "started", "label": _("Started"), "fieldtype": "Int", "width": 90},
		{"fieldname": "running", "label": _("In Progress"), "fieldtype": "Int", "width": 100},
		{"fieldname": "converted", "label": _("Converted to a Meeting"), "fieldtype": "Int", "width": 120},
		{"fieldname": "conversion", "label": _("Conversion, %"), "fieldtype": "Percent", "width": 110},
		{"fieldname": "refused", "label": _("Refused"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "long_plan",
			"label": _("On the Long Intercept Plan"),
			"fieldtype": "Int",
			"width": 120,
		},
		{"fieldname": "stopped", "label": _("Stopped"), "fieldtype": "Int", "width": 90},
	]


def summary(rows: list[dict]) -> list[dict]:
	total = {key: sum(row[key] for row in rows) for key in ("started", "running", "converted", "refused")}
	return [
		{"label": _("Started"), "value": total["started"], "indicator": "blue"},
		{"label": _("In Progress"), "value": total["running"], "indicator": "orange"},
		{"label": _("Converted to a Meeting"), "value": total["converted"], "indicator": "green"},
		{"label": _("Refused"), "value": total["refused"], "indicator": "red"},
	]
