# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.people.programme import validate_template


class RepProgrammeTemplate(Document):
	def validate(self):
		validate_template(self)
