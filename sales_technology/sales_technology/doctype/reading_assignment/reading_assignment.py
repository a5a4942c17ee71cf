# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.people.reading import validate_assignment


class ReadingAssignment(Document):
	def validate(self):
		validate_assignment(self)
