"""Industry target lists (seed 004) as the head and the reps work them: the head assigns a month's list
to group A (one company named for A2 with the intercept cadence, three dealt round A1 and A2, one of them
a lead the department had already, reused); each company becomes its rep's Target lead; the Target Lists
report counts per rep, by hand, what was touched, agreed to meet and is in the funnel. Another group's rep
and lead neither read nor assign it."""

from __future__ import annotations

from datetime import datetime

import frappe
from frappe.desk.query_report import run
from frappe.utils import getdate, now_datetime, today

from sales_technology.shared.access import NodeAccessError
from sales_technology.strategies.target_lists import assign_list
from sales_technology.tests.factories import DepartmentTestCase, as_user, create_deal
from sales_technology.tests.test_standard_kpis import add_activity


class TestTargetLists(DepartmentTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		tag = frappe.generate_hash(length=6)
		cls.names = [f"ST Steel {tag} {n}" for n in range(1, 5)]
		# the fourth company is a lead already (of nobody yet): it is reused, not doubled
		cls.known = (
			frappe.get_doc({"doctype": "Lead", "lead_name": cls.names[3], "company_name": cls.names[3]})
			.insert(ignore_permissions=True)
			.name
		)
		companies = [
			{"company_name": cls.names[0], "assigned_to": cls.nodes.rep_a2, "start_cadence": 1},
			*({"company_name": name} for name in cls.names[1:]),
		]
		cls.target_list = as_user(
			cls.users.head,
			lambda: (
				frappe.get_doc(
					{
						"doctype": "Target List",
						"title": f"Steel plants {tag}",
						"month": today(),
						"sales_person": cls.nodes.group_a,
						"cadence": "Intercept",
						"companies": companies,
					}
				)
				.insert()
				.name
			),
		)

	def rows(self) -> dict[str, frappe._dict]:
		return {row.company_name: row for row in frappe.get_doc("Target List", self.target_list).companies}

	def test_assigning_makes_each_company_its_reps_target_lead(self):
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.rep_a1, assign_list, self.target_list)
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.lead_b, assign_list, self.target_list)
		made = as_user(self.users.head, assign_list, self.target_list)
		self.assertEqual(made, 3)
		rows = self.rows()
		# named for A2; the rest dealt in turn: A1, A2, A1
		self.assertEqual(
			[rows[name].assigned_to for name in self.names],
			[self.nodes.rep_a2, self.nodes.rep_a1, self.nodes.rep_a2, self.nodes.rep_a1],
		)
		self.assertEqual(rows[self.names[3]].lead, self.known)
		lead = frappe.db.get_value(
			"Lead",
			rows[self.names[0]].lead,
			["st_responsible_sales_person", "st_client_category", "lead_owner"],
			as_dict=True,
		)
		self.assertEqual(
			(lead.st_responsible_sales_person, lead.st_client_category, lead.lead_owner),
			(self.nodes.rep_a2, "Target", self.users.rep_a2),
		)
		self.assertTrue(
			frappe.db.exists(
				"Sales Cadence Run",
				{"party_type": "Lead", "party": rows[self.names[0]].lead, "cadence": "Intercept"},
			)
		)
		self.assertFalse(frappe.db.exists("Sales Cadence Run", {"party": rows[self.names[1]].lead}))
		self.assertEqual(frappe.db.get_value("Target List", self.target_list, "status"), "Assigned")
		# the rep reads his list; another group reads nothing of it
		self.assertEqual(
			as_user(self.users.rep_a1, frappe.client.get, "Target List", self.target_list)["name"],
			self.target_list,
		)
		for outsider in ("rep_b1", "lead_b"):
			with self.assertRaises(frappe.PermissionError):
				as_user(self.users[outsider], frappe.client.get, "Target List", self.target_list)

	def test_the_report_counts_touched_agreed_to_meet_and_in_the_funnel_per_rep(self):
		if frappe.db.get_value("Target List", self.target_list, "status") != "Assigned":
			as_user(self.users.head, assign_list, self.target_list)
		rows = self.rows()
		a1_lead, a2_lead = rows[self.names[1]].lead, rows[self.names[0]].lead
		now = now_datetime()
		# A1 calls his company and books a meeting with it; A2 opens a deal for his
		add_activity(self.nodes.rep_a1, "Establish contact", "Lead", a1_lead, now)
		add_activity(self.nodes.rep_a1, "Cold meeting", "Lead", a1_lead, None, planned_on=now)
		create_deal(self.users.rep_a2, a2_lead, party_type="Lead")
		# a call before the list's month does not count
		add_activity(
			self.nodes.rep_a2,
			"Establish contact",
			"Lead",
			a2_lead,
			datetime(getdate(today()).year - 1, 1, 10, 10),
		)
		result = as_user(self.users.lead_a, run, "Target Lists", filters={"sales_person": self.nodes.group_a})
		figures = {
			row["sales_person"]: (row["assigned"], row["touched"], row["agreed_to_meet"], row["in_funnel"])
			for row in result["result"]
			if isinstance(row, dict) and row.get("sales_person")
		}
		self.assertEqual(figures[self.nodes.rep_a1], (2, 1, 1, 0))
		self.assertEqual(figures[self.nodes.rep_a2], (2, 0, 0, 1))
		with self.assertRaises(NodeAccessError):
			as_user(self.users.lead_b, run, "Target Lists", filters={"sales_person": self.nodes.group_a})
