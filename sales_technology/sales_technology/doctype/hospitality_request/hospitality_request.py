# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.hospitality.budgets import keep_request


class HospitalityRequest(Document):
	def validate(self) -> None:
		keep_request(self)
