# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class SalesActivityType(Document):
	def validate(self) -> None:
		results = [line.strip() for line in (self.results or "").split("\n") if line.strip()]
		if len(results) != len(set(results)):
			frappe.throw(_("A result appears twice in the list of results"))
		self.results = "\n".join(results)

	def on_trash(self) -> None:
		if self.is_standard and not frappe.flags.in_uninstall:
			frappe.throw(
				_("Sales Activity Type {0} is standard and cannot be deleted; disable it instead").format(
					frappe.bold(self.name)
				)
			)
