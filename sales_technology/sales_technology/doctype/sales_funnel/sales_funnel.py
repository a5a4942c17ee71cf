# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt

from sales_technology.core.funnels import FunnelStage, check_stages
from sales_technology.shared.validation import SalesRuleError, enforce


class SalesFunnel(Document):
	def validate(self) -> None:
		enforce(
			check_stages,
			[
				FunnelStage(
					row.sales_stage,
					flt(row.probability),
					cint(row.expected_days),
					cint(row.maximum_days),
					bool(row.is_key_stage),
				)
				for row in self.stages
			],
		)
		if self.is_default:
			other = frappe.db.get_value("Sales Funnel", {"is_default": 1, "name": ("!=", self.name)})
			if other:
				frappe.throw(
					_("{0} is the default funnel already: one funnel is the default").format(
						frappe.get_desk_link("Sales Funnel", other)
					),
					exc=SalesRuleError,
				)
