"""The shared floor as its users meet it: one user ↔ Sales Person rule for the engine, the scope and the
approvals; one access registry that guards sharing and judges a write on the stored record too."""

from datetime import date

import frappe
from frappe.model.workflow import apply_workflow

from sales_technology.core.access_rules import TREE_RULES
from sales_technology.core.errors import SalesTechnologyError
from sales_technology.kpi.engine import compute
from sales_technology.plans.approval import approval_refusal
from sales_technology.shared.access import ShareRefused, get_scope
from sales_technology.shared.org_structure import get_sales_person, users_by_sales_person
from sales_technology.strategies.cadences import start_cadence
from sales_technology.tests.factories import (
	DepartmentTestCase,
	as_user,
	create_activity,
	create_employee,
	create_sales_plan,
	create_user,
	set_working_days,
)

WEDNESDAY = date(2026, 11, 18)


def lead_of(suffix: str, sales_person: str) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Lead",
				"first_name": "Olga",
				"last_name": suffix,
				"company_name": f"ST Registry Co {suffix}",
				"st_responsible_sales_person": sales_person,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def done_call(sales_person: str, lead: str) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Sales Activity",
				"activity_type": "Establish contact",
				"subject": "Call",
				"status": "Done",
				"sales_person": sales_person,
				"party_type": "Lead",
				"party": lead,
				"planned_on": f"{WEDNESDAY} 11:00:00",
				"done_at": f"{WEDNESDAY} 11:00:00",
			}
		)
		.insert()
		.name
	)


class TestAccessRegistry(DepartmentTestCase):
	@classmethod
	def setUpClass(cls):
		previous = frappe.db.get_single_value("Sales Technology Settings", "working_day_source")
		set_working_days("Monday to Friday")
		cls.addClassCleanup(set_working_days, previous)
		super().setUpClass()

	def test_the_employee_path_user_is_mapped_alike_by_the_engine_the_scope_and_approval(self):
		"""Group A's node has the lead's User field and an Employee whose User ID is another lead: the User
		field wins everywhere, so the other user gets neither the node's scope, nor its approvals, nor its
		facts, and the lead gets all three."""
		suffix = frappe.generate_hash(length=6)
		stranger = create_user(f"st-employee-path-{suffix}@example.com", profile="Sales Group Lead")
		frappe.db.set_value("Sales Person", self.nodes.group_a, "employee", create_employee(stranger))
		frappe.clear_cache()

		self.assertIsNone(get_sales_person(stranger))
		self.assertEqual(get_sales_person(self.users.lead_a), self.nodes.group_a)
		mapping = users_by_sales_person()
		self.assertEqual(mapping[self.nodes.group_a], self.users.lead_a)
		self.assertNotIn(stranger, mapping.values())
		self.assertEqual(get_scope(stranger).manageable, set())
		self.assertIn(self.nodes.rep_a1, get_scope(self.users.lead_a).manageable)

		# the engine credits group A's facts to the node the lead works as, nobody's to the stranger
		as_user(self.users.lead_a, done_call, self.nodes.rep_a1, lead_of(suffix, self.nodes.rep_a1))
		facts = compute(["COLD_CALLS"], [self.nodes.group_a], WEDNESDAY, WEDNESDAY, "Day")["COLD_CALLS"]
		self.assertEqual(sum(facts.values()), 1)

		# approval (the rule the form's action menu and the workflow ask): a rep's week under group A is
		# the lead's to approve, not the stranger's
		week = frappe._dict(doctype="Sales Plan", period_type="Week", sales_person=self.nodes.rep_a1)
		self.assertIsInstance(approval_refusal(week, stranger), SalesTechnologyError)
		self.assertIsNone(approval_refusal(week, self.users.lead_a))

	def test_a_cadence_run_and_an_incoming_request_are_not_shared_outside_their_line(self):
		suffix = frappe.generate_hash(length=6)
		run = as_user(
			self.users.rep_a1, start_cadence, "Intercept", "Lead", lead_of(suffix, self.nodes.rep_a1)
		)
		request = frappe.get_doc(
			{
				"doctype": "Incoming Request",
				"full_name": f"Guest {suffix}",
				"email": f"guest-{suffix}@example.com",
				"consent": 1,
			}
		)
		request.flags.ignore_permissions = True
		request.insert()
		frappe.db.set_value("Incoming Request", request.name, "sales_person", self.nodes.rep_a1)

		for doctype, name, sharer in (
			("Sales Cadence Run", run, self.users.lead_a),
			("Incoming Request", request.name, "Administrator"),
		):
			for outsider in (self.users.rep_b1, self.users.lead_b):
				with self.assertRaises(ShareRefused, msg=f"{doctype} shared with {outsider}"):
					as_user(sharer, frappe.share.add, doctype, name, outsider, read=1)
				self.assertFalse(
					frappe.db.exists(
						"DocShare", {"share_doctype": doctype, "share_name": name, "user": outsider}
					)
				)
				self.assertFalse(as_user(outsider, frappe.has_permission, doctype, "read", name))
		# a colleague of the same group does not read A1's work either; the head above does
		with self.assertRaises(ShareRefused):
			as_user(self.users.lead_a, frappe.share.add, "Sales Cadence Run", run, self.users.rep_a2, read=1)
		as_user(self.users.lead_a, frappe.share.add, "Sales Cadence Run", run, self.users.head, write=1)
		self.assertTrue(
			frappe.db.exists(
				"DocShare", {"share_doctype": "Sales Cadence Run", "share_name": run, "user": self.users.head}
			)
		)

	def test_a_rep_of_another_group_cannot_take_over_an_activity_by_rewriting_its_sales_person(self):
		"""REST's PUT applies the new values and then asks for write permission: the stored record counts."""
		planned = create_activity(
			self.users.rep_a1,
			self.nodes.rep_a1,
			subject="Call the buyer",
			planned_on=f"{WEDNESDAY} 10:00:00",
			notes="A1's notes",
		).name

		def take_over(node):
			doc = frappe.get_doc("Sales Activity", planned)
			doc.update({"sales_person": node, "notes": "taken"})
			doc.save()

		for user, node in ((self.users.rep_b1, self.nodes.rep_b1), (self.users.lead_b, self.nodes.group_b)):
			with self.assertRaises(frappe.PermissionError, msg=user):
				as_user(user, take_over, node)
			stored = frappe.db.get_value("Sales Activity", planned, ["sales_person", "notes"], as_dict=True)
			self.assertEqual((stored.sales_person, stored.notes), (self.nodes.rep_a1, "A1's notes"))
			with self.assertRaises(frappe.PermissionError):
				as_user(user, frappe.delete_doc, "Sales Activity", planned)
			self.assertTrue(frappe.db.exists("Sales Activity", planned))
		# his own lead may move it within the group
		as_user(self.users.lead_a, take_over, self.nodes.rep_a2)
		self.assertEqual(frappe.db.get_value("Sales Activity", planned, "sales_person"), self.nodes.rep_a2)

	def test_a_lead_of_another_group_cannot_take_a_draft_plan_into_his_line(self):
		plan = as_user(
			self.users.head, create_sales_plan, self.nodes.group_a, "Year", date(2082, 1, 1), {"TURNOVER": 5}
		)

		def take(node):
			doc = frappe.get_doc("Sales Plan", plan.name)
			doc.sales_person = node
			doc.save()

		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.lead_b, take, self.nodes.group_b)
		self.assertEqual(frappe.db.get_value("Sales Plan", plan.name, "sales_person"), self.nodes.group_a)

	def test_the_scope_follows_the_user_and_the_tree_within_one_request(self):
		"""The scope is cached per request and per user: switching users never shows another's scope, and
		moving a rep to another group changes it at once."""
		lead_a_scope = get_scope(self.users.lead_a).manageable
		lead_b_scope = get_scope(self.users.lead_b).manageable
		self.assertIn(self.nodes.rep_a1, lead_a_scope)
		self.assertNotIn(self.nodes.rep_a1, lead_b_scope)
		rep = frappe.get_doc("Sales Person", self.nodes.rep_a2)
		rep.parent_sales_person = self.nodes.group_b
		rep.save()
		self.addCleanup(self.move_back)
		self.assertIn(self.nodes.rep_a2, get_scope(self.users.lead_b).manageable)
		self.assertNotIn(self.nodes.rep_a2, get_scope(self.users.lead_a).manageable)

	def move_back(self):
		rep = frappe.get_doc("Sales Person", self.nodes.rep_a2)
		rep.parent_sales_person = self.nodes.group_a
		rep.save()

	def test_every_rule_of_the_registry_is_a_hook(self):
		hooks = frappe.get_hooks("has_permission")
		for doctype in TREE_RULES:
			self.assertEqual(hooks[doctype], ["sales_technology.shared.access.has_permission"], doctype)
