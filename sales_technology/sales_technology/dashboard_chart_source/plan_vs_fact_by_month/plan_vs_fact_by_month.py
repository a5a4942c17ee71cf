# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Dashboard chart source: a KPI's monthly targets beside its facts over the fiscal year, for a node."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

from sales_technology.workspace.figures import dashboard_node, default_company, plan_and_fact_by_month

DEFAULT_KPI = "TURNOVER"


@frappe.whitelist()
def get(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
) -> dict:
	filters = frappe._dict(frappe.parse_json(filters) or {})
	kpi = filters.kpi or DEFAULT_KPI
	if not frappe.db.exists("Sales KPI", kpi):
		frappe.throw(_("Unknown KPI {0}").format(frappe.bold(kpi)))
	node = dashboard_node(filters.sales_person)
	company = filters.company or default_company()
	if not (node and company):
		return {"labels": [], "datasets": []}
	return plan_and_fact_by_month(kpi, node, company, getdate(filters.date or today()))
