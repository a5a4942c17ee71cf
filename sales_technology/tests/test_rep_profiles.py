"""A rep's profile, written by his lead: the rep reads it, another rep and another group do not; his
figures beside it; the head's talent pool with each candidate's turnover of the last three months."""

import frappe
from frappe.client import get as client_get
from frappe.utils import add_days, add_months, getdate, today

from sales_technology.core.periods import PeriodType, period_containing
from sales_technology.people.profile import ProfileOfAGroup
from sales_technology.sales_technology.report.talent_pool.talent_pool import execute as talent_pool
from sales_technology.shared.access import NodeAccessError
from sales_technology.tests.factories import (
	DepartmentTestCase,
	as_user,
	create_customer,
	create_sales_invoice,
)
from sales_technology.workspace.rep_profile import rep_profile_figures


class TestRepProfiles(DepartmentTestCase):
	def setUp(self):
		super().setUp()
		frappe.db.savepoint("st_profiles")
		self.addCleanup(frappe.db.rollback, save_point="st_profiles")

	def write_profile(self, user: str, rep: str, **values):
		def insert():
			return frappe.get_doc({"doctype": "Rep Profile", "sales_person": rep, **values}).insert()

		return as_user(user, insert)

	def test_the_lead_writes_it_the_rep_reads_it_nobody_else_does(self):
		profile = self.write_profile(
			self.users.lead_a,
			self.nodes.rep_a1,
			strengths="Listens; remembers every client's story",
			weaknesses="Avoids the second call",
			letters_then_calls=1,
			pairing_on_closing=1,
			personal_threshold=500_000,
			personal_technology="<p>A letter first, a call two days later, closing together with the lead</p>",
		)
		self.assertEqual(
			as_user(self.users.rep_a1, frappe.get_doc, "Rep Profile", profile.name).strengths,
			profile.strengths,
		)

		def change(user):
			doc = frappe.get_doc("Rep Profile", profile.name)
			doc.strengths = "Nothing"
			doc.save()

		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.rep_a1, change, self.users.rep_a1)
		for user in (self.users.rep_a2, self.users.rep_b1, self.users.lead_b):
			with self.assertRaises(frappe.PermissionError):
				as_user(user, client_get, "Rep Profile", profile.name)
			self.assertNotIn(profile.name, as_user(user, frappe.get_list, "Rep Profile", pluck="name"))
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.lead_b, change, self.users.lead_b)
		with self.assertRaises(frappe.PermissionError):
			self.write_profile(self.users.lead_b, self.nodes.rep_a2, strengths="x")
		with self.assertRaises(ProfileOfAGroup):
			self.write_profile(self.users.head, self.nodes.group_a)
		self.assertEqual(frappe.db.get_value("Rep Profile", profile.name, "strengths"), profile.strengths)

	def test_his_figures_and_the_talent_pool(self):
		last_month = period_containing(add_months(getdate(today()), -1), PeriodType.MONTH)
		customer = create_customer(st_responsible_sales_person=self.nodes.rep_a1).name
		create_sales_invoice(
			customer, 1200, sales_team={self.nodes.rep_a1: 100}, posting_date=add_days(last_month.start, 3)
		)
		create_sales_invoice(customer, 300, sales_team={self.nodes.rep_a1: 100}, posting_date=today())
		self.write_profile(
			self.users.lead_a, self.nodes.rep_a1, talent_pool=1, strengths="Closes large deals"
		)
		self.write_profile(self.users.lead_b, self.nodes.rep_b1, talent_pool=0, strengths="Steady")

		figures = as_user(self.users.lead_a, rep_profile_figures, self.nodes.rep_a1)
		turnover = next(
			row
			for row in figures["history"]
			if row["kpi"] == frappe.db.get_value("Sales KPI", "TURNOVER", "kpi_name")
		)
		self.assertEqual(turnover["values"][-2:], [1200, 300])  # last month, this month
		self.assertEqual(len(figures["months"]), 6)
		self.assertTrue(figures["funnel"])
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.lead_b, rep_profile_figures, self.nodes.rep_a1)

		columns, rows = as_user(self.users.head, talent_pool, {})
		self.assertEqual([row["sales_person"] for row in rows], [self.nodes.rep_a1])
		# this month's 300 is not yet a result: the three months that ended
		self.assertEqual(rows[0]["TURNOVER"], 1200)
		self.assertIn("TURNOVER", [column["fieldname"] for column in columns])
		self.assertEqual(as_user(self.users.lead_b, talent_pool, {})[1], [])
		with self.assertRaises(NodeAccessError):
			as_user(self.users.lead_b, talent_pool, {"sales_person": self.nodes.group_a})
