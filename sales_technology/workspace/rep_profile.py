"""A rep's profile beside his figures: his main KPIs month by month over half a year and the shape of
his funnel (how many deals entered each stage of the default funnel and how many moved on), so that the
lead writes his strengths and personal technology looking at them."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_months, getdate, today

from sales_technology.core.funnel_shape import share
from sales_technology.core.periods import PeriodType, period_containing
from sales_technology.deals.funnel_analysis import Scope, analyse, default_funnel, funnel_stages
from sales_technology.kpi.engine import compute
from sales_technology.workspace.figures import default_company
from sales_technology.workspace.main_kpis import main_kpis

HISTORY_MONTHS = 6


@frappe.whitelist()
@frappe.read_only()  # a replica answers where the site has one
def rep_profile_figures(sales_person: str) -> dict:
	"""The main KPIs of the rep per month (the last six, this one included) and his funnel's shape over
	them, for whom may read his profile."""
	frappe.has_permission("Rep Profile", "read", sales_person, throw=True)
	day = getdate(today())
	first = period_containing(add_months(day, -(HISTORY_MONTHS - 1)), PeriodType.MONTH).start
	last = period_containing(day, PeriodType.MONTH).end
	months = [period_containing(add_months(first, n), PeriodType.MONTH).start for n in range(HISTORY_MONTHS)]
	kpis = main_kpis()
	facts = (
		compute(kpis, [sales_person], first, last, PeriodType.MONTH.value, default_company()) if kpis else {}
	)
	names = dict(
		frappe.get_all(
			"Sales KPI", filters={"name": ("in", kpis or [""])}, fields=["name", "kpi_name"], as_list=True
		)
	)
	history = [
		{
			"kpi": _(names.get(kpi, kpi)),
			"values": [
				sum(
					value
					for (node, bucket, _dimension), value in facts.get(kpi, {}).items()
					if getdate(bucket) == month
				)
				for month in months
			],
		}
		for kpi in kpis
	]
	funnel = default_funnel()
	shape = []
	if funnel:
		rows = analyse(Scope(funnel, sales_person, (sales_person,), first, last))
		for stage in funnel_stages(funnel):
			row = rows.get((sales_person, stage.sales_stage))
			entered, moved_on = (row.entered, row.moved_on) if row else (0, 0)
			shape.append(
				{
					"stage": _(stage.sales_stage),
					"entered": entered,
					"moved_on": moved_on,
					"share": share(moved_on, entered),
				}
			)
	return {"months": [str(month) for month in months], "history": history, "funnel": shape}
