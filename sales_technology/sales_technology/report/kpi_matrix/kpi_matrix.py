# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""KPIs as rows, consecutive periods as columns, for one node: the fact beside the target."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import flt, getdate

from sales_technology.core.periods import Period, PeriodType, check_report_columns, children_of
from sales_technology.kpi.plan_fact import facts_for
from sales_technology.sales_technology.report.plan_fulfilment.plan_fulfilment import report_nodes
from sales_technology.shared.report_filters import clean_filters
from sales_technology.shared.validation import enforce
from sales_technology.shared.work_calendar import get_fiscal_year_start_month, get_period


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	if not (filters.company and filters.date and filters.span and filters.period_type):
		frappe.throw(_("Choose the company, the span, the columns' period type and a date in the span"))
	span = get_period(filters.company, getdate(filters.date), filters.span)
	column_type = PeriodType(filters.period_type)
	if column_type.level <= span.period_type.level:
		frappe.throw(_("The columns must be shorter periods than the span"))
	# quarters follow the fiscal year's start month, as the engine's buckets do
	buckets = children_of(span, column_type, get_fiscal_year_start_month(filters.company, span.start))
	enforce(check_report_columns, len(buckets))
	node = report_nodes(filters.sales_person)[0]
	targets = get_targets(node, column_type, span, filters.company)
	kpis = sorted({kpi for kpi, _dimension, _bucket in targets} | set(filter(None, [filters.kpi])))
	broken: dict[str, str] = {}
	facts = facts_for(set(kpis), [node], Period(span.start, span.end, column_type), filters.company, broken)
	for kpi, error in broken.items():
		frappe.msgprint(
			_("KPI {0} cannot be computed: {1}").format(frappe.bold(kpi), error),
			title=_("Broken KPI Definition"),
			indicator="red",
		)
	data = []
	currency = frappe.get_cached_value("Company", filters.company, "default_currency")
	for kpi in kpis:
		kpi_name, direction, unit = frappe.get_cached_value(
			"Sales KPI", kpi, ["kpi_name", "direction", "unit"]
		)
		kpi_facts = facts.get(kpi)
		# a KPI with a dimension gets a row per value planned or found: per segment, per product
		dimensions = {d for k, d, _bucket in targets if k == kpi} | {
			d for n, _bucket, d in (kpi_facts or {}) if n == node
		}
		for dimension in sorted(dimensions or {""}):
			row = {
				"kpi": kpi,
				"dimension_value": dimension,
				"kpi_name": _(kpi_name) + (f" · {dimension}" if dimension else ""),
				"direction": direction,
				"unit": unit,
				"currency": currency,
			}
			for bucket in buckets:
				key = bucket.start.isoformat()
				row[f"{key}_target"] = targets.get((kpi, dimension, bucket.start))
				row[f"{key}_fact"] = (
					flt(kpi_facts.get((node, bucket.start, dimension), 0)) if kpi_facts is not None else None
				)
			data.append(row)
	return get_columns(buckets), data


def get_targets(node: str, column_type: PeriodType, span, company: str) -> dict:
	"""{(KPI, dimension value, period start): target} of the node's plans of the column's period type; a
	node planned only through its team at that level (the department's months are its groups') gets the
	sum of the team's additive targets."""
	own = plan_targets([node], column_type, span, company)
	if own:
		return {key[1:]: target for key, (target, _additive) in own.items()}
	team = frappe.get_all("Sales Person", filters={"parent_sales_person": node, "enabled": 1}, pluck="name")
	totals: dict[tuple, float] = {}
	for (_node, *key), (target, additive) in plan_targets(team, column_type, span, company).items():
		if additive:
			totals[tuple(key)] = totals.get(tuple(key), 0) + target
	return totals


def plan_targets(nodes: list[str], column_type: PeriodType, span, company: str) -> dict:
	"""{(node, KPI, dimension value, period start): (target, additive)}; an approved plan's targets win
	over its draft's."""
	if not nodes:
		return {}
	plan = frappe.qb.DocType("Sales Plan")
	target = frappe.qb.DocType("Sales Plan Target")
	rows = (
		frappe.qb.from_(target)
		.join(plan)
		.on(target.parent == plan.name)
		.select(
			plan.sales_person,
			target.kpi,
			target.dimension_value,
			plan.period_start,
			plan.docstatus,
			target.target,
			target.additive,
		)
		.where(target.parenttype == "Sales Plan")
		.where(plan.sales_person.isin(nodes))
		.where(plan.company == company)
		.where(plan.period_type == column_type.value)
		.where(plan.docstatus < 2)
		.where(plan.period_start.between(span.start, span.end))
		.orderby(plan.docstatus)
	).run(as_dict=True)
	return {
		(row.sales_person, row.kpi, row.dimension_value or "", getdate(row.period_start)): (
			flt(row.target),
			row.additive,
		)
		for row in rows
	}


def get_columns(buckets) -> list[dict]:
	columns = [{"fieldname": "kpi_name", "label": _("KPI"), "fieldtype": "Data", "width": 240}]
	for bucket in buckets:
		key, label = bucket.start.isoformat(), bucket.label()
		columns += [
			{
				"fieldname": f"{key}_target",
				"label": _("{0} Plan").format(label),
				"fieldtype": "Float",
				"width": 110,
			},
			{
				"fieldname": f"{key}_fact",
				"label": _("{0} Fact").format(label),
				"fieldtype": "Float",
				"width": 110,
			},
		]
	return columns
