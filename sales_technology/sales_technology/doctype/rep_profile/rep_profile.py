# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.people.profile import validate_profile


class RepProfile(Document):
	def validate(self):
		validate_profile(self)
