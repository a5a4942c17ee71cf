# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""The month's frozen plan against fact, per Sales Person and KPI, read through the KPI Snapshot list so
that each user sees the snapshots of his part of the tree only."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate

from sales_technology.core.periods import check_report_span
from sales_technology.shared.report_filters import clean_filters
from sales_technology.shared.validation import enforce

# months of snapshots: a few years at most
MAX_DAYS = 3 * 366


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	if not (filters.company and filters.from_date and filters.to_date):
		frappe.throw(_("Choose the company and the period: From Date and To Date"))
	enforce(check_report_span, getdate(filters.from_date), getdate(filters.to_date), MAX_DAYS)
	return columns(), rows(filters)


def columns() -> list[dict]:
	return [
		{
			"fieldname": "sales_person",
			"label": _("Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 180,
		},
		{"fieldname": "period_label", "label": _("Month"), "fieldtype": "Data", "width": 90},
		{"fieldname": "kpi_name", "label": _("KPI"), "fieldtype": "Data", "width": 240},
		{"fieldname": "target", "label": _("Target Value"), "fieldtype": "Float", "width": 120},
		{"fieldname": "fact", "label": _("Fact"), "fieldtype": "Float", "width": 120},
		{"fieldname": "fulfilment", "label": _("Fulfilment"), "fieldtype": "Percent", "width": 110},
	]


def rows(filters) -> list[dict]:
	snapshots = frappe.get_list(
		"KPI Snapshot",
		filters={
			"period_type": "Month",
			"company": filters.company,
			"period_start": ("between", [filters.from_date, filters.to_date]),
		},
		fields=[
			"sales_person",
			"period_label",
			"kpi",
			"kpi_name",
			"target",
			"fact",
			"not_measured",
			"fulfilment",
		],
		order_by="period_start desc, sales_person asc, kpi asc",
		limit_page_length=0,
	)
	for row in snapshots:
		row.kpi_name = _(row.kpi_name)
		if row.pop("not_measured"):
			row.fact = None  # nothing measured in the month: blank, not 0
		del row["kpi"]
	return snapshots
