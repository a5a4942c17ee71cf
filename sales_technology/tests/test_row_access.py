"""Row-level access by the Sales Person tree for Plan Correction, Sales Norm and Daily Sales Report, as
the desk lists and opens them for a rep, a lead of another group, the head and the director."""

from datetime import date

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from sales_technology.tests.factories import as_user, create_department, create_sales_plan, set_working_days

WORKING_DAY = date(2026, 11, 18)  # a Wednesday


def listed(user: str, doctype: str, names: set[str]) -> set[str]:
	return set(as_user(user, frappe.get_list, doctype, filters={"name": ("in", list(names))}, pluck="name"))


class TestRowAccess(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		previous = frappe.db.get_single_value("Sales Technology Settings", "working_day_source")
		set_working_days("Monday to Friday")
		cls.addClassCleanup(set_working_days, previous)
		dept = cls.dept = create_department()
		users, nodes = dept.users, dept.nodes
		cls.norms = {
			node: as_user(
				users.head,
				lambda node=node: frappe.get_doc(
					{
						"doctype": "Sales Norm",
						"sales_person": node,
						"kpi": "COLD_CALLS",
						"period_type": "Day",
						"minimum": 3,
					}
				).insert(),
			).name
			for node in (nodes.group_a, nodes.group_b)
		}
		cls.reports = {
			rep: as_user(
				users[rep],
				lambda: frappe.get_doc(
					{"doctype": "Daily Sales Report", "report_date": WORKING_DAY}
				).insert(),
			).name
			for rep in ("rep_a1", "rep_b1")
		}
		plan = as_user(
			users.head, create_sales_plan, nodes.group_a, "Year", date(2081, 1, 1), {"TURNOVER": 100}
		)
		for action, user in (("Submit for Approval", users.head), ("Approve", users.director)):
			as_user(user, apply_workflow, frappe.get_doc("Sales Plan", plan.name).as_dict(), action)
		cls.correction = as_user(
			users.lead_a,
			lambda: frappe.get_doc(
				{
					"doctype": "Plan Correction",
					"sales_plan": plan.name,
					"reason": "A large order is coming",
					"items": [{"kpi": "TURNOVER", "new_target": 120}],
				}
			).insert(),
		).name

	def test_sales_norms_follow_the_tree(self):
		users, nodes, norms = self.dept.users, self.dept.nodes, self.norms
		everything = set(norms.values())
		self.assertEqual(listed(users.rep_b1, "Sales Norm", everything), {norms[nodes.group_b]})
		self.assertEqual(listed(users.lead_a, "Sales Norm", everything), {norms[nodes.group_a]})
		self.assertEqual(listed(users.head, "Sales Norm", everything), everything)
		as_user(
			users.lead_b,
			lambda: self.assertFalse(frappe.has_permission("Sales Norm", "write", norms[nodes.group_a])),
		)
		as_user(
			users.rep_b1,
			lambda: self.assertFalse(frappe.has_permission("Sales Norm", "write", norms[nodes.group_b])),
		)

	def test_daily_reports_belong_to_who_did_the_work(self):
		users, reports = self.dept.users, self.reports
		everything = set(reports.values())
		self.assertEqual(listed(users.rep_a1, "Daily Sales Report", everything), {reports["rep_a1"]})
		self.assertEqual(listed(users.lead_b, "Daily Sales Report", everything), {reports["rep_b1"]})
		self.assertEqual(listed(users.head, "Daily Sales Report", everything), everything)
		self.assertEqual(listed(users.director, "Daily Sales Report", everything), everything)
		as_user(
			users.rep_b1,
			lambda: self.assertFalse(frappe.has_permission("Daily Sales Report", "read", reports["rep_a1"])),
		)

	def test_plan_corrections_follow_the_tree(self):
		users = self.dept.users
		only = {self.correction}
		self.assertEqual(listed(users.lead_a, "Plan Correction", only), only)
		self.assertEqual(listed(users.rep_a1, "Plan Correction", only), only)  # his group's, read only
		self.assertEqual(listed(users.lead_b, "Plan Correction", only), set())
		self.assertEqual(listed(users.rep_b1, "Plan Correction", only), set())
		as_user(
			users.rep_a1,
			lambda: self.assertFalse(frappe.has_permission("Plan Correction", "write", self.correction)),
		)
		as_user(
			users.lead_b,
			lambda: self.assertFalse(frappe.has_permission("Plan Correction", "read", self.correction)),
		)
