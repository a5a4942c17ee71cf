"""The development matrix's data, industry (ERPNext Industry Type) × territory: the clients by category
and commitment level, the open pipeline, the turnover of the period, the last work with the cell's
clients and the head's targets, each in grouped queries. `members` limits everything to the clients a
node's Sales Persons are responsible for (their deals, their work); None is the whole company.

Clients are the customers, the prospects and the leads not converted yet that belong to no prospect (a
prospect's leads are its people, counted once as the prospect).
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Max, Sum
from frappe.utils import cint, flt

from sales_technology.core.development_matrix import check_target
from sales_technology.core.pipeline import CLOSED_STATUSES
from sales_technology.core.roles import GENERAL_DIRECTOR, SALES_HEAD
from sales_technology.shared.validation import SalesRuleError, enforce

CLIENT_DOCTYPES = ("Customer", "Prospect", "Lead")
TARGET_ROLES = {SALES_HEAD, GENERAL_DIRECTOR, "System Manager"}


def clients_query(doctype: str, members: list[str] | None):
	table = frappe.qb.DocType(doctype)
	query = frappe.qb.from_(table)
	if doctype == "Lead":
		prospect_lead = frappe.qb.DocType("Prospect Lead")
		query = query.where(table.status != "Converted").where(
			table.name.notin(frappe.qb.from_(prospect_lead).select(prospect_lead.lead))
		)
	if doctype in ("Customer", "Lead"):
		query = query.where(table.disabled == 0)
	if members is not None:
		query = query.where(table.st_responsible_sales_person.isin(members or [""]))
	return table, query


def client_counts(members: list[str] | None) -> list[frappe._dict]:
	"""(industry, territory, category, level, clients) of every kind of client."""
	rows = []
	for doctype in CLIENT_DOCTYPES:
		table, query = clients_query(doctype, members)
		rows += (
			query.select(
				table.industry,
				table.territory,
				table.st_client_category.as_("category"),
				table.st_commitment_level.as_("level"),
				Count("*").as_("clients"),
			).groupby(table.industry, table.territory, table.st_client_category, table.st_commitment_level)
		).run(as_dict=True)
	return rows


def pipeline(members: list[str] | None, company: str | None) -> list[frappe._dict]:
	"""(industry, territory, amount) of the open deals, counted for their owner's Sales Person."""
	deal = frappe.qb.DocType("Opportunity")
	query = (
		frappe.qb.from_(deal)
		.select(deal.industry, deal.territory, Sum(deal.base_opportunity_amount).as_("amount"))
		.where(deal.status.notin(CLOSED_STATUSES))
		.groupby(deal.industry, deal.territory)
	)
	if members is not None:
		query = query.where(deal.st_responsible_sales_person.isin(members or [""]))
	if company:
		query = query.where(deal.company == company)
	return query.run(as_dict=True)


def turnover(members: list[str] | None, company: str | None, start: date, end: date) -> list[frappe._dict]:
	"""(industry, territory, amount) of the submitted invoices of the period (returns net), by the
	customer's industry and territory."""
	invoice = frappe.qb.DocType("Sales Invoice")
	customer = frappe.qb.DocType("Customer")
	query = (
		frappe.qb.from_(invoice)
		.join(customer)
		.on(customer.name == invoice.customer)
		.select(customer.industry, customer.territory, Sum(invoice.base_net_total).as_("amount"))
		.where(invoice.docstatus == 1)
		.where(invoice.posting_date.between(start, end))
		.groupby(customer.industry, customer.territory)
	)
	if members is not None:
		query = query.where(customer.st_responsible_sales_person.isin(members or [""]))
	if company:
		query = query.where(invoice.company == company)
	return query.run(as_dict=True)


def last_activities(members: list[str] | None) -> list[frappe._dict]:
	"""(industry, territory, the last day someone worked with a client of the cell)."""
	activity = frappe.qb.DocType("Sales Activity")
	rows = []
	for doctype in CLIENT_DOCTYPES:
		table, query = clients_query(doctype, members)
		rows += (
			query.join(activity)
			.on((activity.party == table.name) & (activity.party_type == doctype))
			.select(table.industry, table.territory, Max(activity.done_on).as_("last_activity"))
			.where(activity.status == "Done")
			.groupby(table.industry, table.territory)
		).run(as_dict=True)
	return rows


def targets(company: str, year: int) -> dict[tuple[str | None, str | None], frappe._dict]:
	return {
		(row.industry or None, row.territory or None): row
		for row in frappe.get_all(
			"Development Matrix Target",
			filters={"company": company, "year": year},
			fields=["name", "industry", "territory", "target_clients", "target_turnover"],
		)
	}


@frappe.whitelist(methods=["POST"])
def set_cell_target(
	company: str,
	year: int | str,
	industry: str | None = None,
	territory: str | None = None,
	target_clients: int | str = 0,
	target_turnover: float | str = 0,
) -> str:
	"""The report's Set Target: the head's target for a cell, created or changed."""
	frappe.only_for(list(TARGET_ROLES))
	name = frappe.db.get_value(
		"Development Matrix Target",
		{
			"company": company,
			"year": cint(year),
			"industry": industry or None,
			"territory": territory or None,
		},
	)
	doc = (
		frappe.get_doc("Development Matrix Target", name)
		if name
		else frappe.new_doc("Development Matrix Target").update(
			{"company": company, "year": cint(year), "industry": industry, "territory": territory}
		)
	)
	doc.update({"target_clients": cint(target_clients), "target_turnover": flt(target_turnover)})
	doc.save()
	return doc.name


def validate_target(doc) -> None:
	"""Development Matrix Target validate: a sound target, one a cell and year."""
	enforce(check_target, flt(doc.target_clients), flt(doc.target_turnover), exc=SalesRuleError)
	other = frappe.db.get_value(
		"Development Matrix Target",
		{
			"company": doc.company,
			"year": doc.year,
			"industry": doc.industry or None,
			"territory": doc.territory or None,
			"name": ("!=", doc.name or ""),
		},
	)
	if other:
		frappe.throw(
			_("The cell {0} × {1} has its target for {2} already: {3}").format(
				doc.industry or _("Not Set"), doc.territory or _("Not Set"), doc.year, other
			),
			exc=SalesRuleError,
		)
	if not 2000 <= cint(doc.year) <= 2100:
		frappe.throw(_("Give the year of the target, such as {0}").format(frappe.utils.getdate().year))
