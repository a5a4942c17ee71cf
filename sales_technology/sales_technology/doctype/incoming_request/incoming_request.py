# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.incoming.requests import take_request, validate_request


class IncomingRequest(Document):
	def validate(self) -> None:
		validate_request(self)

	def after_insert(self) -> None:
		take_request(self)
