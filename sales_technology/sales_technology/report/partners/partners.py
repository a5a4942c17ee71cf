# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Partners (seed 000, 2.18–2.19): each partner of the reps of a node, with its onboarding (steps done,
the next one and when it is due, overdue in red), its joint deals (submitted Sales Orders with the partner)
and the turnover made through it (submitted Sales Invoices with the partner) in the period, beside its
own target for the fiscal year (ERPNext's partner targets)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from frappe.utils import flt, getdate, today

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.partners import target_fulfilment
from sales_technology.shared.report_filters import clean_filters


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	to_date = getdate(filters.to_date or today())
	from_date = getdate(filters.from_date or to_date.replace(month=1, day=1))
	nodes = [node.name for node in report_nodes(filters.sales_person)]
	partners = frappe.get_all(
		"Sales Partner",
		filters={"st_responsible_sales_person": ("in", nodes or [""])},
		fields=["name", "st_responsible_sales_person", "st_customer"],
		order_by="st_responsible_sales_person, name",
	)
	names = [partner.name for partner in partners] or [""]
	programmes = {
		row.sales_partner: row
		for row in frappe.get_all(
			"Partner Programme",
			filters={"sales_partner": ("in", names), "status": ("!=", "Cancelled")},
			fields=[
				"name",
				"sales_partner",
				"status",
				"steps_done",
				"steps_total",
				"steps_overdue",
				"next_step",
				"next_due",
			],
			order_by="creation",
		)
	}
	orders = through_partner("Sales Order", "transaction_date", names, from_date, to_date, filters.company)
	invoices = through_partner("Sales Invoice", "posting_date", names, from_date, to_date, filters.company)
	targets = partner_targets(names, to_date)
	data = []
	for partner in partners:
		programme = programmes.get(partner.name) or frappe._dict()
		turnover = flt(invoices.get(partner.name, {}).get("amount"))
		target = flt(targets.get(partner.name))
		data.append(
			{
				"sales_partner": partner.name,
				"sales_person": partner.st_responsible_sales_person,
				"customer": partner.st_customer,
				"partner_programme": programme.get("name"),
				"onboarding": _("{0} of {1}").format(programme.steps_done or 0, programme.steps_total or 0)
				if programme
				else _("No programme"),
				"onboarding_status": programme.get("status"),
				"next_step": programme.get("next_step"),
				"next_due": programme.get("next_due"),
				"steps_overdue": programme.get("steps_overdue") or 0,
				"joint_deals": int(orders.get(partner.name, {}).get("documents") or 0),
				"joint_deals_amount": flt(orders.get(partner.name, {}).get("amount")),
				"turnover": turnover,
				"target": target,
				"fulfilment": target_fulfilment(turnover, target),
			}
		)
	return columns(), data, None, None, summary(data)


def through_partner(doctype: str, date_field: str, partners: list[str], start, end, company=None) -> dict:
	"""{partner: {documents, amount}} of the submitted documents with the partner in the period, one query."""
	doc = frappe.qb.DocType(doctype)
	query = (
		frappe.qb.from_(doc)
		.select(doc.sales_partner, Count(doc.name).as_("documents"), Sum(doc.base_net_total).as_("amount"))
		.where(doc.docstatus == 1)
		.where(doc.sales_partner.isin(partners))
		.where(doc[date_field].between(start, end))
		.groupby(doc.sales_partner)
	)
	if company:
		query = query.where(doc.company == company)
	return {row.sales_partner: row for row in query.run(as_dict=True)}


def partner_targets(partners: list[str], day) -> dict[str, float]:
	"""{partner: its target amount for the fiscal year of the day} (ERPNext's Target Detail)."""
	target = frappe.qb.DocType("Target Detail")
	year = frappe.qb.DocType("Fiscal Year")
	rows = (
		frappe.qb.from_(target)
		.join(year)
		.on(year.name == target.fiscal_year)
		.select(target.parent, Sum(target.target_amount).as_("amount"))
		.where(target.parenttype == "Sales Partner")
		.where(target.parent.isin(partners))
		.where((year.year_start_date <= day) & (year.year_end_date >= day))
		.groupby(target.parent)
	).run(as_dict=True)
	return {row.parent: flt(row.amount) for row in rows}


def summary(data) -> list[dict]:
	if not data:
		return []
	return [
		{"label": _("Partners"), "value": len(data), "datatype": "Int"},
		{
			"label": _("Onboarding Steps Overdue"),
			"value": sum(row["steps_overdue"] for row in data),
			"datatype": "Int",
			"indicator": "Red" if any(row["steps_overdue"] for row in data) else "Green",
		},
		{"label": _("Joint Deals"), "value": sum(row["joint_deals"] for row in data), "datatype": "Int"},
		{
			"label": _("Turnover Through Partners"),
			"value": sum(row["turnover"] for row in data),
			"datatype": "Currency",
		},
	]


def columns() -> list[dict]:
	money = {"fieldtype": "Currency", "width": 150}
	return [
		{
			"fieldname": "sales_partner",
			"label": _("Sales Partner"),
			"fieldtype": "Link",
			"options": "Sales Partner",
			"width": 170,
		},
		{
			"fieldname": "sales_person",
			"label": _("Responsible Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 170,
		},
		{
			"fieldname": "partner_programme",
			"label": _("Partner Programme"),
			"fieldtype": "Link",
			"options": "Partner Programme",
			"width": 150,
		},
		{"fieldname": "onboarding", "label": _("Onboarding Steps Done"), "fieldtype": "Data", "width": 150},
		{"fieldname": "next_step", "label": _("Next Step"), "fieldtype": "Data", "width": 200},
		{"fieldname": "next_due", "label": _("Next Step Due"), "fieldtype": "Date", "width": 120},
		{"fieldname": "steps_overdue", "label": _("Steps Overdue"), "fieldtype": "Int", "width": 110},
		{"fieldname": "joint_deals", "label": _("Joint Deals"), "fieldtype": "Int", "width": 110},
		{"fieldname": "joint_deals_amount", "label": _("Joint Deals Amount"), **money},
		{"fieldname": "turnover", "label": _("Turnover Through Partner"), **money},
		{"fieldname": "target", "label": _("Partner's Target for the Year"), **money},
		{"fieldname": "fulfilment", "label": _("Fulfilment, %"), "fieldtype": "Percent", "width": 120},
	]
