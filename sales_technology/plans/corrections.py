"""Endpoints of the Plan Correction form."""

from __future__ import annotations

import frappe


@frappe.whitelist()
def get_plan_targets(sales_plan: str) -> list[dict]:
	"""The targets in force on an approved plan, to prefill a correction."""
	plan = frappe.get_doc("Sales Plan", sales_plan)
	plan.check_permission("read")
	return [
		{
			"kpi": row.kpi,
			"dimension_value": row.dimension_value,
			"target": row.target,
			"direction": row.direction,
		}
		for row in plan.targets
	]
