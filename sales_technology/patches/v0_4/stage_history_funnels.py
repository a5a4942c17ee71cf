"""Stage history recorded before the funnel KPIs: each step gets its deal's funnel, and whether it moved
the deal on (won, or to a later stage of that funnel), set-wise."""

import frappe


def execute() -> None:
	change = frappe.qb.DocType("Deal Stage Change")
	deal = frappe.qb.DocType("Opportunity")
	(
		frappe.qb.update(change)
		.join(deal)
		.on(deal.name == change.opportunity)
		.set(change.sales_funnel, deal.st_sales_funnel)
		.where(change.sales_funnel.isnull())
	).run()
	frappe.qb.update(change).set(change.moved_forward, 1).where(change.event == "Won").run()
	left = frappe.qb.DocType("Sales Funnel Stage").as_("left_stage")
	entered = frappe.qb.DocType("Sales Funnel Stage").as_("entered_stage")
	(
		frappe.qb.update(change)
		.join(left)
		.on((left.parent == change.sales_funnel) & (left.parenttype == "Sales Funnel"))
		.join(entered)
		.on((entered.parent == change.sales_funnel) & (entered.parenttype == "Sales Funnel"))
		.set(change.moved_forward, 1)
		.where(change.event == "Stage Changed")
		.where(left.sales_stage == change.from_stage)
		.where(entered.sales_stage == change.to_stage)
		.where(entered.idx > left.idx)
	).run()
