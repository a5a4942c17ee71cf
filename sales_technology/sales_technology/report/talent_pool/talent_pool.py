# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""The head's talent pool (кадровый резерв): the reps under a node marked as candidates for a lead position,
with their strengths and their results: each additive main KPI summed over the last three ended months."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_days, add_months, getdate, today

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.periods import PeriodType, period_containing
from sales_technology.kpi.engine import compute
from sales_technology.shared.report_filters import clean_filters
from sales_technology.workspace.figures import default_company
from sales_technology.workspace.main_kpis import main_kpis

MONTHS = 3


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	nodes = {node.name: node for node in report_nodes(filters.sales_person) if not node.is_group}
	profiles = frappe.get_list(
		"Rep Profile",
		filters={"talent_pool": 1, "sales_person": ("in", list(nodes) or [""])},
		fields=["sales_person", "strengths", "personal_threshold", "talent_notes", "reviewed_on"],
		order_by="sales_person",
	)
	kpis = additive_main_kpis()
	this_month = period_containing(getdate(today()), PeriodType.MONTH).start
	first, last = add_months(this_month, -MONTHS), add_days(this_month, -1)
	reps = [profile.sales_person for profile in profiles]
	facts = compute(kpis, reps, first, last, "Month", default_company()) if reps and kpis else {}
	data = []
	for profile in profiles:
		row = {**profile, "group": nodes[profile.sales_person].parent_sales_person}
		for kpi in kpis:
			row[kpi] = sum(
				value
				for (node, bucket, _dimension), value in facts.get(kpi, {}).items()
				if node == profile.sales_person
			)
		data.append(row)
	return get_columns(kpis), data


def additive_main_kpis() -> list[str]:
	"""The main KPIs that add up over months (turnover, counts): a sum of three months says something."""
	kpis = main_kpis()
	additive = set(
		frappe.get_all("Sales KPI", filters={"name": ("in", kpis or [""]), "additive": 1}, pluck="name")
	)
	return [kpi for kpi in kpis if kpi in additive]


def get_columns(kpis: list[str]) -> list[dict]:
	names = dict(
		frappe.get_all(
			"Sales KPI", filters={"name": ("in", kpis or [""])}, fields=["name", "kpi_name"], as_list=True
		)
	)
	return [
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
		*[
			{
				"fieldname": kpi,
				"label": _("{0}, last 3 months").format(_(names.get(kpi, kpi))),
				"fieldtype": "Float",
				"width": 170,
			}
			for kpi in kpis
		],
		{
			"fieldname": "personal_threshold",
			"label": _("Personal Sales Threshold"),
			"fieldtype": "Currency",
			"width": 150,
		},
		{"fieldname": "strengths", "label": _("Strengths"), "fieldtype": "Data", "width": 260},
		{"fieldname": "talent_notes", "label": _("Talent Pool Notes"), "fieldtype": "Data", "width": 220},
		{"fieldname": "reviewed_on", "label": _("Reviewed On"), "fieldtype": "Date", "width": 110},
	]
