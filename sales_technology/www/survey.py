"""The client's survey page behind the signed link (satisfaction/surveys.py): no login, no desk."""

import frappe
from frappe import _

from sales_technology.satisfaction.surveys import SurveyLinkInvalid, open_survey

no_cache = 1


def get_context(context):
	context.no_header = 1
	context.title = _("How did we do?")
	try:
		context.survey = open_survey(frappe.form_dict.get("survey"), frappe.form_dict.get("_signature"))
	except SurveyLinkInvalid:
		context.survey = None
	context.signature = frappe.form_dict.get("_signature")
	return context
