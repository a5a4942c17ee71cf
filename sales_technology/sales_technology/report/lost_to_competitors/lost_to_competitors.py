# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""What each competitor takes from us (seed 004: plans per competitor, intercepting their clients): the
deals of a Sales Person node lost to it in a period with their amount, reasons and segments, beside the
intel collected on it; or the clients it holds, from our lost deals and from intel, as the targets to
intercept."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import flt, getdate

from sales_technology.activities.report_scope import report_nodes
from sales_technology.competitors.losses import (
	held_clients,
	intel_by_competitor,
	loss_totals,
	losses_by_competitor,
)
from sales_technology.shared.report_filters import clean_filters

DEALS_LOST = "Deals Lost"
CLIENTS_HELD = "Clients They Hold"


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	members = [node.name for node in report_nodes(filters.sales_person)]
	if filters.view == CLIENTS_HELD:
		rows = held_clients(members, filters.company, filters.competitor)
		return client_columns(), rows
	from_date = getdate(filters.from_date) if filters.from_date else None
	to_date = getdate(filters.to_date) if filters.to_date else None
	if from_date and to_date and from_date > to_date:
		frappe.throw(_("The period ends before it starts"))
	losses = losses_by_competitor(members, filters.company, from_date, to_date)
	intel = intel_by_competitor(from_date, to_date)
	rows = loss_rows(losses, intel, filters.competitor)
	totals = loss_totals(members, filters.company, from_date, to_date)
	return loss_columns(), rows, None, chart(rows), summary(rows, totals)


def loss_rows(losses: dict, intel: dict, competitor: str | None) -> list[dict]:
	"""A row per competitor that took a deal or was learned about, the most deals lost first; the deals
	lost to no competitor named last."""
	names = set(losses) | set(intel)
	if competitor:
		names &= {competitor}
	positioned = set(frappe.get_all("Competitor Positioning", pluck="name"))
	rows = []
	for name in names:
		lost = losses.get(name) or frappe._dict(deals_lost=0, amount_lost=0, reasons={}, segments={})
		learned = intel.get(name) or frappe._dict(intel_collected=0, last_intel_on=None)
		rows.append(
			{
				"competitor": name or _("No competitor named"),
				"deals_lost": lost.deals_lost,
				"amount_lost": flt(lost.amount_lost),
				"reasons": counted(lost.reasons),
				"segments": counted(lost.segments),
				"intel_collected": learned.intel_collected,
				"last_intel_on": learned.last_intel_on,
				"positioning": name if name in positioned else None,
				"named": bool(name),
			}
		)
	return sorted(
		rows, key=lambda row: (not row["named"], -row["deals_lost"], -row["amount_lost"], row["competitor"])
	)


def counted(values: dict) -> str:
	"""'Price (3), No budget (1)': the most frequent first."""
	ordered = sorted(values.items(), key=lambda item: (-item[1], item[0]))
	return ", ".join(f"{_(value)} ({count})" for value, count in ordered)


def loss_columns() -> list[dict]:
	return [
		{"fieldname": "competitor", "label": _("Competitor"), "fieldtype": "Data", "width": 180},
		{"fieldname": "deals_lost", "label": _("Deals Lost"), "fieldtype": "Int", "width": 100},
		{"fieldname": "amount_lost", "label": _("Amount Lost"), "fieldtype": "Currency", "width": 140},
		{"fieldname": "reasons", "label": _("Reasons"), "fieldtype": "Data", "width": 260},
		{"fieldname": "segments", "label": _("Segments"), "fieldtype": "Data", "width": 200},
		{"fieldname": "intel_collected", "label": _("Intel Collected"), "fieldtype": "Int", "width": 110},
		{"fieldname": "last_intel_on", "label": _("Last Learned About"), "fieldtype": "Date", "width": 120},
		{
			"fieldname": "positioning",
			"label": _("Positioning"),
			"fieldtype": "Link",
			"options": "Competitor Positioning",
			"width": 160,
		},
	]


def client_columns() -> list[dict]:
	return [
		{
			"fieldname": "competitor",
			"label": _("Competitor"),
			"fieldtype": "Link",
			"options": "Competitor",
			"width": 160,
		},
		{
			"fieldname": "party_type",
			"label": _("Client Type"),
			"fieldtype": "Link",
			"options": "DocType",
			"width": 100,
		},
		{
			"fieldname": "party",
			"label": _("Client"),
			"fieldtype": "Dynamic Link",
			"options": "party_type",
			"width": 160,
		},
		{"fieldname": "client_name", "label": _("Client Name"), "fieldtype": "Data", "width": 180},
		{
			"fieldname": "client_category",
			"label": _("Client Category"),
			"fieldtype": "Link",
			"options": "Client Category",
			"width": 120,
		},
		{"fieldname": "temperature", "label": _("Temperature"), "fieldtype": "Data", "width": 100},
		{
			"fieldname": "responsible",
			"label": _("Responsible Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 160,
		},
		{"fieldname": "deals_lost", "label": _("Deals Lost to Them"), "fieldtype": "Int", "width": 120},
		{
			"fieldname": "intel",
			"label": _("Intel Says They Work With the Client"),
			"fieldtype": "Int",
			"width": 120,
		},
		{"fieldname": "last_seen", "label": _("Last Seen There"), "fieldtype": "Date", "width": 120},
	]


def chart(rows: list[dict]) -> dict | None:
	named = [row for row in rows if row["named"] and row["deals_lost"]][:10]
	if not named:
		return None
	return {
		"data": {
			"labels": [row["competitor"] for row in named],
			"datasets": [{"name": _("Deals Lost"), "values": [row["deals_lost"] for row in named]}],
		},
		"type": "bar",
	}


def summary(rows: list[dict], totals: frappe._dict) -> list[dict]:
	"""The deals lost each once (a deal may name two competitors), and those lost to nobody named."""
	unnamed = next((row["deals_lost"] for row in rows if not row["named"]), 0)
	lost = totals.deals_lost or 0
	return [
		{"label": _("Deals Lost"), "value": lost, "datatype": "Int", "indicator": "Red" if lost else "Green"},
		{
			"label": _("Amount Lost"),
			"value": flt(totals.amount_lost),
			"datatype": "Currency",
			"indicator": "Red",
		},
		{
			"label": _("Lost to No Competitor Named"),
			"value": unnamed,
			"datatype": "Int",
			"indicator": "Orange" if unnamed else "Green",
		},
	]
