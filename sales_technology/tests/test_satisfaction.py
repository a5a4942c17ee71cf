"""The client's survey after a won deal and after a closed claim (seed 000, 4.3 and 4.4), end to end: the
e-mail with its signed link, the page behind it answered as a guest (once, within the month, a score of 1
to 5), the answer kept as ERPNext's Quality Feedback and read by the satisfaction and quality KPIs for the
client's rep; a rep with nothing rated reads "not measured", never 0; another group reads none of it."""

from __future__ import annotations

import email
from html import unescape
from urllib.parse import parse_qs, urlparse

import frappe
from frappe.desk.query_report import run
from frappe.utils import add_days, getdate, today

from sales_technology.core.claims import CLAIM_ISSUE_TYPE
from sales_technology.core.periods import PeriodType
from sales_technology.core.satisfaction import SurveyClosed
from sales_technology.kpi.engine import compute
from sales_technology.kpi.snapshots import take_snapshot
from sales_technology.satisfaction.surveys import SurveyLinkInvalid, answer_survey, link_of, open_survey
from sales_technology.shared.work_calendar import get_period
from sales_technology.tests.factories import (
	DepartmentTestCase,
	as_user,
	create_customer,
	create_deal,
	get_company,
)
from sales_technology.tests.test_team_plans import approved_month
from sales_technology.www import survey as survey_page


class TestClientSurveys(DepartmentTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		tag = frappe.generate_hash(length=6)
		cls.customer = create_customer(st_responsible_sales_person=cls.nodes.rep_a1).name
		cls.address = f"buyer-{tag}@example.com"
		contact = frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": f"ST Buyer {tag}",
				"email_ids": [{"email_id": cls.address, "is_primary": 1}],
				"links": [{"link_doctype": "Customer", "link_name": cls.customer}],
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("Customer", cls.customer, "customer_primary_contact", contact.name)
		if not frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
			account = frappe.get_doc(
				{
					"doctype": "Email Account",
					"email_account_name": f"ST Outgoing {tag}",
					"email_id": f"sales-{tag}@example.com",
					"enable_outgoing": 1,
					"default_outgoing": 1,
					"smtp_server": "smtp.example.com",
					"no_smtp_authentication": 1,
				}
			).insert(ignore_permissions=True)
			cls.addClassCleanup(frappe.delete_doc, "Email Account", account.name, force=True)

	def survey_of(self, doctype: str, name: str) -> frappe._dict:
		return frappe.db.get_value(
			"Client Survey",
			{"reference_doctype": doctype, "reference_name": name},
			["name", "reason", "status", "sales_person", "email", "customer"],
			as_dict=True,
		)

	def link_in_the_email(self, survey: str) -> tuple[str, str]:
		"""(survey, signature) from the link in the e-mail queued for the survey."""
		queued = frappe.get_last_doc("Email Queue", filters={"reference_name": survey})
		self.assertIn(self.address, [row.recipient for row in queued.recipients])
		message = email.message_from_string(queued.message)
		html = next(
			part.get_payload(decode=True).decode()
			for part in message.walk()
			if part.get_content_type() == "text/html"
		)
		href = unescape(html.split('href="', 1)[1].split('"', 1)[0])
		query = parse_qs(urlparse(href).query)
		self.assertEqual(urlparse(href).path, "/survey")
		return query["survey"][0], query["_signature"][0]

	@staticmethod
	def page_as_guest(survey: str, signature: str) -> frappe._dict:
		"""The /survey page's context for the link, as the client (a guest) opens it."""

		def page():
			frappe.local.form_dict = frappe._dict(survey=survey, _signature=signature)
			return survey_page.get_context(frappe._dict())

		try:
			return as_user("Guest", page)
		finally:
			frappe.local.form_dict = frappe._dict()

	def month_fact(self, kpi: str, node: str):
		month = get_period(get_company(), getdate(today()), PeriodType.MONTH)
		facts = compute([kpi], [node], month.start, month.end, "Month", get_company())[kpi]
		return facts.get((node, month.start, ""))

	def test_a_won_deal_asks_the_client_and_his_score_is_the_reps_satisfaction(self):
		deal = create_deal(self.users.rep_a1, self.customer).name
		self.assertIsNone(self.survey_of("Opportunity", deal))
		# ERPNext marks the deal won when the order is made (the back office's step)
		frappe.get_doc("Opportunity", deal).set_status(update=True, status="Converted")
		survey = self.survey_of("Opportunity", deal)
		self.assertEqual(
			(survey.reason, survey.status, survey.sales_person, survey.email),
			("Deal Won", "Sent", self.nodes.rep_a1, self.address),
		)
		name, signature = self.link_in_the_email(survey.name)
		self.assertEqual(name, survey.name)

		# the page behind the link, as the client (a guest) opens it
		context = self.page_as_guest(name, signature)
		self.assertEqual((context.survey.name, context.survey.state), (name, "Sent"))
		self.assertIsNone(self.page_as_guest(name, signature[:-4] + "0000").survey)
		with self.assertRaises(SurveyLinkInvalid):
			as_user("Guest", answer_survey, name, "f" * 128, 5)

		# a score outside 1 to 5 is refused; 4 is kept, once
		with self.assertRaises(frappe.ValidationError):
			as_user("Guest", answer_survey, name, signature, 7)
		self.assertEqual(
			as_user("Guest", answer_survey, name, signature, "4", "On time, well done"), "Answered"
		)
		with self.assertRaises(SurveyClosed):
			as_user("Guest", answer_survey, name, signature, 1)
		answered = frappe.get_doc("Client Survey", name)
		feedback = frappe.get_doc("Quality Feedback", answered.quality_feedback)
		self.assertEqual(
			(answered.score, feedback.template, feedback.document_name, feedback.parameters[0].rating),
			(4, "Satisfaction", self.customer, "4"),
		)
		# the satisfaction KPI of the rep and his group: 4 of 5, 80 %
		self.assertEqual(self.month_fact("SATISFACTION_LEVEL", self.nodes.rep_a1), 80)
		self.assertEqual(self.month_fact("SATISFACTION_LEVEL", self.nodes.group_a), 80)
		# one survey per deal, however often it changes
		frappe.get_doc("Opportunity", deal).set_status(update=True, status="Converted")
		self.assertEqual(
			frappe.db.count("Client Survey", {"reference_doctype": "Opportunity", "reference_name": deal}), 1
		)

	def test_a_closed_claim_asks_how_it_was_handled_and_a_month_later_it_has_closed(self):
		claim = as_user(
			self.users.rep_a1,
			lambda: frappe.get_doc(
				{
					"doctype": "Issue",
					"subject": "ST survey claim",
					"issue_type": CLAIM_ISSUE_TYPE,
					"customer": self.customer,
				}
			).insert(),
		)
		self.assertIsNone(self.survey_of("Issue", claim.name))
		claim.status = "Resolved"
		as_user(self.users.rep_a1, claim.save)
		survey = self.survey_of("Issue", claim.name)
		self.assertEqual((survey.reason, survey.email), ("Claim Closed", self.address))
		name, signature = self.link_in_the_email(survey.name)
		as_user("Guest", answer_survey, name, signature, 2)
		self.assertEqual(self.month_fact("QUALITY_LEVEL", self.nodes.rep_a1), 40)

		# a survey not answered within its month has closed
		late = frappe.get_doc(
			{
				"doctype": "Client Survey",
				"customer": self.customer,
				"reason": "Claim Closed",
				"status": "Sent",
				"expires_on": add_days(today(), -1),
			}
		).insert(ignore_permissions=True)
		_late, late_signature = self.link_in_the_email_of(late.name)
		self.assertEqual(open_survey(late.name, late_signature).state, "Expired")
		with self.assertRaises(SurveyClosed):
			as_user("Guest", answer_survey, late.name, late_signature, 5)

	@staticmethod
	def link_in_the_email_of(survey: str) -> tuple[str, str]:
		from frappe.utils.verified_command import get_signed_params

		return survey, get_signed_params({"survey": survey}).rsplit("&_signature=", 1)[1]

	def test_a_rep_with_nothing_rated_reads_not_measured_never_0(self):
		month = get_period(get_company(), getdate(today()), PeriodType.MONTH)
		approved_month(self.nodes.rep_a2, get_company(), month, {"SATISFACTION_LEVEL": 80, "TURNOVER": 1000})
		result = as_user(
			self.users.lead_a,
			run,
			"Plan Fulfilment",
			filters={
				"company": get_company(),
				"period_type": "Month",
				"date": today(),
				"sales_person": self.nodes.group_a,
			},
		)
		rows = {
			row["kpi"]: row
			for row in result["result"]
			if isinstance(row, dict) and row.get("parent_row") == f"node::{self.nodes.rep_a2}"
		}
		satisfaction, turnover = rows["SATISFACTION_LEVEL"], rows["TURNOVER"]
		self.assertEqual((satisfaction["fact"], satisfaction["not_measured"]), (None, 1))
		self.assertIn("Not measured", satisfaction["status"])
		self.assertIsNone(satisfaction.get("fulfilment"))
		# a sum with nothing in it is 0, and measured
		self.assertEqual((turnover["fact"], turnover["not_measured"]), (0, 0))
		# the month's snapshot keeps it apart from 0 too
		as_user(self.users.head, take_snapshot, get_company(), "Month", today())
		kept = frappe.db.get_value(
			"KPI Snapshot",
			{"sales_person": self.nodes.rep_a2, "kpi": "SATISFACTION_LEVEL", "period_start": month.start},
			["fact", "not_measured"],
		)
		self.assertEqual(kept, (0, 1))

	def test_without_outgoing_email_the_rep_copies_the_link_himself(self):
		frappe.db.set_value("Email Account", {"default_outgoing": 1}, "enable_outgoing", 0)
		self.addCleanup(frappe.db.set_value, "Email Account", {"default_outgoing": 1}, "enable_outgoing", 1)
		deal = create_deal(self.users.rep_a1, self.customer).name
		frappe.get_doc("Opportunity", deal).set_status(update=True, status="Converted")
		survey = self.survey_of("Opportunity", deal).name
		self.assertFalse(frappe.db.exists("Email Queue", {"reference_name": survey}))
		link = as_user(self.users.rep_a1, link_of, survey)
		name, signature = self.link_in_the_email_of(survey)
		self.assertIn(f"survey={name}", link)
		self.assertIn(signature, link)
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.rep_b1, link_of, survey)

	def test_another_groups_rep_and_lead_read_no_survey_of_the_line(self):
		deal = create_deal(self.users.rep_a1, self.customer).name
		frappe.get_doc("Opportunity", deal).set_status(update=True, status="Converted")
		survey = self.survey_of("Opportunity", deal).name
		self.assertEqual(
			as_user(self.users.rep_a1, frappe.client.get, "Client Survey", survey)["name"], survey
		)
		self.assertEqual(
			as_user(self.users.lead_a, frappe.client.get, "Client Survey", survey)["name"], survey
		)
		for outsider in ("rep_b1", "lead_b"):
			with self.assertRaises(frappe.PermissionError):
				as_user(self.users[outsider], frappe.client.get, "Client Survey", survey)
			self.assertNotIn(
				survey, as_user(self.users[outsider], frappe.get_list, "Client Survey", pluck="name")
			)
			with self.assertRaises(frappe.PermissionError):
				as_user(self.users[outsider], frappe.client.set_value, "Client Survey", survey, "score", 5)
			with self.assertRaises(frappe.PermissionError):
				as_user(self.users[outsider], frappe.delete_doc, "Client Survey", survey)
		# nobody in sales writes the client's answer for him, the rep least of all
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.rep_a1, frappe.client.set_value, "Client Survey", survey, "score", 5)
		self.assertEqual(frappe.db.get_value("Client Survey", survey, ["score", "status"]), (0, "Sent"))
