# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.competitors.intel import competitor_changed, validate_positioning


class CompetitorPositioning(Document):
	def validate(self) -> None:
		validate_positioning(self)

	def on_update(self) -> None:
		competitor_changed(self, "on_update")

	def after_delete(self) -> None:
		competitor_changed(self, "after_delete")
