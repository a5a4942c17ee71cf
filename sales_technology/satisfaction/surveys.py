"""Surveys of the client after a won deal and after each closed claim (seed 000, 4.3 and 4.4): sent to the
deal's or claim's contact (else the client's primary contact) by e-mail with a signed link, answered on
the /survey page without logging in, once, within a month; the answer is kept as ERPNext's Quality
Feedback, which the satisfaction and quality KPIs read, for the client's responsible rep."""

from __future__ import annotations

import hmac
from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.utils import get_url, getdate, now_datetime, today
from frappe.utils.verified_command import get_signed_params

from sales_technology.core.claims import CLOSED_STATUSES, is_claim
from sales_technology.core.feedback import FEEDBACK_PARAMETERS
from sales_technology.core.satisfaction import (
	ANSWERED,
	CLAIM_CLOSED,
	DEAL_WON,
	EXPIRED,
	SENT,
	SURVEY_TEMPLATES,
	SurveyClosed,
	checked_score,
	expiry,
	survey_state,
)
from sales_technology.shared.clients_and_deals import party_sales_person

SURVEY = "Client Survey"


class SurveyLinkInvalid(frappe.PermissionError):
	pass


def after_won_deal(doc, method: str | None = None) -> None:
	"""Opportunity on_change: a deal of a customer just won gets its survey (once)."""
	if doc.status != "Converted" or doc.opportunity_from != "Customer" or not doc.party_name:
		return
	send_survey(doc.party_name, DEAL_WON, doc, doc.get("contact_person"), doc.get("contact_email"))


def after_closed_claim(doc, method: str | None = None) -> None:
	"""Issue on_change: a claim just resolved or closed gets its survey (once)."""
	if not is_claim(doc) or doc.status not in CLOSED_STATUSES or not doc.get("customer"):
		return
	raised_by = doc.get("raised_by")
	if raised_by and frappe.db.get_value("User", raised_by, "user_type") == "System User":
		raised_by = None  # registered by one of ours (ERPNext names the user who saved it): not the client
	send_survey(doc.customer, CLAIM_CLOSED, doc, doc.get("contact"), raised_by)


def send_survey(customer: str, reason: str, reference, contact: str | None, email: str | None) -> str | None:
	"""The survey of a deal or claim, made and e-mailed once; None where the client has nobody to ask."""
	if frappe.db.exists(SURVEY, {"reference_doctype": reference.doctype, "reference_name": reference.name}):
		return None
	contact = contact or frappe.db.get_value("Customer", customer, "customer_primary_contact")
	email = (frappe.db.get_value("Contact", contact, "email_id") if contact else None) or email
	if not email:
		return None
	survey = frappe.get_doc(
		{
			"doctype": SURVEY,
			"customer": customer,
			"sales_person": party_sales_person("Customer", customer),
			"reason": reason,
			"reference_doctype": reference.doctype,
			"reference_name": reference.name,
			"contact": contact,
			"email": email,
			"status": SENT,
			"sent_on": now_datetime(),
			"expires_on": expiry(getdate(today())),
		}
	).insert(ignore_permissions=True)
	if not frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
		# nothing to send it with: the rep sends the link himself (the survey's form copies it)
		frappe.msgprint(
			_("The site sends no e-mail: send the client the link of survey {0} yourself").format(
				frappe.bold(survey.name)
			),
			alert=True,
		)
		return survey.name
	company = frappe.db.get_single_value("Global Defaults", "default_company") or ""
	frappe.sendmail(
		recipients=[email],
		subject=_("{0}: how did we do?").format(company) if company else _("How did we do?"),
		message=_(
			"<p>Thank you for working with us. One question, one minute: {0}</p>"
			'<p><a href="{1}">Give your score</a></p><p>The link works once, for 30 days.</p>'
		).format(question(reason), survey_link(survey.name)),
		reference_doctype=SURVEY,
		reference_name=survey.name,
	)
	return survey.name


def question(reason: str) -> str:
	if reason == CLAIM_CLOSED:
		return _("How well did we handle your claim?")
	return _("How satisfied are you with our work on your order?")


def survey_link(survey: str) -> str:
	return get_url(f"/survey?{get_signed_params({'survey': survey})}")


def signed(survey: str, signature: str | None) -> bool:
	"""Whether the signature is the one the survey's link carries (Frappe's signing with the site's key)."""
	expected = get_signed_params(urlencode({"survey": survey})).rsplit("&_signature=", 1)[1]
	return bool(signature) and hmac.compare_digest(str(signature), expected)


def open_survey(survey: str, signature: str | None) -> frappe._dict:
	"""The survey behind a link, for the page; refused where the link is not the survey's own."""
	if not survey or not signed(survey, signature) or not frappe.db.exists(SURVEY, survey):
		raise SurveyLinkInvalid(_("This survey link is not valid"))
	doc = frappe.db.get_value(
		SURVEY, survey, ["name", "customer", "reason", "status", "expires_on", "score"], as_dict=True
	)
	doc.state = survey_state(doc.status, doc.expires_on, getdate(today()))
	doc.question = question(doc.reason)
	return doc


@frappe.whitelist(allow_guest=True, methods=["POST"])
def answer_survey(survey: str, signature: str, score, comment: str | None = None) -> str:
	"""The client's answer from the survey page: once, within the month, a score of 1 to 5."""
	opened = open_survey(survey, signature)
	if opened.state == ANSWERED:
		frappe.throw(_("This survey has been answered already: thank you"), exc=SurveyClosed)
	if opened.state == EXPIRED:
		frappe.throw(_("This survey has closed"), exc=SurveyClosed)
	try:
		score = checked_score(score)
	except ValueError:
		frappe.throw(_("Choose a score from 1 to 5"))
	doc = frappe.get_doc(SURVEY, survey)
	template = SURVEY_TEMPLATES[doc.reason]
	feedback = frappe.get_doc(
		{
			"doctype": "Quality Feedback",
			"template": template,
			"document_type": "Customer",
			"document_name": doc.customer,
			"parameters": [
				{
					"parameter": FEEDBACK_PARAMETERS[template],
					"rating": str(score),
					"feedback": (comment or "")[:1000],
				}
			],
		}
	).insert(ignore_permissions=True)
	doc.update(
		{
			"status": ANSWERED,
			"score": score,
			"comment": (comment or "")[:1000],
			"answered_on": now_datetime(),
			"quality_feedback": feedback.name,
		}
	)
	doc.flags.ignore_permissions = True
	doc.save()
	return ANSWERED


@frappe.whitelist()
def link_of(survey: str) -> str:
	"""The survey's link, for its rep to send himself where the site sends no e-mail (read permission)."""
	frappe.get_doc(SURVEY, survey).check_permission("read")
	return survey_link(survey)
