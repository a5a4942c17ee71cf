# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.people.hr_records import link_onboarding
from sales_technology.people.programme import validate_programme


class RepProgramme(Document):
	def validate(self):
		validate_programme(self)
		link_onboarding(self)
