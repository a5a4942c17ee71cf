"""The department's main KPIs and its key stage, shown first: on the workspace (for the user's node and
this month) and at the top of Plan Fulfilment (`core.main_kpis` decides which and in what order)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_to_date, cint, flt, getdate, now_datetime, today

from sales_technology.core.fulfilment import fulfilment, missing_fact
from sales_technology.core.periods import Period, PeriodType
from sales_technology.kpi.engine import KPIEngineError, load_definition
from sales_technology.kpi.plan_fact import facts_for, node_plan_rows
from sales_technology.shared.settings import get_settings
from sales_technology.shared.work_calendar import get_period
from sales_technology.workspace.figures import dashboard_node, default_company

KEY_STAGE_KPI = "STAGE_CONVERSION"


def main_kpis() -> list[str]:
	return frappe.get_all(
		"Sales Main KPI",
		filters={"parent": "Sales Technology Settings", "parenttype": "Sales Technology Settings"},
		pluck="kpi",
		order_by="idx",
	)


def key_stage() -> tuple[str | None, str | None]:
	"""(funnel, its key stage) of the funnel the settings name, else of the default funnel."""
	funnel = get_settings().key_funnel or frappe.db.get_value("Sales Funnel", {"is_default": 1})
	if not funnel:
		return None, None
	stage = frappe.db.get_value(
		"Sales Funnel Stage",
		{"parent": funnel, "parenttype": "Sales Funnel", "is_key_stage": 1},
		"sales_stage",
	)
	return funnel, stage


def main_kpi_figures(node: str, company: str, period: Period, plan_rows: list[dict] | None = None) -> dict:
	"""The node's main KPIs for the period (target from its plan where it has one, fact, fulfilment)
	and the conversion of the key stage."""
	main = main_kpis()
	if plan_rows is None:
		plan_rows = node_plan_rows(node, company, period)
	planned = {row["kpi"]: row for row in plan_rows if not row.get("dimension_value")}
	level = f"for_{period.period_type.value.lower()}"
	# a KPI is computed only by the periods it applies to (needs meetings by the month, not the year)
	unplanned = set(
		frappe.get_all(
			"Sales KPI",
			filters={"name": ("in", [kpi for kpi in main if kpi not in planned] or [""]), level: 1},
			pluck="name",
		)
	)
	facts = facts_for(unplanned, [node], period, company) if unplanned else {}
	names = dict(
		frappe.get_all(
			"Sales KPI", filters={"name": ("in", main or [""])}, fields=["name", "kpi_name"], as_list=True
		)
	)
	units = {
		row.name: row
		for row in frappe.get_all(
			"Sales KPI", filters={"name": ("in", main or [""])}, fields=["name", "unit", "direction"]
		)
	}
	figures = []
	for kpi in main:
		row = planned.get(kpi)
		definition = units.get(kpi) or frappe._dict()
		if row:
			target, fact, not_measured = row.get("target"), row.get("fact"), bool(row.get("not_measured"))
		else:
			target, fact = None, None
			kpi_facts = facts.get(kpi)
			if kpi_facts is not None:
				values = [value for (n, _b, _d), value in kpi_facts.items() if n == node]
				fact = sum(values) if values else missing_fact(definition.unit)
			not_measured = kpi_facts is not None and fact is None
		figures.append(
			{
				"kpi": kpi,
				"kpi_name": _(names.get(kpi) or kpi),
				"unit": definition.unit,
				"target": target,
				"fact": flt(fact, 2) if fact is not None else None,
				"not_measured": int(not_measured),
				"fulfilment": fulfilment(flt(target), flt(fact), definition.direction)
				if target and fact is not None
				else None,
			}
		)
	return {
		"node": node,
		"period": period.label(),
		"kpis": figures,
		"key_stage": key_stage_figures(node, company, period),
	}


def key_stage_figures(node: str, company: str, period: Period) -> dict | None:
	funnel, stage = key_stage()
	if not stage:
		return None
	conversion = None
	try:
		finest = load_definition(KEY_STAGE_KPI).finest
		if period.period_type.level <= finest.level:
			facts = facts_for({KEY_STAGE_KPI}, [node], period, company).get(KEY_STAGE_KPI, {})
			conversion = facts.get((node, period.start, stage))
	except (frappe.ValidationError, KPIEngineError):
		conversion = None
	return {"funnel": funnel, "stage": stage, "stage_label": _(stage), "conversion": conversion}


@frappe.whitelist()
@frappe.read_only()  # a replica answers where the site has one
def workspace_main_kpis() -> dict:
	"""The workspace's first block: the main KPIs of the user's node this month, and the key stage."""
	node, company = dashboard_node(), default_company()
	if not (node and company):
		return {"node": None, "kpis": [], "key_stage": None}
	period = get_period(company, getdate(today()), PeriodType.MONTH)
	figures = main_kpi_figures(node, company, period)
	if as_of := replica_as_of():
		figures["as_of"] = as_of
	return figures


def replica_as_of() -> str | None:
	"""When the figures were true, where a replica answers (it may lag behind the primary): now less the
	replica's delay where it tells it; None where the primary answers."""
	primary = getattr(frappe.local, "primary_db", None)
	if primary is None or primary is frappe.db:
		return None
	try:
		status = frappe.db.sql("show slave status", as_dict=True)
	except Exception:
		status = []  # the site's user may not read the replication status: the replica is taken as current
	delay = cint(status[0].get("Seconds_Behind_Master")) if status else 0
	return str(add_to_date(now_datetime(), seconds=-delay))
