"""The Sales Headcount Plan's Frappe side: the period's working days, the revenue from a Sales Plan,
the inputs measured from the department's own last months (through the KPI engine, one query per KPI)
and its daily norms, the arithmetic of `core.headcount`, and the reps there are now.
"""

from __future__ import annotations

from datetime import date

import frappe
from dateutil.relativedelta import relativedelta
from frappe import _
from frappe.query_builder.functions import Avg
from frappe.utils import add_days, cint, flt, getdate, today

from sales_technology.activities.day_plans import load_norms
from sales_technology.core.headcount import (
	FIRST_USE_INPUTS,
	Inputs,
	check_inputs,
	check_working_days,
	conversion,
	missing_inputs,
	needs,
	reps_needed,
	reps_to_hire,
)
from sales_technology.core.periods import PeriodType, period_containing
from sales_technology.core.roles import SALES_HEAD
from sales_technology.kpi.engine import compute
from sales_technology.shared.access import READ_ALL_ROLES, get_scope
from sales_technology.shared.org_structure import get_subtree, users_by_sales_person
from sales_technology.shared.ramp_up import capacity
from sales_technology.shared.validation import SalesRuleError, enforce
from sales_technology.shared.work_calendar import get_fiscal_year_start_month, get_working_days

# what the measurement counts, by the standard KPIs: calls, first meetings, proposals, new contracts
CALLS, PROPOSALS, DEALS, DEALS_AMOUNT = (
	"COLD_CALLS",
	"TECH_PROPOSALS",
	"NEW_CONTRACTS_COUNT",
	"NEW_CONTRACTS_AMOUNT",
)
MEETINGS = ("COLD_MEETINGS", "MEETINGS_NEEDS")
MEASURED_KPIS = (CALLS, *MEETINGS, PROPOSALS, DEALS, DEALS_AMOUNT)
NORM_FIELDS = {"calls_per_day": (CALLS,), "meetings_per_day": MEETINGS, "proposals_per_day": (PROPOSALS,)}


class HeadcountRefused(SalesRuleError):
	pass


def validate_plan(doc) -> None:
	"""Sales Headcount Plan validate: who plans for which node, the period, the revenue, the inputs
	(measured for a new plan where none were typed), then the arithmetic."""
	check_planner(doc.sales_person)
	period = period_containing(
		getdate(doc.period_start),
		PeriodType(doc.period_type),
		get_fiscal_year_start_month(doc.company, getdate(doc.period_start)),
	)
	doc.period_start, doc.period_end = period.start, period.end
	doc.working_days = len(get_working_days(doc.company, period))
	enforce(check_working_days, doc.working_days, exc=HeadcountRefused)
	if doc.is_new() and not doc.measured_from:
		measure(doc)
	set_revenue(doc)
	plan_inputs = inputs_of(doc, doc.revenue_target)
	rows = []
	if doc.segments:
		for row in doc.segments:
			inputs = inputs_of(doc, row.revenue, row)
			enforce(check_inputs, inputs, row.segment, exc=HeadcountRefused)
			rows.append((row, needs(inputs)))
	else:
		enforce(check_inputs, plan_inputs, exc=HeadcountRefused)
	results = [found for _row, found in rows] or [needs(plan_inputs)]
	for row, found in rows:
		row.update(
			{
				"deals": found.deals,
				"proposals": found.proposals,
				"meetings": found.meetings,
				"calls": found.calls,
				"rep_days": found.rep_days,
			}
		)
	doc.update(
		{
			"deals_needed": sum(found.deals for found in results),
			"proposals_needed": sum(found.proposals for found in results),
			"meetings_needed": sum(found.meetings for found in results),
			"calls_needed": sum(found.calls for found in results),
			"rep_days": round(sum(found.rep_days for found in results), 2),
			"reps_needed": reps_needed([found.rep_days for found in results], doc.working_days),
		}
	)
	reps = current_reps(doc.sales_person)
	doc.current_reps = len(reps)
	doc.current_capacity = round(capacity(reps, doc.period_start, doc.period_end), 2)
	doc.reps_gap = reps_to_hire(doc.reps_needed, doc.current_capacity)


def check_planner(sales_person: str) -> None:
	"""The head plans for their part of the tree; the director and the analyst for any."""
	roles = set(frappe.get_roles())
	if roles & READ_ALL_ROLES:
		return
	scope = get_scope()
	if SALES_HEAD in roles and scope.manageable is not None and sales_person in scope.manageable:
		return
	frappe.throw(
		_("You cannot plan the reps of {0}: it is not in your part of the Sales Person tree").format(
			frappe.bold(sales_person)
		),
		exc=frappe.PermissionError,
	)


def set_revenue(doc) -> None:
	if doc.segments:
		doc.revenue_target = sum(flt(row.revenue) for row in doc.segments)
		return
	if doc.revenue_from != "Sales Plan":
		return
	plan = frappe.db.get_value(
		"Sales Plan", doc.sales_plan, ["sales_person", "company", "period_start", "period_type"], as_dict=True
	)
	if not plan:
		frappe.throw(_("Choose the Sales Plan the revenue target comes from"), exc=HeadcountRefused)
	target = next(
		(
			row.target
			for row in frappe.get_all(
				"Sales Plan Target",
				filters={"parent": doc.sales_plan, "parenttype": "Sales Plan", "kpi": "TURNOVER"},
				fields=["target", "dimension_value"],
			)
			if not row.dimension_value
		),
		None,
	)
	if not target:
		frappe.throw(
			_("The Sales Plan {0} has no Turnover target").format(frappe.bold(doc.sales_plan)),
			exc=HeadcountRefused,
		)
	doc.revenue_target = flt(target)


def inputs_of(doc, revenue, row=None) -> Inputs:
	"""The segment's inputs where it has them, else the plan's."""

	def value(fieldname):
		return flt(row.get(fieldname)) if row and flt(row.get(fieldname)) else flt(doc.get(fieldname))

	return Inputs(
		revenue=flt(revenue),
		average_deal=value("average_deal"),
		call_to_meeting=value("call_to_meeting"),
		meeting_to_proposal=value("meeting_to_proposal"),
		proposal_to_deal=value("proposal_to_deal"),
		calls_per_day=flt(doc.calls_per_day),
		meetings_per_day=flt(doc.meetings_per_day),
		proposals_per_day=flt(doc.proposals_per_day),
	)


def measure(doc, end: date | None = None, replace: bool = False) -> None:
	"""The department's own average deal and conversions over its last months, and its daily norms;
	the what-if inputs take them where they are empty (or all that were measured, with `replace`), and
	the plan says where they came from."""
	end = getdate(end or min(getdate(today()), add_days(getdate(doc.period_start), -1)))
	months = cint(doc.measure_months) or 6
	start = end - relativedelta(months=months) + relativedelta(days=1)
	facts = compute(MEASURED_KPIS, [doc.sales_person], start, end, PeriodType.MONTH, doc.company)
	totals = {kpi: sum(flt(value) for value in facts.get(kpi, {}).values()) for kpi in MEASURED_KPIS}
	meetings = sum(totals[kpi] for kpi in MEETINGS)
	measured = {
		"average_deal": round(totals[DEALS_AMOUNT] / totals[DEALS], 2) if totals[DEALS] else None,
		"call_to_meeting": conversion(meetings, totals[CALLS]),
		"meeting_to_proposal": conversion(totals[PROPOSALS], meetings),
		"proposal_to_deal": conversion(totals[DEALS], totals[PROPOSALS]),
	}
	for fieldname, value in measured.items():
		doc.set(f"measured_{fieldname}", value)
		if value and (replace or not flt(doc.get(fieldname))):
			doc.set(fieldname, value)
	norms = load_norms(doc.sales_person, "Day")
	norm_notes = []
	for fieldname, kpis in NORM_FIELDS.items():
		minimum = sum(flt(norms[kpi].minimum) for kpi in kpis if kpi in norms)
		if minimum and (replace or not flt(doc.get(fieldname))):
			doc.set(fieldname, minimum)
		if minimum:
			norm_notes.append(f"{_(frappe.get_meta(doc.doctype).get_label(fieldname))}: {minimum:g}")
	doc.measured_from = _(
		"{0} from {1} to {2}: {3} calls, {4} first meetings, {5} proposals, {6} new contracts for {7}. "
		"Daily norms: {8}"
	).format(
		doc.sales_person,
		frappe.format(start, "Date"),
		frappe.format(end, "Date"),
		int(totals[CALLS]),
		int(meetings),
		int(totals[PROPOSALS]),
		int(totals[DEALS]),
		frappe.format(totals[DEALS_AMOUNT], {"fieldtype": "Currency"}),
		", ".join(norm_notes) or _("none set"),
	)
	fill_first_use(doc)


def fill_first_use(doc) -> None:
	"""What history and norms could not give, on first use: the average deal from the node's deals in the
	pipeline, the rest from FIRST_USE_INPUTS; the plan says which, so that the head types his own."""
	empty = missing_inputs({name: flt(doc.get(name)) for name in ("average_deal", *FIRST_USE_INPUTS)})
	if not empty:
		return
	meta = frappe.get_meta(doc.doctype)
	taken = []
	if "average_deal" in empty:
		deal = frappe.qb.DocType("Opportunity")
		average = (
			frappe.qb.from_(deal)
			.select(Avg(deal.base_opportunity_amount))
			.where(deal.st_responsible_sales_person.isin(get_subtree(doc.sales_person)))
			.where(deal.base_opportunity_amount > 0)
			.where(deal.company == doc.company)
		).run()[0][0]
		if average:
			doc.average_deal = round(flt(average), 2)
			taken.append(
				_("{0}: the average of the deals in the pipeline, {1}").format(
					_(meta.get_label("average_deal")),
					frappe.format(doc.average_deal, {"fieldtype": "Currency"}),
				)
			)
	for fieldname in empty:
		if fieldname in FIRST_USE_INPUTS:
			doc.set(fieldname, FIRST_USE_INPUTS[fieldname])
			taken.append(f"{_(meta.get_label(fieldname))}: {FIRST_USE_INPUTS[fieldname]:g}")
	if taken:
		doc.measured_from = "\n".join(
			[
				doc.measured_from or "",
				_(
					"Not measurable from the history, taken to start with (type your own over them): {0}"
				).format("; ".join(taken)),
			]
		).strip()


def current_reps(sales_person: str) -> list[str]:
	"""The reps of the node now: its enabled Sales Persons without anyone below them that a user works
	as."""
	with_user = set(users_by_sales_person())
	leaves = frappe.get_all(
		"Sales Person",
		filters={"name": ("in", get_subtree(sales_person)), "is_group": 0, "enabled": 1},
		pluck="name",
	)
	return [name for name in leaves if name in with_user]


@frappe.whitelist(methods=["POST"])
def remeasure(name: str) -> None:
	"""The form's Measure Again: the inputs measured today replace the what-if ones; what could not be
	measured stays as typed."""
	doc = frappe.get_doc("Sales Headcount Plan", name)
	doc.check_permission("write")
	measure(doc, replace=True)
	doc.save()
