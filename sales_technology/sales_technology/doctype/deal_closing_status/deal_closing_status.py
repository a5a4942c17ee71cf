# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class DealClosingStatus(Document):
	def validate(self) -> None:
		if not self.enabled:
			self.check_not_last()

	def on_trash(self) -> None:
		self.check_not_last()

	def check_not_last(self) -> None:
		"""The four outcomes each keep a status: closed deals without a chosen one get it."""
		others = frappe.db.count(
			"Deal Closing Status", {"outcome": self.outcome, "enabled": 1, "name": ("!=", self.name)}
		)
		if not others:
			frappe.throw(
				_("{0} is the last closing status of the outcome {1}").format(self.name, _(self.outcome))
			)
