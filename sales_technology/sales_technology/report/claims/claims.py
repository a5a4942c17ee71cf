# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Claims (seed 000, 2.15): per rep and claim category, the claims registered in the period, how many
kept or missed their response and resolution deadlines (ERPNext's Service Level Agreement of the
category), how many are still open and past a deadline now, and how many resolutions the client
accepted; each rep's total first, for the rep himself, the lead's group, the head's department."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_months, get_datetime, getdate, now_datetime, today

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.claims import CLAIM_ISSUE_TYPE, CLOSED_STATUSES, KEPT, MISSED, deadline_outcome
from sales_technology.shared.report_filters import clean_filters

COUNTS = (
	"claims",
	"open",
	"overdue_now",
	"response_kept",
	"response_missed",
	"resolution_kept",
	"resolution_missed",
	"accepted",
)


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	to_date = getdate(filters.to_date or today())
	from_date = getdate(filters.from_date or add_months(to_date, -1))
	nodes = [node.name for node in report_nodes(filters.sales_person)]
	now = now_datetime()
	rows: dict[tuple[str, str], frappe._dict] = {}
	for claim in claims_of(nodes, from_date, to_date, filters.claim_category, filters.company):
		row = rows.setdefault(
			(claim.st_responsible_sales_person, claim.st_claim_category or ""),
			frappe._dict(
				sales_person=claim.st_responsible_sales_person,
				claim_category=claim.st_claim_category,
				indent=1,
				**dict.fromkeys(COUNTS, 0),
			),
		)
		for key, value in outcome(claim, now).items():
			row[key] += value
	data = []
	for rep in sorted({rep for rep, _category in rows}):
		mine = [row for (key, _category), row in sorted(rows.items()) if key == rep]
		total = frappe._dict(sales_person=rep, indent=0, bold=1)
		for key in COUNTS:
			total[key] = sum(row[key] for row in mine)
		data += [total, *mine]
	for row in data:
		decided = row.response_kept + row.response_missed + row.resolution_kept + row.resolution_missed
		row.kept_share = (
			round((row.response_kept + row.resolution_kept) * 100 / decided, 1) if decided else None
		)
	return columns(), data, None, None, summary(data)


def claims_of(nodes, from_date, to_date, category=None, company=None) -> list[frappe._dict]:
	"""The claims the nodes answer for, registered in the period, in one query (the report's own
	access check is on the node)."""
	issue = frappe.qb.DocType("Issue")
	query = (
		frappe.qb.from_(issue)
		.select(
			issue.name,
			issue.status,
			issue.st_responsible_sales_person,
			issue.st_claim_category,
			issue.response_by,
			issue.first_responded_on,
			issue.sla_resolution_by,
			issue.sla_resolution_date,
			issue.st_client_accepted,
		)
		.where(issue.issue_type == CLAIM_ISSUE_TYPE)
		.where(issue.st_responsible_sales_person.isin(nodes or [""]))
		.where(issue.opening_date.between(from_date, to_date))
	)
	if category:
		query = query.where(issue.st_claim_category == category)
	if company:
		query = query.where(issue.company == company)
	return query.run(as_dict=True)


def outcome(claim, now) -> dict[str, int]:
	"""What one claim adds to its row."""
	response = deadline_outcome(as_datetime(claim.response_by), as_datetime(claim.first_responded_on), now)
	resolution = deadline_outcome(
		as_datetime(claim.sla_resolution_by), as_datetime(claim.sla_resolution_date), now
	)
	is_open = claim.status not in CLOSED_STATUSES
	return {
		"claims": 1,
		"open": int(is_open),
		"overdue_now": int(
			is_open
			and (
				(response == MISSED and not claim.first_responded_on)
				or (resolution == MISSED and not claim.sla_resolution_date)
			)
		),
		"response_kept": int(response == KEPT),
		"response_missed": int(response == MISSED),
		"resolution_kept": int(resolution == KEPT),
		"resolution_missed": int(resolution == MISSED),
		"accepted": int(bool(claim.st_client_accepted)),
	}


def as_datetime(value):
	return get_datetime(value) if value else None


def summary(data) -> list[dict]:
	reps = [row for row in data if row.bold]
	if not reps:
		return []
	total = {key: sum(row[key] for row in reps) for key in COUNTS}
	return [
		{"label": _("Claims"), "value": total["claims"], "datatype": "Int"},
		{"label": _("Open"), "value": total["open"], "datatype": "Int"},
		{
			"label": _("Past a Deadline Now"),
			"value": total["overdue_now"],
			"datatype": "Int",
			"indicator": "Red" if total["overdue_now"] else "Green",
		},
		{
			"label": _("Deadlines Missed"),
			"value": total["response_missed"] + total["resolution_missed"],
			"datatype": "Int",
		},
		{"label": _("Accepted by the Client"), "value": total["accepted"], "datatype": "Int"},
	]


def columns() -> list[dict]:
	count = {"fieldtype": "Int", "width": 110}
	return [
		{
			"fieldname": "sales_person",
			"label": _("Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 170,
		},
		{
			"fieldname": "claim_category",
			"label": _("Claim Category"),
			"fieldtype": "Link",
			"options": "Claim Category",
			"width": 140,
		},
		{"fieldname": "claims", "label": _("Claims"), **count},
		{"fieldname": "open", "label": _("Open"), **count},
		{"fieldname": "overdue_now", "label": _("Past a Deadline Now"), **count, "width": 150},
		{"fieldname": "response_kept", "label": _("Answered in Time"), **count, "width": 140},
		{"fieldname": "response_missed", "label": _("Answered Late"), **count, "width": 130},
		{"fieldname": "resolution_kept", "label": _("Resolved in Time"), **count, "width": 140},
		{"fieldname": "resolution_missed", "label": _("Resolved Late"), **count, "width": 130},
		{"fieldname": "kept_share", "label": _("Deadlines Kept, %"), "fieldtype": "Percent", "width": 140},
		{"fieldname": "accepted", "label": _("Accepted by the Client"), **count, "width": 170},
	]
