"""One plan per node and period is now also a unique key on Sales Plan (two clicks on Plan My Day at the
same moment made two Day plans): live plans get their key; cancelled ones keep none."""

import frappe


def execute() -> None:
	frappe.db.sql(
		"""update ignore `tabSales Plan`
		set plan_key = concat_ws('|', company, sales_person, period_type, period_start)
		where docstatus < 2 and plan_key is null"""
	)
