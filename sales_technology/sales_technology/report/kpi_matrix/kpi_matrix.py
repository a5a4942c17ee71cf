# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""KPIs as rows, consecutive periods as columns, for one node: the fact beside the target."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import flt, getdate

from sales_technology.core.periods import Period, PeriodType, check_report_columns, children_of
from sales_technology.kpi.plan_fact import facts_for, node_targets_by_period
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
	targets = get_targets(node, buckets, filters.company)
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


def get_targets(node: str, buckets: list[Period], company: str) -> dict:
	"""{(KPI, dimension value, period start): target} of each column's period: the node's own plan, else
	its team's approved plans summed (the department's months are its groups'), by the one rule of
	`node_targets`."""
	return {
		(target.kpi, target.dimension_value or "", start): flt(target.target)
		for start, planned in node_targets_by_period([node], company, buckets).items()
		for target in planned[node].targets
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
