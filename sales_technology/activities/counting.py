"""Counts of planned and done activities per Sales Person and KPI, one grouped query each.

An activity KPI is a Sales KPI that counts done Sales Activities of one KPI tag (its filters say
`["kpi_tag", "=", ...]`); the day plan, the norms and the daily report compare those counts.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe.query_builder.functions import Count

from sales_technology.core.kpi_definition import parse_filters


def activity_kpis() -> dict[str, str]:
	"""{KPI code: KPI tag} of the enabled KPIs that count done activities."""
	kpis = {}
	for kpi in frappe.get_all(
		"Sales KPI",
		filters={"source_doctype": "Sales Activity", "aggregate": "Count", "enabled": 1},
		fields=["name", "filters"],
		order_by="creation asc",  # the catalogue's order: cold calls first
	):
		tags = [
			value
			for field, op, value in parse_filters(kpi.filters, kpi.name)
			if field == "kpi_tag" and op == "="
		]
		if len(tags) == 1:
			kpis[kpi.name] = tags[0]
	return kpis


def count_by_tag(
	sales_persons: list[str], start: date, end: date, status: str = "Done"
) -> dict[tuple[str, str], int]:
	"""{(sales_person, kpi_tag): count} of activities in the status, by their done (or planned) date."""
	if not sales_persons:
		return {}
	activity = frappe.qb.DocType("Sales Activity")
	day = activity.done_on if status == "Done" else activity.planned_date
	rows = (
		frappe.qb.from_(activity)
		.select(activity.sales_person, activity.kpi_tag, Count("*").as_("n"))
		.where(activity.sales_person.isin(sales_persons))
		.where(activity.status == status)
		.where(day.between(start, end))
		.groupby(activity.sales_person, activity.kpi_tag)
	).run(as_dict=True)
	return {(row.sales_person, row.kpi_tag or ""): row.n for row in rows}


def kpi_counts(sales_person: str, start: date, end: date, status: str = "Done") -> dict[str, int]:
	"""{KPI code: count} for one Sales Person, for every activity KPI."""
	by_tag = count_by_tag([sales_person], start, end, status)
	return {kpi: by_tag.get((sales_person, tag), 0) for kpi, tag in activity_kpis().items()}
