# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.people.trainings import sync_results, validate_training


class SalesTraining(Document):
	def validate(self):
		validate_training(self)

	def on_update(self):
		sync_results(self)
