# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""The open deals that stopped moving, as the stale-deal job flagged them, by rep and reason: each deal
with how long it has been so, its amount, expected closing and last and next activity, and the count
per rep and reason as the chart."""

from __future__ import annotations

from collections import Counter

import frappe
from frappe import _
from frappe.utils import date_diff, getdate, today

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.deal_control import STALE_CONDITIONS
from sales_technology.shared.report_filters import clean_filters


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	nodes = [node.name for node in report_nodes(filters.sales_person)]
	flag = frappe.qb.DocType("Stale Deal")
	deal = frappe.qb.DocType("Opportunity")
	query = (
		frappe.qb.from_(flag)
		.join(deal)
		.on(deal.name == flag.opportunity)
		.select(
			flag.sales_person,
			flag.opportunity,
			flag.party_name,
			flag.reason,
			flag.since,
			flag.flagged_on,
			deal.base_opportunity_amount.as_("amount"),
			deal.sales_stage,
			deal.expected_closing,
			deal.st_last_activity_on.as_("last_activity_on"),
			deal.st_next_activity_on.as_("next_activity_on"),
		)
		.where(flag.sales_person.isin(nodes))
		.orderby(flag.sales_person)
		.orderby(flag.since)
	)
	if filters.reason:
		query = query.where(flag.reason == filters.reason)
	rows = query.run(as_dict=True)
	day = getdate(today())
	for row in rows:
		row.days = date_diff(day, row.since) if row.since else None
		row.reason_label = _(row.reason)
	return columns(), rows, None, chart(rows), summary(rows)


def columns() -> list[dict]:
	return [
		{
			"fieldname": "sales_person",
			"label": _("Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 160,
		},
		{
			"fieldname": "opportunity",
			"label": _("Opportunity"),
			"fieldtype": "Link",
			"options": "Opportunity",
			"width": 150,
		},
		{"fieldname": "party_name", "label": _("Client"), "fieldtype": "Data", "width": 180},
		{"fieldname": "reason_label", "label": _("Why"), "fieldtype": "Data", "width": 160},
		{"fieldname": "since", "label": _("Since"), "fieldtype": "Date", "width": 110},
		{"fieldname": "days", "label": _("Days"), "fieldtype": "Int", "width": 70},
		{"fieldname": "sales_stage", "label": _("Stage"), "fieldtype": "Data", "width": 150},
		{"fieldname": "amount", "label": _("Amount"), "fieldtype": "Currency", "width": 140},
		{"fieldname": "expected_closing", "label": _("Expected Closing"), "fieldtype": "Date", "width": 110},
		{"fieldname": "last_activity_on", "label": _("Last Activity"), "fieldtype": "Date", "width": 110},
		{"fieldname": "next_activity_on", "label": _("Next Activity"), "fieldtype": "Date", "width": 110},
		{"fieldname": "flagged_on", "label": _("Flagged On"), "fieldtype": "Date", "width": 110},
	]


def chart(rows: list[dict]) -> dict | None:
	if not rows:
		return None
	counts = Counter((row.sales_person, row.reason) for row in rows)
	reps = sorted({row.sales_person for row in rows})
	return {
		"data": {
			"labels": reps,
			"datasets": [
				{"name": _(condition), "values": [counts[(rep, condition)] for rep in reps]}
				for condition in STALE_CONDITIONS
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
	}


def summary(rows: list[dict]) -> list[dict]:
	counts = Counter(row.reason for row in rows)
	return [
		{
			"label": _(condition),
			"value": counts[condition],
			"indicator": "red" if counts[condition] else "green",
		}
		for condition in STALE_CONDITIONS
	] + [{"label": _("Deals"), "value": len({row.opportunity for row in rows}), "indicator": "blue"}]
