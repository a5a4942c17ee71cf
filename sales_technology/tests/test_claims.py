"""Clients' claims (seed 000, 2.15) as ERPNext Issues of the type Claim, tried as the people who handle
them: the category's Service Level Agreement gives ERPNext the deadlines (counted here by hand on the
company's working hours, Monday to Friday 09:00–18:00), the first step taken answers the client, the
Claims report counts deadlines kept and missed per rep and category, an overdue claim goes to the lead
and later to the head, and another group's rep and lead can neither read, take, close nor delete it."""

from __future__ import annotations

from datetime import date, datetime

import frappe
from frappe.desk.query_report import run
from frappe.utils import get_datetime

from sales_technology.claims.claim import AcceptanceBeforeResolution
from sales_technology.claims.escalation import escalate_overdue_claims
from sales_technology.claims.service_levels import retire_service_level
from sales_technology.core.claims import CLAIM_ISSUE_TYPE
from sales_technology.shared.access import NodeAccessError
from sales_technology.tests.factories import DepartmentTestCase, as_user, create_customer, get_company

MONDAY = datetime(2026, 11, 30, 10, 0)
# each test its own week, so that one test's claims are not counted in another's
REPORT_MONDAY = datetime(2026, 11, 16, 10, 0)
ESCALATION_MONDAY = datetime(2026, 11, 23, 10, 0)


class TestClaims(DepartmentTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		company = get_company()
		before = frappe.db.get_value("Company", company, "default_holiday_list")
		tag = frappe.generate_hash(length=6)
		holidays = frappe.get_doc(
			{
				"doctype": "Holiday List",
				"holiday_list_name": f"ST Claims {tag}",
				"from_date": date(2026, 1, 1),
				"to_date": date(2027, 12, 31),
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("Company", company, "default_holiday_list", holidays.name)
		cls.addClassCleanup(frappe.db.set_value, "Company", company, "default_holiday_list", before)
		cls.quality = cls.category(f"ST Quality {tag}", 4, 16)
		cls.delivery = cls.category(f"ST Delivery {tag}", 4, 8)
		cls.clients = {}
		for key in ("rep_a1", "rep_a2", "rep_b1"):
			cls.clients[key] = create_customer(st_responsible_sales_person=cls.nodes[key]).name

	@staticmethod
	def category(name: str, response: float, resolution: float) -> str:
		return (
			frappe.get_doc(
				{
					"doctype": "Claim Category",
					"category_name": name,
					"response_hours": response,
					"resolution_hours": resolution,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)

	def register(self, user: str, client_of: str, category: str, at: datetime, **values) -> str:
		"""A claim registered by the user at the moment, as the Issue form saves it."""
		with self.freeze_time(at):
			return as_user(
				user,
				lambda: (
					frappe.get_doc(
						{
							"doctype": "Issue",
							"subject": f"ST claim {frappe.generate_hash(length=6)}",
							"issue_type": CLAIM_ISSUE_TYPE,
							"customer": self.clients[client_of],
							"st_claim_category": category,
							"opening_date": at.date(),
							**values,
						}
					)
					.insert()
					.name
				),
			)

	def act(self, user: str, claim: str, at: datetime, step: str | None = None, **values) -> None:
		with self.freeze_time(at):

			def change():
				doc = frappe.get_doc("Issue", claim)
				if step:
					doc.append("st_claim_steps", {"step": step, "taken_on": at})
				doc.update(values)
				doc.save()

			as_user(user, change)

	def test_the_categorys_agreement_gives_the_deadlines_and_the_first_step_answers(self):
		agreement = frappe.db.get_value("Claim Category", self.quality, "service_level_agreement")
		self.assertTrue(agreement)
		claim = self.register(self.users.rep_a1, "rep_a1", self.quality, MONDAY)
		doc = frappe.get_doc("Issue", claim)
		# 4 working hours from Monday 10:00; 16: Monday's 8 to 18:00, Tuesday's 8 to 17:00
		self.assertEqual(doc.service_level_agreement, agreement)
		self.assertEqual(get_datetime(doc.response_by), datetime(2026, 11, 30, 14, 0))
		self.assertEqual(get_datetime(doc.sla_resolution_by), datetime(2026, 12, 1, 17, 0))
		self.assertEqual(doc.st_responsible_sales_person, self.nodes.rep_a1)
		self.act(self.users.rep_a1, claim, datetime(2026, 11, 30, 11, 30), step="Called the client")
		doc.reload()
		self.assertEqual(get_datetime(doc.first_responded_on), datetime(2026, 11, 30, 11, 30))
		self.assertEqual(doc.st_claim_steps[0].taken_by, self.users.rep_a1)
		# the client accepts a resolution, not an open claim
		with self.assertRaises(AcceptanceBeforeResolution):
			self.act(self.users.rep_a1, claim, datetime(2026, 11, 30, 12, 0), st_client_accepted=1)
		self.act(self.users.rep_a1, claim, datetime(2026, 12, 1, 16, 0), status="Resolved")
		self.act(self.users.rep_a1, claim, datetime(2026, 12, 2, 9, 0), st_client_accepted=1)
		doc.reload()
		self.assertEqual(get_datetime(doc.sla_resolution_date), datetime(2026, 12, 1, 16, 0))
		self.assertEqual(str(doc.st_client_accepted_on), "2026-12-02")

	def test_the_claims_report_counts_deadlines_kept_and_missed_per_rep_and_category(self):
		# A1: one kept both deadlines and was accepted; one answered at 15:00 (past 14:00) and resolved on
		# Wednesday (past Tuesday 17:00); A2: a delivery claim nobody answered (8 hours: Monday 18:00)
		kept = self.register(self.users.rep_a1, "rep_a1", self.quality, REPORT_MONDAY)
		self.act(self.users.rep_a1, kept, datetime(2026, 11, 16, 12, 0), step="Called")
		self.act(self.users.rep_a1, kept, datetime(2026, 11, 17, 16, 0), status="Resolved")
		self.act(self.users.rep_a1, kept, datetime(2026, 11, 17, 17, 0), st_client_accepted=1)
		late = self.register(self.users.lead_a, "rep_a1", self.quality, REPORT_MONDAY)
		self.act(self.users.rep_a1, late, datetime(2026, 11, 16, 15, 0), step="Called")
		self.act(self.users.rep_a1, late, datetime(2026, 11, 18, 10, 0), status="Resolved")
		silent = self.register(self.users.rep_a2, "rep_a2", self.delivery, REPORT_MONDAY)
		self.register(self.users.rep_b1, "rep_b1", self.quality, REPORT_MONDAY)

		filters = {"from_date": "2026-11-16", "to_date": "2026-11-22", "sales_person": self.nodes.group_a}
		with self.freeze_time(datetime(2026, 11, 18, 12, 0)):
			result = as_user(self.users.lead_a, run, "Claims", filters=filters)
		rows = [frappe._dict(row) for row in result["result"] if isinstance(row, dict)]
		reps = {row.sales_person: row for row in rows if row.get("bold")}
		self.assertEqual(set(reps), {self.nodes.rep_a1, self.nodes.rep_a2})
		a1 = reps[self.nodes.rep_a1]
		self.assertEqual(
			(
				a1.claims,
				a1.open,
				a1.response_kept,
				a1.response_missed,
				a1.resolution_kept,
				a1.resolution_missed,
				a1.accepted,
				a1.kept_share,
			),
			(2, 0, 1, 1, 1, 1, 1, 50.0),
		)
		a2 = next(row for row in rows if row.get("claim_category") == self.delivery)
		self.assertEqual(
			(a2.sales_person, a2.claims, a2.open, a2.overdue_now, a2.response_missed, a2.resolution_missed),
			(self.nodes.rep_a2, 1, 1, 1, 1, 1),
		)
		figures = {figure["label"]: figure["value"] for figure in result["report_summary"]}
		self.assertEqual((figures["Claims"], figures["Past a Deadline Now"]), (3, 1))
		self.assertTrue(frappe.db.exists("Issue", silent))
		# the rep reads his own; another group's lead is refused group A
		with self.freeze_time(datetime(2026, 11, 18, 12, 0)):
			mine = as_user(self.users.rep_a1, run, "Claims", filters={**filters, "sales_person": None})
			self.assertEqual(
				{row["sales_person"] for row in mine["result"] if isinstance(row, dict)}, {self.nodes.rep_a1}
			)
			with self.assertRaises(NodeAccessError):
				as_user(self.users.lead_b, run, "Claims", filters=filters)

	def test_an_overdue_claim_goes_to_the_lead_then_the_head(self):
		claim = self.register(self.users.rep_a2, "rep_a2", self.delivery, ESCALATION_MONDAY)
		# not answered by 14:00: at 15:00 the lead hears of it
		self.assertEqual(escalate_overdue_claims(datetime(2026, 11, 23, 13, 0)), [])
		self.assertIn((claim, "Lead"), escalate_overdue_claims(datetime(2026, 11, 23, 15, 0)))
		self.assertEqual(frappe.db.get_value("Issue", claim, "st_escalated_to"), "Lead")
		self.assertTrue(self.told(self.users.lead_a, claim))
		self.assertFalse(self.told(self.users.head, claim))
		self.assertNotIn(
			claim, [name for name, _level in escalate_overdue_claims(datetime(2026, 11, 24, 9, 0))]
		)
		# still open 24 hours after the missed response: the head
		self.assertIn((claim, "Head"), escalate_overdue_claims(datetime(2026, 11, 24, 14, 0)))
		self.assertTrue(self.told(self.users.head, claim))
		self.assertFalse(self.told(self.users.lead_b, claim))
		# a claim first seen a day and more past its deadline goes to the head, told to the lead on its way
		late = self.register(self.users.rep_a1, "rep_a1", self.delivery, ESCALATION_MONDAY)
		frappe.db.set_value("Issue", late, "st_escalated_to", "")
		self.assertIn((late, "Head"), escalate_overdue_claims(datetime(2026, 11, 26, 9, 0)))
		self.assertTrue(self.told(self.users.lead_a, late))
		self.assertTrue(self.told(self.users.head, late))
		# resolved claims stay where they are
		resolved = self.register(self.users.rep_a1, "rep_a1", self.delivery, ESCALATION_MONDAY)
		self.act(self.users.rep_a1, resolved, datetime(2026, 11, 23, 11, 0), status="Resolved")
		self.assertNotIn(
			resolved, [name for name, _level in escalate_overdue_claims(datetime(2026, 11, 26, 9, 0))]
		)

	def test_uninstalling_leaves_erpnext_its_claims_deadlines_and_no_rule_on_the_apps_fields(self):
		used = self.category(f"ST Used {frappe.generate_hash(length=6)}", 4, 8)
		unused = self.category(f"ST Unused {frappe.generate_hash(length=6)}", 4, 8)
		self.register(self.users.rep_a1, "rep_a1", used, MONDAY)
		agreements = {
			name: frappe.db.get_value("Claim Category", name, "service_level_agreement")
			for name in (used, unused)
		}
		for name in (used, unused):
			retire_service_level(frappe.get_doc("Claim Category", name))
		self.assertFalse(frappe.db.exists("Service Level Agreement", agreements[unused]))
		self.assertEqual(
			frappe.db.get_value("Service Level Agreement", agreements[used], ["enabled", "condition"]),
			(0, "doc.issue_type == 'Claim'"),
		)

	def told(self, user: str, claim: str) -> bool:
		return bool(
			frappe.db.exists(
				"Notification Log", {"for_user": user, "document_type": "Issue", "document_name": claim}
			)
		)

	def test_another_groups_rep_and_lead_neither_read_take_close_nor_delete_a_claim(self):
		claim = self.register(self.users.rep_a1, "rep_a1", self.quality, MONDAY)
		stored = frappe.get_doc("Issue", claim).as_dict()
		for outsider in ("rep_b1", "lead_b"):
			user = self.users[outsider]
			with self.subTest(user=outsider, action="read"):
				with self.assertRaises(frappe.PermissionError):
					as_user(user, frappe.client.get, "Issue", claim)
				self.assertNotIn(claim, as_user(user, frappe.get_list, "Issue", pluck="name"))
			for action, values in (
				("take", {"st_responsible_sales_person": self.nodes[outsider.replace("lead_b", "group_b")]}),
				("close", {"status": "Closed"}),
			):
				with self.subTest(user=outsider, action=action):
					with self.assertRaises(frappe.PermissionError):
						as_user(user, frappe.client.set_value, "Issue", claim, values)
			with self.subTest(user=outsider, action="delete"):
				with self.assertRaises(frappe.PermissionError):
					as_user(user, frappe.delete_doc, "Issue", claim)
		after = frappe.get_doc("Issue", claim)
		self.assertEqual(
			(after.st_responsible_sales_person, after.status, after.modified),
			(stored.st_responsible_sales_person, stored.status, stored.modified),
		)
		# his lead reads and reassigns it within the group; the rep cannot give it away to group B
		self.assertEqual(as_user(self.users.lead_a, frappe.client.get, "Issue", claim)["name"], claim)
		as_user(
			self.users.lead_a,
			frappe.client.set_value,
			"Issue",
			claim,
			"st_responsible_sales_person",
			self.nodes.rep_a2,
		)
		self.assertEqual(
			frappe.db.get_value("Issue", claim, "st_responsible_sales_person"), self.nodes.rep_a2
		)
		with self.assertRaises(frappe.PermissionError):
			as_user(
				self.users.rep_a2,
				frappe.client.set_value,
				"Issue",
				claim,
				"st_responsible_sales_person",
				self.nodes.rep_b1,
			)
		# the director and the analyst read it, and only the head changes the categories
		for reader in ("director", "analyst"):
			self.assertEqual(as_user(self.users[reader], frappe.client.get, "Issue", claim)["name"], claim)
		service = self.category(f"ST Service {frappe.generate_hash(length=6)}", 4, 40)
		with self.assertRaises(frappe.PermissionError):
			as_user(
				self.users.lead_a, frappe.client.set_value, "Claim Category", service, "response_hours", 9
			)
		as_user(self.users.head, frappe.client.set_value, "Claim Category", service, "response_hours", 5)
		agreement = frappe.db.get_value("Claim Category", service, "service_level_agreement")
		self.assertEqual(
			frappe.db.get_value("Service Level Priority", {"parent": agreement}, "response_time"), 5 * 3600
		)
