"""Claims past their deadlines go up the line (seed 000, 2.15; seed 001: the manager answers for the
department's quality): an open claim that missed its response or resolution deadline is told to the
rep's lead at once and, still open `claim_to_head_after_hours` later, to the head. Run hourly."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import flt, get_datetime, now_datetime

from sales_technology.core.claims import (
	CLAIM_ISSUE_TYPE,
	CLOSED_STATUSES,
	HEAD,
	LEAD,
	escalation_level,
	levels_reached,
	overdue_since,
)
from sales_technology.core.roles import SALES_HEAD
from sales_technology.shared.notices import notify_once
from sales_technology.shared.org_structure import users_by_sales_person, users_with_role
from sales_technology.shared.settings import get_settings


def overdue_claims(now) -> list[frappe._dict]:
	"""Open claims past a deadline they have not met, in one query."""
	issue = frappe.qb.DocType("Issue")
	return (
		frappe.qb.from_(issue)
		.select(
			issue.name,
			issue.subject,
			issue.customer,
			issue.response_by,
			issue.first_responded_on,
			issue.sla_resolution_by,
			issue.sla_resolution_date,
			issue.st_responsible_sales_person,
			issue.st_escalated_to,
		)
		.where(issue.issue_type == CLAIM_ISSUE_TYPE)
		.where(issue.status.notin(CLOSED_STATUSES))
		.where(issue.st_responsible_sales_person.isnotnull())
		.where(
			(issue.response_by.isnotnull() & (issue.response_by < now) & issue.first_responded_on.isnull())
			| (
				issue.sla_resolution_by.isnotnull()
				& (issue.sla_resolution_by < now)
				& issue.sla_resolution_date.isnull()
			)
		)
	).run(as_dict=True)


def escalate_overdue_claims(now=None) -> list[tuple[str, str]]:
	"""(claim, level) of each claim raised now; each level told once to the people of that level."""
	now = get_datetime(now) if now else now_datetime()
	to_head_after = flt(get_settings().get("claim_to_head_after_hours")) or 24
	raised = []
	people_at = line_finder()
	for claim in overdue_claims(now):
		since = overdue_since(
			get_datetime(claim.response_by) if claim.response_by else None,
			claim.first_responded_on,
			get_datetime(claim.sla_resolution_by) if claim.sla_resolution_by else None,
			claim.sla_resolution_date,
			now,
		)
		level = escalation_level(claim.st_escalated_to, since, now, to_head_after)
		if not level:
			continue
		for reached in levels_reached(claim.st_escalated_to, level):
			tell(claim, people_at(reached, claim.st_responsible_sales_person), reached, since)
		frappe.db.set_value(
			"Issue", claim.name, {"st_escalated_to": level, "st_escalated_on": now}, update_modified=False
		)
		raised.append((claim.name, level))
	return raised


def tell(claim, users: list[str], level: str, since) -> None:
	for user in users:
		notify_once(
			user,
			f"claim-overdue:{claim.name}:{level}",
			_("Claim {0} of {1} is past its deadline").format(claim.name, claim.customer or ""),
			_("{0} has not met the deadline of the claim {1} since {2}").format(
				claim.st_responsible_sales_person, claim.subject, since
			),
			claim.st_responsible_sales_person,
			document=("Issue", claim.name),
		)


def line_finder():
	"""`people_at(level, rep)`: the rep's lead (the nearest user above him) or the head above him, from one
	read of the tree, its users and the heads, for a run over many claims."""
	users = users_by_sales_person()
	parents = dict(frappe.get_all("Sales Person", fields=["name", "parent_sales_person"], as_list=True))
	heads = set(users_with_role(SALES_HEAD))

	def people_at(level: str, rep: str) -> list[str]:
		above, node = [], parents.get(rep)
		while node:
			if node in users:
				above.append(users[node])
			node = parents.get(node)
		if level == LEAD:
			return above[:1]
		return [user for user in above if user in heads][:1] if level == HEAD else []

	return people_at
