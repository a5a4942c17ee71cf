"""The head's monthly record of what changed in the market and the process (seed 000, 4.1): written by
the head for his department, kept for the month, linked from the month's Period Review, read by the
groups below; a lead or a rep neither writes nor deletes it."""

from __future__ import annotations

from datetime import date

import frappe

from sales_technology.tests.factories import DepartmentTestCase, as_user, get_company


class TestMarketChanges(DepartmentTestCase):
	def setUp(self):
		super().setUp()
		frappe.db.savepoint("st_market_change")
		self.addCleanup(frappe.db.rollback, save_point="st_market_change")

	def record(self, user, **values):
		def insert():
			return frappe.get_doc(
				{
					"doctype": "Market Change",
					"month": date(2026, 11, 17),
					"sales_person": self.nodes.department,
					"kind": "Competitors",
					"what_changed": "A rival cut its prices by 15 % for key clients",
					"effect_seen": "Two key clients asked for a new offer; conversion to contract fell",
					"decision": "Offer a year's contract with service included",
					**values,
				}
			).insert()

		return as_user(user, insert)

	def test_the_head_records_the_months_change_and_the_review_shows_it(self):
		review = frappe.get_doc(
			{
				"doctype": "Period Review",
				"name": f"ST-PR-{frappe.generate_hash(length=6)}",
				"sales_person": self.nodes.department,
				"company": get_company(),
				"period_type": "Month",
				"period_start": date(2026, 11, 1),
				"period_end": date(2026, 11, 30),
			}
		)
		review.db_insert()
		doc = self.record(self.users.head)
		self.assertEqual((str(doc.month), doc.period_review), ("2026-11-01", review.name))
		# the groups below read it; the review lists it among its connections
		for user in (self.users.lead_a, self.users.rep_b1, self.users.director):
			self.assertIn(doc.name, as_user(user, frappe.get_list, "Market Change", pluck="name"), user)
		links = frappe.get_meta("Period Review").get_dashboard_data()
		self.assertIn("Market Change", [item for group in links.transactions for item in group["items"]])
		# a month without a review keeps none
		other = self.record(self.users.head, month=date(2027, 2, 3))
		self.assertEqual((str(other.month), other.period_review), ("2027-02-01", None))

	def test_a_lead_and_a_rep_neither_write_nor_delete_it(self):
		doc = self.record(self.users.head)
		with self.assertRaises(frappe.PermissionError):
			self.record(self.users.lead_a, sales_person=self.nodes.group_a)

		def rewrite(user):
			def save():
				change = frappe.get_doc("Market Change", doc.name)
				change.decision = "Nothing to do"
				change.save()

			as_user(user, save)

		for user in (self.users.lead_a, self.users.rep_a1):
			with self.assertRaises(frappe.PermissionError):
				rewrite(user)
			with self.assertRaises(frappe.PermissionError):
				as_user(user, frappe.delete_doc, "Market Change", doc.name)
		self.assertEqual(
			frappe.db.get_value("Market Change", doc.name, "decision"),
			"Offer a year's contract with service included",
		)
