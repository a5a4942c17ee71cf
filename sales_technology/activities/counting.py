"""Counts of activities for the Day plan, the norms, the evening check, the daily report and Commercial
Work Statistics, all through the KPI engine.

An activity KPI is an enabled Sales KPI that counts Sales Activities. Its fact is what its definition
says (filters, date field, attribution), so a head who edits a KPI's filters changes the norm check, the
day plan and the daily report together with Plan Fulfilment: one fact, one number everywhere.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

import frappe
from frappe import _

from sales_technology.core.kpi_definition import COUNT, DISTINCT_COUNT, parse_filters
from sales_technology.core.periods import PeriodType
from sales_technology.kpi.engine import KPIEngineError, Request, compute, load_definition, run_query

COUNTED_AGGREGATES = (COUNT, DISTINCT_COUNT)


def activity_kpis(period_type: str | None = None) -> list[str]:
	"""The enabled KPIs that count Sales Activities (those valid for the period type, if given), in the
	catalogue's order: cold calls first."""
	filters = {
		"source_doctype": "Sales Activity",
		"aggregate": ("in", COUNTED_AGGREGATES),
		"enabled": 1,
		"dimension": ("is", "not set"),
	}
	if period_type:
		filters[f"for_{PeriodType(period_type).value.lower()}"] = 1
	return frappe.get_all("Sales KPI", filters=filters, order_by="creation asc", pluck="name")


def kpi_tag_of(kpi: str) -> str:
	"""The one activity tag a KPI counts, where its filters name exactly one ("" otherwise)."""
	filters = frappe.get_cached_value("Sales KPI", kpi, "filters")
	tags = [value for field, op, value in parse_filters(filters, kpi) if field == "kpi_tag" and op == "="]
	return tags[0] if len(tags) == 1 else ""


def done_totals(
	kpis: Iterable[str], sales_persons: list[str], start: date, end: date
) -> dict[tuple[str, str], float]:
	"""{(sales person, KPI): fact} over the whole range, each KPI by its own definition (the engine's one
	query per KPI, grouped by node). A Sales Person's fact covers its subtree, as in Plan Fulfilment."""
	totals: dict[tuple[str, str], float] = defaultdict(float)
	# by year buckets, which every KPI admits: a day or a week lies in one year or two
	for (person, _bucket, kpi), fact in _engine_facts(kpis, sales_persons, start, end, PeriodType.YEAR):
		totals[(person, kpi)] += fact
	return totals


def done_by_bucket(
	kpis: Iterable[str], sales_persons: list[str], start: date, end: date, bucket: PeriodType
) -> dict[tuple[str, date, str], float]:
	"""{(sales person, bucket start, KPI): fact}; the KPIs must admit the bucket's period type."""
	return {
		(person, bucket_start, kpi): fact
		for (person, bucket_start, kpi), fact in _engine_facts(kpis, sales_persons, start, end, bucket)
	}


def planned_totals(kpis: Iterable[str], sales_persons: list[str], day: date) -> dict[tuple[str, str], float]:
	"""{(sales person, KPI): activities still planned for the day} that the KPI will count once done:
	its definition with the status Planned and the planned date in place of its status and date."""
	request = Request(tuple(sales_persons), day, day, PeriodType.YEAR)
	totals: dict[tuple[str, str], float] = defaultdict(float)
	for kpi in kpis:
		definition = load_definition(kpi)
		filters = [f for f in parse_filters(definition.filters, kpi) if f[0] != "status"]
		planned = frappe._dict(
			definition,
			date_field="planned_date",
			filters=json.dumps([*filters, ["status", "=", "Planned"]]),
		)
		try:
			facts = run_query(planned, request)
		except KPIEngineError as error:
			_report_broken(kpi, error)
			continue
		for (person, _bucket, dimension), fact in facts.items():
			if not dimension:
				totals[(person, kpi)] += fact
	return totals


def _engine_facts(kpis, sales_persons, start, end, bucket):
	"""(sales person, bucket start, KPI), fact; a KPI whose definition broke is left out and logged, so
	that a rep's day still saves."""
	if not sales_persons:
		return
	for kpi in kpis:
		try:
			facts = compute([kpi], sales_persons, start, end, bucket)[kpi]
		except KPIEngineError as error:
			_report_broken(kpi, error)
			continue
		for (person, bucket_start, dimension), fact in facts.items():
			if not dimension:
				yield (person, bucket_start, kpi), fact


def _report_broken(kpi: str, error: Exception) -> None:
	# frappe.throw has already queued the message for the user; the head also finds it in the Error Log
	frappe.log_error(title=_("KPI {0} cannot be computed").format(kpi), message=str(error))
