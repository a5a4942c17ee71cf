# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.people.hr_records import keep_training_event
from sales_technology.people.trainings import sync_results, validate_training
from sales_technology.sales_technology.report.training_effect.training_effect import stage_by_participant


class SalesTraining(Document):
	def onload(self):
		self.set_onload("stage_by_participant", stage_by_participant(self))

	def validate(self):
		validate_training(self)

	def on_update(self):
		sync_results(self)
		keep_training_event(self)
