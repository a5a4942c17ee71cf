# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Prospective clients and the sales forecast (seed 004, every Monday for the previous week): for the
chosen node and each node below it, the open deals and their weighted forecast for the month and the
quarter beside the plan's turnover target, the fact so far and its run-rate projection, what changed in
the week before, and the weighted forecast stored a week earlier; under each rep, their open deals."""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import add_days, flt, getdate

from sales_technology.activities.report_scope import report_nodes
from sales_technology.deals.forecast import forecast, open_deals
from sales_technology.shared.report_filters import clean_filters

WEEKS_IN_CHART = 8


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	if not filters.company:
		frappe.throw(_("Choose the company"))
	on = getdate(filters.on_date or frappe.utils.today())
	nodes = report_nodes(filters.sales_person)
	figures, reported = forecast(nodes, filters.company, on)
	week_start, week_end = reported["week"]
	before = stored_weighted([node.name for node in nodes], filters.company, add_days(week_start, -7))
	deals = defaultdict(list)
	if filters.show_deals:
		for deal in open_deals([node.name for node in nodes], filters.company):
			deals[deal.sales_person].append(deal)
	depth: dict[str, int] = {}
	rows = []
	for node in nodes:
		depth[node.name] = depth[node.parent_sales_person] + 1 if node.parent_sales_person in depth else 0
		found = figures[node.name]
		row = {
			"sales_person": node.name,
			"indent": depth[node.name],
			"open_deals": found.open_deals,
			"amount": found.pipeline,
			"weighted_month": found.weighted_month,
			"weighted_quarter": found.weighted_quarter,
			"weighted_month_before": before.get(node.name),
			"new_deals": found.new_deals,
			"moved_forward": found.moved_forward,
			"moved_back": found.moved_back,
			"deals_won": found.deals_won,
			"deals_lost": found.deals_lost,
			**found.extra,
		}
		rows.append(row)
		for deal in deals.get(node.name, []):
			rows.append(
				{
					"sales_person": node.name,
					"indent": depth[node.name] + 1,
					"opportunity": deal.opportunity,
					"client": deal.customer_name or deal.party_name,
					"sales_stage": deal.sales_stage,
					"probability": deal.probability,
					"amount": flt(deal.amount),
					"weighted_month": flt(deal.weighted),
					"expected_closing": deal.expected_closing,
					"last_activity_on": deal.last_activity_on,
					"next_activity_on": deal.next_activity_on,
				}
			)
	top = figures[nodes[0].name]
	message = _("Open deals now; changes of the week {0} to {1}; the forecast for {2} and {3}").format(
		frappe.format(week_start, "Date"),
		frappe.format(week_end, "Date"),
		reported["periods"]["month"].label(),
		reported["periods"]["quarter"].label(),
	)
	return columns(), rows, message, chart(nodes[0].name, filters.company), summary(top)


def stored_weighted(nodes: list[str], company: str, week_start) -> dict[str, float]:
	return {
		row.sales_person: flt(row.weighted_month)
		for row in frappe.get_all(
			"Sales Forecast Snapshot",
			filters={"sales_person": ("in", nodes), "company": company, "week_start": week_start},
			fields=["sales_person", "weighted_month"],
		)
	}


def chart(node: str, company: str) -> dict | None:
	"""The node's stored weeks: the month's weighted forecast beside the fact and the target."""
	weeks = frappe.get_all(
		"Sales Forecast Snapshot",
		filters={"sales_person": node, "company": company},
		fields=["week_start", "weighted_month", "month_fact", "month_target"],
		order_by="week_start desc",
		limit=WEEKS_IN_CHART,
	)[::-1]
	if not weeks:
		return None
	return {
		"data": {
			"labels": [frappe.format(week.week_start, "Date") for week in weeks],
			"datasets": [
				{
					"name": _("Weighted Forecast, Month"),
					"values": [flt(week.weighted_month) for week in weeks],
				},
				{"name": _("Month Fact"), "values": [flt(week.month_fact) for week in weeks]},
				{"name": _("Month Target"), "values": [flt(week.month_target) for week in weeks]},
			],
		},
		"type": "line",
	}


def summary(top) -> list[dict]:
	extra = top.extra
	target = extra.get("month_target")
	projection = flt(extra.get("month_projection"))
	return [
		{"label": _("Open Deals"), "value": top.open_deals, "indicator": "blue"},
		{"label": _("Weighted Forecast, Month"), "value": top.weighted_month, "datatype": "Currency"},
		{"label": _("Month Target"), "value": target, "datatype": "Currency"},
		{"label": _("Month Fact"), "value": extra.get("month_fact"), "datatype": "Currency"},
		{
			"label": _("Month Projection"),
			"value": projection,
			"datatype": "Currency",
			"indicator": "green" if target and projection >= target else "red" if target else "blue",
		},
		{"label": _("Weighted Forecast, Quarter"), "value": top.weighted_quarter, "datatype": "Currency"},
	]


def columns() -> list[dict]:
	def currency(fieldname, label, width=140):
		return {"fieldname": fieldname, "label": label, "fieldtype": "Currency", "width": width}

	def count(fieldname, label, width=90):
		return {"fieldname": fieldname, "label": label, "fieldtype": "Int", "width": width}

	return [
		{
			"fieldname": "sales_person",
			"label": _("Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 180,
		},
		{
			"fieldname": "opportunity",
			"label": _("Opportunity"),
			"fieldtype": "Link",
			"options": "Opportunity",
			"width": 140,
		},
		{"fieldname": "client", "label": _("Client"), "fieldtype": "Data", "width": 170},
		{"fieldname": "sales_stage", "label": _("Stage"), "fieldtype": "Data", "width": 150},
		{"fieldname": "probability", "label": _("Probability, %"), "fieldtype": "Percent", "width": 90},
		count("open_deals", _("Open Deals")),
		currency("amount", _("Amount")),
		currency("weighted_month", _("Weighted Forecast, Month")),
		currency("weighted_month_before", _("Week Before")),
		currency("month_target", _("Month Target")),
		currency("month_fact", _("Month Fact")),
		currency("month_projection", _("Month Projection")),
		currency("weighted_quarter", _("Weighted Forecast, Quarter")),
		currency("quarter_target", _("Quarter Target")),
		currency("quarter_fact", _("Quarter Fact")),
		currency("quarter_projection", _("Quarter Projection")),
		{"fieldname": "expected_closing", "label": _("Expected Closing"), "fieldtype": "Date", "width": 110},
		{"fieldname": "last_activity_on", "label": _("Last Activity"), "fieldtype": "Date", "width": 110},
		{"fieldname": "next_activity_on", "label": _("Next Activity"), "fieldtype": "Date", "width": 110},
		count("new_deals", _("New Deals")),
		count("moved_forward", _("Moved Forward")),
		count("moved_back", _("Moved Back")),
		count("deals_won", _("Won")),
		count("deals_lost", _("Lost or Closed")),
	]
