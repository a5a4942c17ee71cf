"""Corrective decisions checked against the next month: once it has ended, each approved decision's KPI
fact for its node against the value it should reach. One engine query per KPI for all the decisions."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import frappe
from frappe.utils import flt, getdate, today

from sales_technology.core.corrective_decisions import PENDING, effectiveness
from sales_technology.core.periods import PeriodType
from sales_technology.kpi.engine import KPIEngineError, compute


def check_effectiveness(day: date | None = None) -> list[str]:
	"""Mark the approved decisions whose next month has ended Effective or Not Effective."""
	day = getdate(day or today())
	decisions = frappe.get_all(
		"Corrective Decision",
		filters={"docstatus": 1, "effectiveness": PENDING, "next_period_end": ("<", day)},
		fields=[
			"name",
			"sales_person",
			"company",
			"target_kpi",
			"expected_value",
			"next_period_start",
			"next_period_end",
		],
	)
	groups = defaultdict(list)
	for decision in decisions:
		key = (
			decision.target_kpi,
			decision.company,
			getdate(decision.next_period_start),
			getdate(decision.next_period_end),
		)
		groups[key].append(decision)
	checked = []
	for (kpi, company, start, end), members in groups.items():
		try:
			facts = compute(
				[kpi], sorted({d.sales_person for d in members}), start, end, PeriodType.MONTH, company
			)[kpi]
		except KPIEngineError as error:
			frappe.log_error(title=f"Corrective decisions: KPI {kpi} cannot be computed", message=str(error))
			continue
		direction = frappe.get_cached_value("Sales KPI", kpi, "direction")
		for decision in members:
			fact = flt(facts.get((decision.sales_person, start, ""), 0))
			frappe.db.set_value(
				"Corrective Decision",
				decision.name,
				{
					"effectiveness": effectiveness(fact, flt(decision.expected_value), direction),
					"actual_value": fact,
					"checked_on": day,
				},
			)
			checked.append(decision.name)
	return checked
