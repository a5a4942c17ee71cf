# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from sales_technology.claims.service_levels import drop_service_level, keep_service_level


class ClaimCategory(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category_name: DF.Data
		description: DF.SmallText | None
		is_default: DF.Check
		resolution_hours: DF.Float
		response_hours: DF.Float
		service_level_agreement: DF.Link | None
	# end: auto-generated types

	def validate(self) -> None:
		if self.response_hours <= 0 or self.resolution_hours <= 0:
			frappe.throw(
				_("A claim category needs a response and a resolution deadline of more than 0 hours")
			)
		if self.resolution_hours < self.response_hours:
			frappe.throw(
				_("A claim cannot be resolved before it is answered: the resolution deadline is shorter")
			)

	def on_update(self) -> None:
		if self.is_default:  # one default category
			frappe.db.set_value(
				"Claim Category", {"is_default": 1, "name": ("!=", self.name)}, "is_default", 0
			)
		kept = keep_service_level(self)
		if kept and kept != self.service_level_agreement:
			self.db_set("service_level_agreement", kept, update_modified=False)

	def on_trash(self) -> None:
		if frappe.db.exists("Issue", {"st_claim_category": self.name}):
			frappe.throw(
				_("Claim Category {0} has claims: it stays, their deadlines come from it").format(
					frappe.bold(self.name)
				)
			)
		drop_service_level(self)
