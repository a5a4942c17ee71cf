# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Target Lists (seed 004): per rep, the companies of the month's industry lists he was given, how many
he touched (a done activity with the company since the list's month began), how many agreed to meet (a
meeting planned or held) and how many are in the funnel (a deal opened), for the lead's group and the
head's department. One query per figure, whatever the number of companies."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import add_months, getdate, today

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.target_lists import progress_row
from sales_technology.shared.report_filters import clean_filters


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	month = getdate(filters.month or today()).replace(day=1)
	nodes = [node.name for node in report_nodes(filters.sales_person)]
	target = frappe.qb.DocType("Target List")
	company = frappe.qb.DocType("Target List Company")
	query = (
		frappe.qb.from_(company)
		.join(target)
		.on((target.name == company.parent) & (company.parenttype == "Target List"))
		.select(company.assigned_to, company.lead, target.month)
		.where(target.status == "Assigned")
		.where(target.month == month)
		.where(company.assigned_to.isin(nodes or [""]))
		.where(company.lead.isnotnull())
	)
	if filters.target_list:
		query = query.where(target.name == filters.target_list)
	given = query.run(as_dict=True)
	leads = sorted({row.lead for row in given}) or [""]
	touched, meetings, funnel = (
		leads_with_activity(leads, month),
		leads_with_activity(leads, month, True),
		leads_in_funnel(leads, month),
	)
	data = []
	for rep in sorted({row.assigned_to for row in given}):
		mine = {row.lead for row in given if row.assigned_to == rep}
		data.append(
			{
				"sales_person": rep,
				**progress_row(len(mine), len(mine & touched), len(mine & meetings), len(mine & funnel)),
			}
		)
	return columns(), data, None, chart(data)


def leads_with_activity(leads: list[str], since, meeting: bool = False) -> set[str]:
	"""The leads with a done activity since the day; with `meeting`, a meeting planned or held."""
	activity = frappe.qb.DocType("Sales Activity")
	query = (
		frappe.qb.from_(activity)
		.select(activity.party)
		.distinct()
		.where(activity.party_type == "Lead")
		.where(activity.party.isin(leads))
	)
	if meeting:
		query = query.where((activity.is_meeting == 1) & activity.status.isin(["Planned", "Done"]))
		query = query.where((activity.planned_date >= since) | (activity.done_on >= since))
	else:
		query = query.where((activity.status == "Done") & (activity.done_on >= since))
	return {row[0] for row in query.run()}


def leads_in_funnel(leads: list[str], since) -> set[str]:
	"""The leads with a deal opened since the day (whatever became of it)."""
	deal = frappe.qb.DocType("Opportunity")
	rows = (
		frappe.qb.from_(deal)
		.select(deal.party_name, Count(deal.name))
		.where(deal.opportunity_from == "Lead")
		.where(deal.party_name.isin(leads))
		.where(deal.transaction_date >= since)
		.groupby(deal.party_name)
	).run()
	return {row[0] for row in rows}


def chart(data) -> dict | None:
	if not data:
		return None
	return {
		"data": {
			"labels": [row["sales_person"] for row in data],
			"datasets": [
				{"name": _("Given"), "values": [row["assigned"] for row in data]},
				{"name": _("Touched"), "values": [row["touched"] for row in data]},
				{"name": _("Agreed to Meet"), "values": [row["agreed_to_meet"] for row in data]},
				{"name": _("In the Funnel"), "values": [row["in_funnel"] for row in data]},
			],
		},
		"type": "bar",
	}


def columns() -> list[dict]:
	count = {"fieldtype": "Int", "width": 120}
	return [
		{
			"fieldname": "sales_person",
			"label": _("Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 180,
		},
		{"fieldname": "assigned", "label": _("Companies Given"), **count},
		{"fieldname": "touched", "label": _("Touched"), **count},
		{"fieldname": "touched_share", "label": _("Touched, %"), "fieldtype": "Percent", "width": 110},
		{"fieldname": "agreed_to_meet", "label": _("Agreed to Meet"), **count},
		{"fieldname": "in_funnel", "label": _("In the Funnel"), **count},
		{
			"fieldname": "in_funnel_share",
			"label": _("In the Funnel, %"),
			"fieldtype": "Percent",
			"width": 130,
		},
	]
