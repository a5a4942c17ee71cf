# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.strategies.target_lists import keep_list


class TargetList(Document):
	def validate(self) -> None:
		keep_list(self)
