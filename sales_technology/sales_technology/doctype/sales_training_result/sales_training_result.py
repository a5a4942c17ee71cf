# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from sales_technology.people.hr_records import keep_training_result
from sales_technology.people.trainings import validate_result


class SalesTrainingResult(Document):
	def validate(self):
		validate_result(self)

	def on_update(self):
		keep_training_result(self)
