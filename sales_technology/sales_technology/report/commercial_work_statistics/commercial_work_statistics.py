# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Commercial work statistics: done activities per rep and day (or week) by KPI, against the Day (or
Week) plans and the norms, with group totals."""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from frappe.utils import flt, getdate

from sales_technology.activities.counting import activity_kpis, done_by_bucket
from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.norms import Norm, effective_norms
from sales_technology.core.periods import PeriodType, check_report_span, period_containing
from sales_technology.shared.report_filters import clean_filters
from sales_technology.shared.validation import enforce


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	validate_filters(filters)
	nodes = report_nodes(filters.sales_person)
	reps = [node.name for node in nodes if not node.is_group]
	bucket_type = PeriodType.WEEK if filters.group_by == "Week" else PeriodType.DAY
	kpis = activity_kpis(bucket_type.value)
	done = get_done(reps, kpis, filters, bucket_type)
	planned = get_planned(reps, filters, bucket_type)
	norms = get_norms(nodes, reps, bucket_type)
	data = build_rows(nodes, reps, kpis, done, planned, norms)
	return get_columns(kpis), data, None, get_chart(kpis, data), None


def validate_filters(filters) -> None:
	if not (filters.from_date and filters.to_date):
		frappe.throw(_("Choose the period: From Date and To Date"))
	enforce(check_report_span, getdate(filters.from_date), getdate(filters.to_date))


def bucket_of(day, bucket_type: PeriodType) -> str:
	return period_containing(getdate(day), bucket_type).label()


def get_done(reps, kpis, filters, bucket_type) -> dict:
	"""{(rep, bucket label, KPI): fact} through the KPIs' own definitions, and {(rep, bucket label,
	"*"): activities done} of every kind, which no KPI counts."""
	start, end = getdate(filters.from_date), getdate(filters.to_date)
	done = defaultdict(float)
	for (rep, bucket_start, kpi), fact in done_by_bucket(kpis, reps, start, end, bucket_type).items():
		done[(rep, bucket_of(bucket_start, bucket_type), kpi)] += fact
	activity = frappe.qb.DocType("Sales Activity")
	for row in (
		frappe.qb.from_(activity)
		.select(activity.sales_person, activity.done_on, Count("*").as_("n"))
		.where(activity.sales_person.isin(reps or [""]))
		.where(activity.status == "Done")
		.where(activity.done_on.between(start, end))
		.groupby(activity.sales_person, activity.done_on)
	).run(as_dict=True):
		done[(row.sales_person, bucket_of(row.done_on, bucket_type), "*")] += row.n
	return done


def get_planned(reps, filters, bucket_type) -> dict:
	"""Targets of the Day plans (by day) or of the Week plans (by week) in the period."""
	plan = frappe.qb.DocType("Sales Plan")
	target = frappe.qb.DocType("Sales Plan Target")
	rows = (
		frappe.qb.from_(target)
		.join(plan)
		.on(target.parent == plan.name)
		.select(plan.sales_person, plan.period_start, target.kpi, Sum(target.target).as_("target"))
		.where(target.parenttype == "Sales Plan")
		.where(plan.period_type == bucket_type.value)
		.where(plan.docstatus < 2)
		.where(plan.sales_person.isin(reps or [""]))
		.where(plan.period_start.between(filters.from_date, filters.to_date))
		.groupby(plan.sales_person, plan.period_start, target.kpi)
	).run(as_dict=True)
	planned = defaultdict(float)
	for row in rows:
		planned[(row.sales_person, bucket_of(row.period_start, bucket_type), row.kpi)] += flt(row.target)
	return planned


def get_norms(nodes, reps, bucket_type) -> dict[str, dict[str, Norm]]:
	"""Each rep's norms for the bucket's period type, nearest node first (one query for all norms)."""
	by_name = {node.name: node for node in nodes}
	rows = frappe.get_all(
		"Sales Norm",
		filters={"enabled": 1, "period_type": bucket_type.value},
		fields=["name", "sales_person", "kpi", "period_type", "minimum", "maximum"],
	)
	norms = [
		Norm(r.sales_person, r.kpi, r.period_type, r.minimum or None, r.maximum or None, r.name) for r in rows
	]
	above = (
		frappe.get_all(
			"Sales Person",
			filters={"lft": ("<", nodes[0].lft), "rgt": (">", nodes[0].rgt)},
			order_by="lft",
			pluck="name",
		)
		if nodes
		else []
	)
	result = {}
	for rep in reps:
		path, node = [], by_name[rep]
		while node:
			path.insert(0, node.name)
			node = by_name.get(node.parent_sales_person)
		result[rep] = effective_norms([*above, *path], norms, bucket_type.value)
	return result


def get_columns(kpis: list[str]) -> list[dict]:
	columns = [
		{
			"fieldname": "sales_person",
			"label": _("Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 200,
		},
		{"fieldname": "period", "label": _("Period"), "fieldtype": "Data", "width": 130},
	]
	for kpi in kpis:
		name = frappe.get_cached_value("Sales KPI", kpi, "kpi_name")
		columns += [
			{"fieldname": f"{kpi}_done", "label": _(name), "fieldtype": "Int", "width": 120},
			{
				"fieldname": f"{kpi}_plan",
				"label": _("Plan"),
				"fieldtype": "Int",
				"width": 70,
			},
			{
				"fieldname": f"{kpi}_norm",
				"label": _("Norm"),
				"fieldtype": "Int",
				"width": 70,
			},
		]
	columns.append(
		{"fieldname": "total_done", "label": _("Activities Done"), "fieldtype": "Int", "width": 120}
	)
	return columns


def build_rows(nodes, reps, kpis, done, planned, norms) -> list[dict]:
	buckets = sorted({key[1] for key in done} | {key[1] for key in planned})
	groups: dict[str, list[str]] = defaultdict(list)
	parent_of = {node.name: node.parent_sales_person for node in nodes}
	for rep in reps:
		groups[parent_of.get(rep) if parent_of.get(rep) in parent_of else rep].append(rep)
	data = []
	for group, members in groups.items():
		rows = []
		for rep in members:
			for bucket in buckets:
				row = {"sales_person": rep, "period": bucket, "indent": 1, "total_done": 0}
				for kpi in kpis:
					row[f"{kpi}_done"] = done.get((rep, bucket, kpi), 0)
					row[f"{kpi}_plan"] = planned.get((rep, bucket, kpi), 0)
					norm = norms[rep].get(kpi)
					row[f"{kpi}_norm"] = norm.minimum if norm and norm.minimum else 0
				row["total_done"] = done.get((rep, bucket, "*"), 0)
				rows.append(row)
		total = {"sales_person": group, "period": _("Total"), "indent": 0, "bold": 1}
		for key in rows[0] if rows else []:
			if key.endswith(("_done", "_plan", "_norm")):
				total[key] = sum(row[key] for row in rows)
		data.append(total)
		data.extend(rows)
	return data


def get_chart(kpis: list[str], data: list[dict]) -> dict:
	reps = [row for row in data if row.get("indent") == 1]
	labels = [_(frappe.get_cached_value("Sales KPI", kpi, "kpi_name")) for kpi in kpis]
	return {
		"data": {
			"labels": labels,
			"datasets": [
				{"name": _("Done"), "values": [sum(row[f"{kpi}_done"] for row in reps) for kpi in kpis]},
				{"name": _("Plan"), "values": [sum(row[f"{kpi}_plan"] for row in reps) for kpi in kpis]},
			],
		},
		"type": "bar",
	}
