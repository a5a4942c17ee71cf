"""Gift and hospitality budgets and requests (seed 000, 2.17): what a request counts against (every budget
of the rep's group and department for the day it is needed), what is committed and left of each, and
the lead's and the head's decisions; over-budget requests are refused. One query per budget."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Sum
from frappe.utils import flt, getdate, now_datetime

from sales_technology.core.hospitality import (
	COMMITTED,
	DRAFT,
	HEAD,
	LEAD,
	REJECTED,
	REQUESTED,
	HospitalityRefused,
	budget_left,
	fits_the_budget,
	next_status,
)
from sales_technology.core.roles import SALES_GROUP_LEAD, SALES_HEAD
from sales_technology.shared.access import check_can_manage
from sales_technology.shared.org_structure import get_ancestors, get_sales_person, get_subtree
from sales_technology.shared.settings import get_settings
from sales_technology.shared.work_calendar import get_period

BUDGET, REQUEST = "Hospitality Budget", "Hospitality Request"


def keep_budget(doc) -> None:
	"""Hospitality Budget validate: the period it covers, one budget per node and period, what is left."""
	period = get_period(doc.company, getdate(doc.period_start), doc.period_type)
	doc.period_start, doc.period_end = period.start, period.end
	clash = frappe.db.get_value(
		BUDGET,
		{
			"sales_person": doc.sales_person,
			"company": doc.company,
			"name": ("!=", doc.name or ""),
			"period_start": ("<=", period.end),
			"period_end": (">=", period.start),
		},
	)
	if clash:
		frappe.throw(
			_("{0} has a hospitality budget for that time already: {1}").format(
				frappe.bold(doc.sales_person), frappe.bold(clash)
			)
		)
	doc.committed = committed_against(doc.sales_person, period.start, period.end, exclude=None)
	doc.left = budget_left(flt(doc.amount), doc.committed)


def committed_against(node: str, start, end, exclude: str | None) -> float:
	"""What the requests of the node's reps needed in the period commit (approved, or awaiting the head)."""
	request = frappe.qb.DocType(REQUEST)
	query = (
		frappe.qb.from_(request)
		.select(Coalesce(Sum(request.amount), 0).as_("amount"))
		.where(request.sales_person.isin(get_subtree(node)))
		.where(request.status.isin(COMMITTED))
		.where(request.needed_on.between(start, end))
	)
	if exclude:
		query = query.where(request.name != exclude)
	return flt(query.run()[0][0], 2)


def budgets_over(sales_person: str, company: str, day) -> list[frappe._dict]:
	"""Every budget of the rep's node and the nodes above for the day, the nearest first."""
	nodes = [sales_person, *reversed(get_ancestors(sales_person))]
	budgets = frappe.get_all(
		BUDGET,
		filters={
			"sales_person": ("in", nodes),
			"company": company,
			"period_start": ("<=", day),
			"period_end": (">=", day),
		},
		fields=["name", "sales_person", "amount", "period_start", "period_end"],
	)
	return sorted(budgets, key=lambda budget: nodes.index(budget.sales_person))


def check_fits(doc) -> None:
	"""Refuse a request that a budget over it cannot cover (or that has no budget over it)."""
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	budgets = budgets_over(doc.sales_person, company, getdate(doc.needed_on))
	if not budgets:
		frappe.throw(
			_("No hospitality budget covers {0} on {1}: the head sets the budgets").format(
				frappe.bold(doc.sales_person), frappe.format(doc.needed_on, "Date")
			),
			exc=HospitalityRefused,
		)
	for budget in budgets:
		committed = committed_against(budget.sales_person, budget.period_start, budget.period_end, doc.name)
		if not fits_the_budget(flt(doc.amount), flt(budget.amount), committed):
			frappe.throw(
				_("The budget of {0} has {1} left: {2} does not fit").format(
					frappe.bold(budget.sales_person),
					frappe.format(budget_left(flt(budget.amount), committed), "Currency"),
					frappe.format(doc.amount, "Currency"),
				),
				title=_("Over the Budget"),
				exc=HospitalityRefused,
			)
	doc.budget = budgets[0].name


def keep_request(doc) -> None:
	"""Hospitality Request validate: a new request is a draft, its status moves only by `ask` and
	`decide`, and what was sent for approval stays as it was sent."""
	before = doc.get_doc_before_save()
	if before is None:
		doc.status = DRAFT
	elif before.status != doc.status and not doc.flags.deciding:
		frappe.throw(
			_("A request's status changes by sending it and by the decisions on it"), frappe.PermissionError
		)
	if before and before.status != DRAFT and not doc.flags.deciding:
		for field in ("sales_person", "customer", "amount", "needed_on", "kind"):
			if before.get(field) != doc.get(field):
				frappe.throw(_("A request sent for approval is decided as it was sent: make a new one"))


@frappe.whitelist(methods=["POST"])
def ask(name: str) -> str:
	"""The rep sends his draft for approval; one that no budget covers is refused at once."""
	doc = frappe.get_doc(REQUEST, name)
	doc.check_permission("write")
	if doc.status != DRAFT:
		frappe.throw(_("Only a draft is sent for approval"))
	check_fits(doc)
	doc.status = REQUESTED
	doc.flags.deciding = True
	doc.save()
	return doc.status


@frappe.whitelist(methods=["POST"])
def decide(name: str, decision: str) -> str:
	"""The lead's or the head's approval or rejection; an approval the budget cannot cover is refused."""
	doc = frappe.get_doc(REQUEST, name)
	doc.check_permission("read")
	check_can_manage(doc.sales_person)
	roles = set(frappe.get_roles())
	if get_sales_person() == doc.sales_person:
		frappe.throw(_("Nobody approves his own request"), frappe.PermissionError)
	by = HEAD if SALES_HEAD in roles else LEAD if SALES_GROUP_LEAD in roles else None
	if not by:
		frappe.throw(_("The lead and the head decide the requests"), frappe.PermissionError)
	needs_head = flt(doc.amount) > flt(get_settings().get("hospitality_head_above"))
	try:
		status = next_status(doc.status, decision, by, needs_head)
	except HospitalityRefused:
		frappe.throw(_("This request waits for no decision of yours"), exc=HospitalityRefused)
	if status != REJECTED:
		check_fits(doc)
	doc.status = status
	doc.set("head_decided_by" if by == HEAD else "lead_decided_by", frappe.session.user)
	doc.decided_on = now_datetime()
	doc.flags.deciding = True
	doc.flags.ignore_permissions = True  # the lead reads his rep's request; the decision is his to write
	doc.save()
	refresh_budgets(doc)
	return doc.status


def refresh_budgets(doc) -> None:
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	for budget in budgets_over(doc.sales_person, company, getdate(doc.needed_on)):
		committed = committed_against(budget.sales_person, budget.period_start, budget.period_end, None)
		frappe.db.set_value(
			BUDGET,
			budget.name,
			{"committed": committed, "left": budget_left(flt(budget.amount), committed)},
			update_modified=False,
		)
