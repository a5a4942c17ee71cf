# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.plans.headcount import validate_plan


class SalesHeadcountPlan(Document):
	def validate(self) -> None:
		validate_plan(self)
