# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.strategies.cadences import validate_cadence


class SalesCadence(Document):
	def validate(self) -> None:
		validate_cadence(self)
