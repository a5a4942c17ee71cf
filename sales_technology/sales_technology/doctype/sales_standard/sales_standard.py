# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.people.standards import ask_to_read, validate_standard


class SalesStandard(Document):
	def validate(self):
		validate_standard(self)

	def on_update(self):
		ask_to_read(self)
