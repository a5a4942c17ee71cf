"""The standard KPIs of deals in work count a deal for the Sales Person it belongs to (its owner's, else
its client's, else its creator's), as every report does, instead of its owner's alone."""

import frappe

from sales_technology.setup.standard_kpis import COMPUTATIONS


def execute() -> None:
	for code, computation in COMPUTATIONS.items():
		if computation.get("attribution_field") != "st_responsible_sales_person":
			continue
		if (
			frappe.db.get_value("Sales KPI", {"name": code, "is_standard": 1}, "attribution_field")
			== "opportunity_owner"
		):
			frappe.db.set_value(
				"Sales KPI",
				code,
				{
					"attribution": computation["attribution"],
					"attribution_field": computation["attribution_field"],
				},
			)
