# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint

from sales_technology.core.playbooks import PlaybookTask, check_playbook
from sales_technology.shared.validation import SalesRuleError, enforce


class SalesStagePlaybook(Document):
	def validate(self) -> None:
		stages = frappe.get_all(
			"Sales Funnel Stage",
			filters={"parent": self.sales_funnel, "parenttype": "Sales Funnel"},
			pluck="sales_stage",
		)
		enforce(
			check_playbook,
			self.sales_funnel,
			self.sales_stage,
			stages,
			cint(self.time_limit_days),
			[PlaybookTask(row.task, bool(row.mandatory), cint(row.due_in_days)) for row in self.tasks],
		)
		for row in self.tasks:
			row.task = row.task.strip()
		self.validate_one_per_stage()

	def validate_one_per_stage(self) -> None:
		filters = {"sales_funnel": self.sales_funnel, "sales_stage": self.sales_stage}
		if not self.is_new():
			filters["name"] = ("!=", self.name)
		other = frappe.db.get_value("Sales Stage Playbook", filters)
		if other:
			frappe.throw(
				_("The stage {0} of the funnel {1} has its playbook already: {2}").format(
					frappe.bold(_(self.sales_stage)),
					frappe.bold(self.sales_funnel),
					frappe.get_desk_link("Sales Stage Playbook", other),
				),
				exc=SalesRuleError,
			)
