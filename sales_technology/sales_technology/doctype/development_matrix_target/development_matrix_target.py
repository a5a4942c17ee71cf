# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.deals.development_matrix import validate_target


class DevelopmentMatrixTarget(Document):
	def validate(self) -> None:
		validate_target(self)
