"""Gifts and hospitality (seed 000, 2.17) as the people the seed names, figures counted by hand: the head
sets group A's budget of 10,000 for the quarter; rep A1 asks 3,000 for his client (his lead approves it),
then 6,000 (above the 5,000 threshold: the lead, then the head), then 2,000, which the 1,000 left cannot
cover and is refused; Hospitality by Client puts the 9,000 beside the client's 30,000 turnover (30 %).
Another group's rep and lead neither read, decide, move nor delete them."""

from __future__ import annotations

import frappe
from frappe.desk.query_report import run
from frappe.utils import today

from sales_technology.core.hospitality import HospitalityRefused
from sales_technology.hospitality.budgets import ask, decide
from sales_technology.shared.access import NodeAccessError
from sales_technology.tests.factories import (
	DepartmentTestCase,
	as_user,
	create_customer,
	create_sales_invoice,
	get_company,
	set_setting,
)


class TestHospitality(DepartmentTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		set_setting("hospitality_head_above", 5000)
		cls.addClassCleanup(set_setting, "hospitality_head_above", 10000)
		cls.client = create_customer(st_responsible_sales_person=cls.nodes.rep_a1).name
		create_sales_invoice(cls.client, 30000)
		cls.budget = as_user(
			cls.users.head,
			lambda: (
				frappe.get_doc(
					{
						"doctype": "Hospitality Budget",
						"sales_person": cls.nodes.group_a,
						"company": get_company(),
						"period_type": "Quarter",
						"period_start": today(),
						"amount": 10000,
					}
				)
				.insert()
				.name
			),
		)

	def request(self, amount: float) -> str:
		def make():
			return (
				frappe.get_doc(
					{
						"doctype": "Hospitality Request",
						"sales_person": self.nodes.rep_a1,
						"customer": self.client,
						"kind": "Hospitality",
						"needed_on": today(),
						"amount": amount,
						"description": "Dinner after the signing",
					}
				)
				.insert()
				.name
			)

		name = as_user(self.users.rep_a1, make)
		self.addCleanup(frappe.db.set_value, "Hospitality Request", name, "status", "Rejected")
		return name

	def status(self, name: str) -> str:
		return frappe.db.get_value("Hospitality Request", name, "status")

	def test_the_lead_and_above_the_threshold_the_head_approve_within_the_budget(self):
		small = self.request(3000)
		self.assertEqual(as_user(self.users.rep_a1, ask, small), "Requested")
		# the rep does not decide his own request, nor sets its status himself
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.rep_a1, decide, small, "approve")
		with self.assertRaises(frappe.PermissionError):
			as_user(
				self.users.rep_a1, frappe.client.set_value, "Hospitality Request", small, "status", "Approved"
			)
		self.assertEqual(as_user(self.users.lead_a, decide, small, "approve"), "Approved")

		large = self.request(6000)
		as_user(self.users.rep_a1, ask, large)
		self.assertEqual(as_user(self.users.lead_a, decide, large, "approve"), "Approved by Lead")
		with self.assertRaises(HospitalityRefused):
			as_user(self.users.lead_a, decide, large, "approve")  # the head's turn now
		self.assertEqual(as_user(self.users.head, decide, large, "approve"), "Approved")
		self.assertEqual(
			frappe.db.get_value("Hospitality Budget", self.budget, ["committed", "left"]), (9000, 1000)
		)

		# 2,000 where 1,000 is left: refused when sent, and the budget unchanged
		over = self.request(2000)
		with self.assertRaises(HospitalityRefused):
			as_user(self.users.rep_a1, ask, over)
		self.assertEqual(self.status(over), "Draft")

		# the client's spend beside his turnover, and the budget left, as his lead reads it
		result = as_user(
			self.users.lead_a, run, "Hospitality by Client", filters={"sales_person": self.nodes.group_a}
		)
		row = next(
			row for row in result["result"] if isinstance(row, dict) and row["customer"] == self.client
		)
		self.assertEqual((row["approved"], row["turnover"], row["share_of_turnover"]), (9000, 30000, 30.0))
		figures = {figure["label"]: figure["value"] for figure in result["report_summary"]}
		self.assertEqual(figures["Budget Left"], 1000)

	def test_another_groups_rep_and_lead_neither_read_decide_move_nor_delete(self):
		name = self.request(1000)
		as_user(self.users.rep_a1, ask, name)
		for outsider, own in (("rep_b1", self.nodes.rep_b1), ("lead_b", self.nodes.group_b)):
			user = self.users[outsider]
			with self.assertRaises(frappe.PermissionError):
				as_user(user, frappe.client.get, "Hospitality Request", name)
			with self.assertRaises(frappe.PermissionError):
				as_user(user, decide, name, "approve")
			with self.assertRaises(frappe.PermissionError):
				as_user(user, frappe.client.set_value, "Hospitality Request", name, "sales_person", own)
			with self.assertRaises(frappe.PermissionError):
				as_user(user, frappe.delete_doc, "Hospitality Request", name)
			with self.assertRaises(frappe.PermissionError):
				as_user(user, frappe.client.set_value, "Hospitality Budget", self.budget, "amount", 99999)
		self.assertEqual(
			frappe.db.get_value("Hospitality Request", name, ["status", "sales_person"]),
			("Requested", self.nodes.rep_a1),
		)
		self.assertEqual(frappe.db.get_value("Hospitality Budget", self.budget, "amount"), 10000)
		# the lead reads his group's budget and does not change it: the head sets budgets
		self.assertEqual(
			as_user(self.users.lead_a, frappe.client.get, "Hospitality Budget", self.budget)["name"],
			self.budget,
		)
		with self.assertRaises(frappe.PermissionError):
			as_user(
				self.users.lead_a, frappe.client.set_value, "Hospitality Budget", self.budget, "amount", 20000
			)
		with self.assertRaises(NodeAccessError):
			as_user(
				self.users.lead_b, run, "Hospitality by Client", filters={"sales_person": self.nodes.group_a}
			)
