"""Books and articles, as the lead who assigns and attests, the rep who reads and hands in his summary, and
refused to another group's rep and lead: a book sent back once and then attested, the weekly article
given to the whole group in one click."""

import frappe
from frappe.utils import add_days, getdate, today

from sales_technology.core.reading import AGAIN, HANDED_IN, PASSED, default_deadline
from sales_technology.people.reading import (
	ReadingRefused,
	assign_to_my_reps,
	attest_summary,
	hand_in_summary,
)
from sales_technology.shared.validation import SalesRuleError
from sales_technology.tests.factories import DepartmentTestCase, as_user


class TestReadingAssignments(DepartmentTestCase):
	def setUp(self):
		super().setUp()
		frappe.db.savepoint("st_reading")
		self.addCleanup(frappe.db.rollback, save_point="st_reading")

	def book(self, kind: str = "Book") -> str:
		def write():
			return frappe.get_doc(
				{
					"doctype": "Sales Book",
					"title": f"ST Spin Selling {frappe.generate_hash(length=6)}",
					"kind": kind,
					"author": "Neil Rackham",
				}
			).insert()

		return as_user(self.users.lead_a, write).name

	def assign(self, user: str, rep: str, book: str, **values):
		def insert():
			return frappe.get_doc(
				{"doctype": "Reading Assignment", "sales_person": rep, "book": book, **values}
			).insert()

		return as_user(user, insert)

	def test_a_book_sent_back_once_and_then_attested(self):
		book = self.book()
		assignment = self.assign(self.users.lead_a, self.nodes.rep_a1, book)
		self.assertEqual(getdate(assignment.deadline), default_deadline("Book", getdate(today())))
		self.assertEqual((assignment.status, assignment.assigned_by), ("Assigned", self.users.lead_a))
		name = assignment.name

		# nothing to hand in yet; the lead attests nothing before it is handed in
		with self.assertRaises(SalesRuleError):
			as_user(self.users.rep_a1, hand_in_summary, name, " ")
		with self.assertRaises(SalesRuleError):
			as_user(self.users.lead_a, attest_summary, name, 1)
		self.assertEqual(
			as_user(self.users.rep_a1, hand_in_summary, name, "SPIN: situation questions first"), HANDED_IN
		)
		# the rep neither attests his own summary nor sets its state by saving the form
		with self.assertRaises(ReadingRefused):
			as_user(self.users.rep_a1, attest_summary, name, 1)

		def set_passed():
			doc = frappe.get_doc("Reading Assignment", name)
			doc.status = PASSED
			doc.save()

		with self.assertRaises(ReadingRefused):
			as_user(self.users.rep_a1, set_passed)
		with self.assertRaises(ReadingRefused):
			as_user(self.users.lead_a, set_passed)

		with self.assertRaises(SalesRuleError):
			as_user(self.users.lead_a, attest_summary, name, 0, "")
		self.assertEqual(
			as_user(self.users.lead_a, attest_summary, name, 0, "Read the chapter on objections"), AGAIN
		)
		self.assertEqual(
			as_user(
				self.users.rep_a1,
				hand_in_summary,
				name,
				"Objections: prevent them with need-payoff questions",
			),
			HANDED_IN,
		)
		self.assertEqual(as_user(self.users.head, attest_summary, name, 1), PASSED)
		stored = frappe.get_doc("Reading Assignment", name)
		self.assertEqual(
			(stored.status, stored.attested_by, getdate(stored.attested_on)),
			(PASSED, self.users.head, getdate(today())),
		)
		self.assertIn("need-payoff", stored.summary)

		# a summary that passed is not rewritten
		def rewrite():
			doc = frappe.get_doc("Reading Assignment", name)
			doc.summary = "Nothing"
			doc.save()

		with self.assertRaises(ReadingRefused):
			as_user(self.users.rep_a1, rewrite)

	def test_another_groups_rep_and_lead_neither_read_nor_attest_it(self):
		book = self.book()
		name = self.assign(self.users.lead_a, self.nodes.rep_a2, book).name
		as_user(self.users.rep_a2, hand_in_summary, name, "Open questions")
		for user in (self.users.rep_b1, self.users.lead_b, self.users.rep_a1):
			self.assertNotIn(name, as_user(user, frappe.get_list, "Reading Assignment", pluck="name"))
			with self.assertRaises(frappe.PermissionError):
				as_user(user, attest_summary, name, 1)
		with self.assertRaises(frappe.PermissionError):
			self.assign(self.users.lead_b, self.nodes.rep_a2, book)
		with self.assertRaises(frappe.PermissionError):
			self.assign(self.users.rep_a1, self.nodes.rep_a1, book)  # a rep gives himself nothing to read

		def move():
			doc = frappe.get_doc("Reading Assignment", name)
			doc.sales_person = self.nodes.rep_b1
			doc.save()

		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.lead_b, move)
		with self.assertRaises(ReadingRefused):
			as_user(
				self.users.rep_a2,
				lambda: (
					frappe.get_doc("Reading Assignment", name)
					.update({"deadline": add_days(today(), 60)})
					.save()
				),
			)
		self.assertEqual(
			frappe.db.get_value("Reading Assignment", name, ["sales_person", "status"]),
			(self.nodes.rep_a2, HANDED_IN),
		)

	def test_the_weekly_article_goes_to_the_whole_group_in_one_click(self):
		article = self.book("Article")
		self.assertEqual(as_user(self.users.lead_a, assign_to_my_reps, article), 2)
		given = frappe.get_all(
			"Reading Assignment", filters={"book": article}, fields=["sales_person", "deadline", "status"]
		)
		self.assertEqual({row.sales_person for row in given}, {self.nodes.rep_a1, self.nodes.rep_a2})
		friday = default_deadline("Article", getdate(today()))
		self.assertTrue(all(getdate(row.deadline) == friday for row in given))
		# a second click gives it to nobody twice; the head gives it to group B as well
		self.assertEqual(as_user(self.users.lead_a, assign_to_my_reps, article), 0)
		self.assertEqual(as_user(self.users.head, assign_to_my_reps, article), 1)
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.rep_a1, assign_to_my_reps, article)
