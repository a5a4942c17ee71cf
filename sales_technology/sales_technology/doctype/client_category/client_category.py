# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class StandardClientCategoryError(frappe.ValidationError):
	pass


class ClientCategory(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category_name: DF.Data
		description: DF.SmallText | None
		is_standard: DF.Check
	# end: auto-generated types

	def on_trash(self) -> None:
		# the methodology's four categories are referred to by name in reports and KPIs
		if self.is_standard and not frappe.flags.in_uninstall:
			frappe.throw(
				_("Client Category {0} is standard and cannot be deleted").format(frappe.bold(self.name)),
				exc=StandardClientCategoryError,
			)
