# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from sales_technology.activities.counting import activity_kpis
from sales_technology.core.norms import check_norm
from sales_technology.shared.validation import SalesRuleError, enforce


class SalesNorm(Document):
	def validate(self) -> None:
		minimum = self.minimum if self.minimum else None
		maximum = self.maximum if self.maximum else None
		enforce(check_norm, self.kpi, self.period_type, minimum, maximum)
		self.validate_kpi_is_counted()
		self.validate_unique()

	def validate_kpi_is_counted(self) -> None:
		if self.kpi in activity_kpis(self.period_type):
			return
		if self.kpi in activity_kpis():
			frappe.throw(
				_("KPI {0} is not counted by {1}: a norm needs a KPI planned for its period").format(
					frappe.bold(self.kpi), _(self.period_type)
				),
				exc=SalesRuleError,
			)
		frappe.throw(
			_(
				"Norms are checked against logged activities, and KPI {0} is not counted from Sales Activities"
			).format(frappe.bold(self.kpi)),
			exc=SalesRuleError,
		)

	def validate_unique(self) -> None:
		duplicate = frappe.db.exists(
			"Sales Norm",
			{
				"sales_person": self.sales_person,
				"kpi": self.kpi,
				"period_type": self.period_type,
				"enabled": 1,
				"name": ("!=", self.name),
			},
		)
		if duplicate and self.enabled:
			frappe.throw(
				_("{0} already has a {1} norm for {2}: {3}").format(
					frappe.bold(self.sales_person),
					_(self.period_type),
					self.kpi,
					frappe.get_desk_link("Sales Norm", duplicate),
				),
				exc=SalesRuleError,
			)
