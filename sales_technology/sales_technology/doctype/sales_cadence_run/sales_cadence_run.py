# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.strategies.cadences import start_run, validate_run


class SalesCadenceRun(Document):
	def validate(self) -> None:
		validate_run(self)

	def after_insert(self) -> None:
		start_run(self)
