"""The library of standards, as the head who writes one, the reps who read and confirm it and their
leads who follow it: a new version asks again, a standard of another group is not theirs to confirm, and
the standard a stage needs opens from the deal."""

import frappe

from sales_technology.core.standards import CONFIRMED, NOT_CONFIRMED, OLDER_VERSION, STANDARD_LIBRARY
from sales_technology.deals.playbooks import get_stage_playbook, playbook_of
from sales_technology.people.standards import (
	StandardNotForYou,
	confirm_read,
	my_reading,
	standards_not_confirmed,
)
from sales_technology.sales_technology.report.standards_read.standards_read import execute as standards_read
from sales_technology.shared.access import NodeAccessError
from sales_technology.tests.factories import DepartmentTestCase, as_user, create_customer, create_deal


class TestSalesStandards(DepartmentTestCase):
	def setUp(self):
		super().setUp()
		frappe.db.savepoint("st_standards")
		self.addCleanup(frappe.db.rollback, save_point="st_standards")
		# only this test's standards ask anybody to read them
		frappe.db.set_value("Sales Standard", {"enabled": 1}, "enabled", 0)

	def write_standard(
		self, title: str, applies_to: list[str], content: str = "<p>Call the decision maker</p>"
	):
		def write():
			return frappe.get_doc(
				{
					"doctype": "Sales Standard",
					"standard_name": title,
					"kind": "Technology",
					"process_step": "2.5 establish contact",
					"content": content,
					"applies_to": [{"sales_person": node} for node in applies_to],
				}
			).insert()

		return as_user(self.users.head, write)

	def test_the_library_holds_the_seeds_titles_which_ask_nobody_until_written(self):
		titles = set(frappe.get_all("Sales Standard", pluck="name"))
		self.assertLessEqual({entry.title for entry in STANDARD_LIBRARY}, titles)
		first_call = frappe.get_doc("Sales Standard", "The first call")
		self.assertFalse(first_call.content or first_call.document)
		frappe.db.set_value("Sales Standard", "The first call", "enabled", 1)
		with self.assertRaises(StandardNotForYou):
			as_user(self.users.rep_a1, confirm_read, "The first call")
		self.assertFalse(as_user(self.users.rep_a1, my_reading, "The first call")["asks"])
		# who is no Sales Person (the director, the analyst) opens a standard without being asked to confirm
		for user in (self.users.director, self.users.analyst):
			self.assertFalse(as_user(user, my_reading, "The first call")["asks"])

	def test_a_new_version_is_confirmed_by_some_reps_and_listed_unread_for_the_rest(self):
		title = f"ST First Call {frappe.generate_hash(length=6)}"
		standard = self.write_standard(title, [self.nodes.group_a])
		self.assertEqual(standard.version, 1)
		# the reps it applies to are asked, once; another group's rep is not
		asked = frappe.get_all(
			"Notification Log",
			filters={"document_type": "Sales Standard", "document_name": title},
			pluck="for_user",
		)
		self.assertEqual(sorted(asked), sorted([self.users.rep_a1, self.users.rep_a2]))

		as_user(self.users.rep_a1, confirm_read, title)
		as_user(self.users.rep_a1, confirm_read, title)  # a second click confirms nothing more
		self.assertEqual(frappe.db.count("Standard Confirmation", {"standard": title}), 1)
		with self.assertRaises(StandardNotForYou):
			as_user(self.users.rep_b1, confirm_read, title)
		# a rep reads the standard but does not change it
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.rep_a1, lambda: frappe.get_doc("Sales Standard", title).save())

		# the head revises it: what changed is said, and it is version 2, asked again
		def revise(note):
			doc = frappe.get_doc("Sales Standard", title)
			doc.content = "<p>Call the decision maker; name the reason in the first sentence</p>"
			doc.version_note = note
			return doc.save()

		with self.assertRaises(frappe.ValidationError):
			as_user(self.users.head, revise, "")
		self.assertEqual(as_user(self.users.head, revise, "The reason first").version, 2)
		self.assertEqual(as_user(self.users.rep_a1, my_reading, title)["status"], OLDER_VERSION)
		as_user(self.users.rep_a2, confirm_read, title)
		self.assertEqual(as_user(self.users.rep_a2, my_reading, title)["status"], CONFIRMED)

		def statuses(user, **filters):
			rows = as_user(user, standards_read, {"standard": title, **filters})[1]
			return {row["sales_person"]: row["status_key"] for row in rows}

		self.assertEqual(
			statuses(self.users.lead_a), {self.nodes.rep_a1: OLDER_VERSION, self.nodes.rep_a2: CONFIRMED}
		)
		self.assertEqual(statuses(self.users.head), statuses(self.users.lead_a))
		self.assertEqual(
			statuses(self.users.lead_a, not_confirmed_only=1), {self.nodes.rep_a1: OLDER_VERSION}
		)
		self.assertEqual(statuses(self.users.rep_a1), {self.nodes.rep_a1: OLDER_VERSION})
		self.assertEqual(statuses(self.users.lead_b), {})
		with self.assertRaises(NodeAccessError):
			as_user(self.users.lead_b, standards_read, {"sales_person": self.nodes.group_a})
		# the leads' cards: group A has one rep behind, group B none
		self.assertEqual(as_user(self.users.lead_a, standards_not_confirmed)["value"], 1)
		self.assertEqual(as_user(self.users.lead_b, standards_not_confirmed)["value"], 0)
		self.assertEqual(as_user(self.users.head, standards_not_confirmed)["value"], 1)

		# a standard for the whole department asks group B too
		everyone = self.write_standard(
			f"ST Objections {frappe.generate_hash(length=6)}", [self.nodes.department]
		)
		rows = as_user(self.users.head, standards_read, {"standard": everyone.name})[1]
		self.assertEqual(
			{row["sales_person"]: row["status_key"] for row in rows},
			{node: NOT_CONFIRMED for node in (self.nodes.rep_a1, self.nodes.rep_a2, self.nodes.rep_b1)},
		)
		self.assertEqual(as_user(self.users.lead_b, standards_not_confirmed)["value"], 1)

		# the confirmations are the rep's own: his colleague and another group do not read them
		mine = frappe.get_all(
			"Standard Confirmation", filters={"sales_person": self.nodes.rep_a1}, pluck="name"
		)
		for user in (self.users.rep_a2, self.users.rep_b1, self.users.lead_b):
			visible = as_user(user, frappe.get_list, "Standard Confirmation", pluck="name")
			self.assertFalse(set(mine) & set(visible), user)
		self.assertLessEqual(
			set(mine), set(as_user(self.users.lead_a, frappe.get_list, "Standard Confirmation", pluck="name"))
		)

	def test_the_standard_a_stage_needs_opens_from_the_deal(self):
		title = f"ST Needs Meeting {frappe.generate_hash(length=6)}"
		self.write_standard(title, [])
		customer = create_customer(st_responsible_sales_person=self.nodes.rep_a1).name
		deal = create_deal(self.users.rep_a1, customer)
		funnel, stage = deal.st_sales_funnel, deal.sales_stage
		playbook = playbook_of(funnel, stage)
		self.assertTrue(playbook, "a deal opens on a stage with the seed's playbook")
		frappe.db.set_value("Sales Stage Playbook", playbook, "standard", title)
		shown = as_user(self.users.rep_a1, get_stage_playbook, deal.name)
		self.assertEqual((shown["stage"], shown["standard"]), (stage, title))
		self.assertTrue(as_user(self.users.rep_a1, my_reading, title)["asks"])
