# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.plans.reviews import validate_market_change


class MarketChange(Document):
	def validate(self):
		validate_market_change(self)
