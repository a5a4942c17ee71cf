"""Plan against fact for plans of one period: the targets of the plans beside the KPI engine's facts."""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.utils import flt, getdate, today

from sales_technology.core.fulfilment import deviation, fulfilment, run_rate_forecast, status
from sales_technology.core.periods import Period, PeriodType
from sales_technology.kpi.engine import KPIEngineError, compute
from sales_technology.shared.work_calendar import get_fiscal_year_start_month, get_working_days


def computable_kpis(kpis: set[str]) -> set[str]:
	return set(
		frappe.get_all(
			"Sales KPI",
			filters={"name": ("in", list(kpis) or [""]), "aggregate": ("is", "set")},
			pluck="name",
		)
	)


def facts_for(
	kpis: set[str], nodes: list[str], period: Period, company: str, broken: dict | None = None
) -> dict[str, dict]:
	"""{KPI: {(node, bucket, dimension): fact}}; a KPI declared without a computation is left out. A KPI
	whose definition broke (a field removed, a filter gone wrong) is left out too, but said: its error
	goes to `broken` ({KPI: message}) for the report and to the Error Log for the administrator."""
	fiscal_start = get_fiscal_year_start_month(company, period.start)
	facts = {}
	for kpi in sorted(computable_kpis(kpis)):
		try:
			facts.update(
				compute([kpi], nodes, period.start, period.end, period.period_type, company, fiscal_start)
			)
		except KPIEngineError as error:
			if broken is not None:
				broken[kpi] = str(error)
			frappe.log_error(title=_("KPI {0} cannot be computed").format(kpi), message=str(error))
	return facts


def plan_vs_fact(plans: list[dict], on_day: date | None = None) -> dict[str, list[dict]]:
	"""{plan name: rows} for plans of one company and one period (the same period for all)."""
	if not plans:
		return {}
	first = plans[0]
	period = Period(getdate(first.period_start), getdate(first.period_end), PeriodType(first.period_type))
	targets = frappe.get_all(
		"Sales Plan Target",
		filters={"parent": ("in", [plan.name for plan in plans]), "parenttype": "Sales Plan"},
		fields=["parent", "kpi", "kpi_name", "dimension_value", "target", "direction", "additive", "unit"],
		order_by="idx",
	)
	broken: dict[str, str] = {}
	facts = facts_for(
		{row.kpi for row in targets},
		sorted({plan.sales_person for plan in plans}),
		period,
		first.company,
		broken,
	)
	working = get_working_days(first.company, period)
	elapsed = len([day for day in working if day <= getdate(on_day or today())])
	node_of = {plan.name: plan.sales_person for plan in plans}
	rows: dict[str, list[dict]] = {plan.name: [] for plan in plans}
	for target in targets:
		kpi_facts = facts.get(target.kpi)
		fact = None
		if kpi_facts is not None:
			fact = flt(kpi_facts.get((node_of[target.parent], period.start, target.dimension_value or ""), 0))
		row = {
			"kpi": target.kpi,
			"kpi_name": target.kpi_name,
			"dimension_value": target.dimension_value,
			"unit": target.unit,
			"direction": target.direction,
			"target": flt(target.target),
			"fact": fact,
			"error": broken.get(target.kpi),
		}
		if fact is not None:
			forecast = run_rate_forecast(fact, elapsed, len(working), bool(target.additive))
			row.update(
				fulfilment=fulfilment(row["target"], fact, target.direction),
				deviation=deviation(row["target"], fact),
				forecast=forecast,
				status=status(row["target"], forecast, target.direction),
			)
		rows[target.parent].append(row)
	return rows


def node_plan_rows(node: str, company: str, period: Period, on_day: date | None = None) -> list[dict]:
	"""The target rows beside their facts of the node's plan for the period (the approved one where a
	draft exists too); none without a plan."""
	plans = frappe.get_all(
		"Sales Plan",
		filters={
			"company": company,
			"sales_person": node,
			"period_type": period.period_type.value,
			"period_start": period.start,
			"docstatus": ("<", 2),
		},
		fields=["name", "company", "sales_person", "period_type", "period_start", "period_end"],
		order_by="docstatus desc",
		limit=1,
	)
	return plan_vs_fact(plans, on_day)[plans[0].name] if plans else []
