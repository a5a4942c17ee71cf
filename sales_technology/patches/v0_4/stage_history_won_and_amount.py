"""Steps recorded before the funnel report read them from the index alone: each step into a stage of a
deal that is won now was won afterwards, and every step carries the deal's amount, set-wise."""

import frappe

from sales_technology.core.stage_history import ENTERING


def execute() -> None:
	change = frappe.qb.DocType("Deal Stage Change")
	deal = frappe.qb.DocType("Opportunity")
	(
		frappe.qb.update(change)
		.join(deal)
		.on(deal.name == change.opportunity)
		.set(change.amount, deal.base_opportunity_amount)
		.where(change.amount.isnull() | (change.amount == 0))
	).run()
	(
		frappe.qb.update(change)
		.join(deal)
		.on(deal.name == change.opportunity)
		.set(change.won_later, 1)
		.where(deal.status == "Converted")
		.where(change.event.isin(ENTERING))
	).run()
