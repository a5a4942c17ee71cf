"""Kept KPI facts gained month rows beside the day rows: the facts kept before have none, so every KPI is
read from its documents again until its rebuild (queued after the migration) writes both."""

import frappe


def execute() -> None:
	if not frappe.db.table_exists("Sales KPI Fact"):
		return
	frappe.db.delete("Sales KPI Fact")
	frappe.db.sql("update `tabSales KPI` set kept_signature = null, facts_rebuilt_at = null")
