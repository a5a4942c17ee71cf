# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ClientSurvey(Document):
	"""Made when a deal is won or a claim closed, answered by the client behind its signed link
	(satisfaction/surveys.py); nobody edits one."""

	pass
