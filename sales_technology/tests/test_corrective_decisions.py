"""Corrective decisions as the group lead records them, the head approves them and the next month judges
them; tried also as the rep they concern and the other group."""

from __future__ import annotations

from datetime import date

import frappe

from sales_technology.plans.approval import SelfApprovalError
from sales_technology.plans.decisions import check_effectiveness
from sales_technology.sales_technology.doctype.corrective_decision.corrective_decision import DecisionRefused
from sales_technology.tests.factories import apply_action, create_department
from sales_technology.tests.test_sales_activities import ActivityTestCase, activity, as_user

OCTOBER = date(2026, 10, 1)


class TestCorrectiveDecisions(ActivityTestCase):
	def decision(self, user, node, expected=5, **values):
		as_user(user)
		return frappe.get_doc(
			{
				"doctype": "Corrective Decision",
				"sales_person": node,
				"period_start": OCTOBER,
				"problem_kpi": "COLD_CALLS",
				"problem": "Too few cold calls",
				"decision_type": "Training",
				"decision": "Two days of call training with the lead",
				"target_kpi": "COLD_CALLS",
				"expected_value": expected,
				**values,
			}
		).insert()

	def test_the_lead_records_the_head_approves_never_the_author(self):
		users, nodes = self.dept.users, self.dept.nodes
		decision = self.decision(users.lead_a, nodes.rep_a1)
		self.assertEqual(
			(decision.next_period_start, decision.next_period_end), (date(2026, 11, 1), date(2026, 11, 30))
		)
		self.assertEqual(decision.problem_fact, 0)
		apply_action(decision, "Submit for Approval", users.lead_a)
		with self.assertRaises(frappe.ValidationError):  # a lead does not approve
			apply_action(decision, "Approve", users.lead_a)
		apply_action(decision, "Approve", users.head)
		self.assertEqual(frappe.db.get_value("Corrective Decision", decision.name, "docstatus"), 1)
		own = self.decision(users.head, nodes.group_b)
		apply_action(own, "Submit for Approval", users.head)
		with self.assertRaises(SelfApprovalError):  # the head recorded it: not his to approve
			apply_action(own, "Approve", users.head)
		apply_action(own, "Approve", users.director)

	def test_who_sees_and_records_decisions(self):
		users, nodes = self.dept.users, self.dept.nodes
		decision = self.decision(users.lead_a, nodes.rep_a1)
		as_user(users.rep_a1)  # the rep reads the decision about him, records none
		self.assertTrue(frappe.has_permission("Corrective Decision", "read", decision.name))
		self.assertFalse(frappe.has_permission("Corrective Decision", "write", decision.name))
		with self.assertRaises(frappe.PermissionError):
			self.decision(users.rep_a1, nodes.rep_a1)
		for user in (users.rep_b1, users.lead_b):
			as_user(user)
			self.assertFalse(frappe.has_permission("Corrective Decision", "read", decision.name))
			self.assertNotIn(decision.name, frappe.get_list("Corrective Decision", pluck="name"))
		with self.assertRaises(frappe.PermissionError):  # a lead records decisions of his own group only
			self.decision(users.lead_b, nodes.rep_a1)
		apply_action(decision, "Submit for Approval", users.lead_a)
		frappe.set_user("Administrator")
		other_head = create_department().users.head
		with self.assertRaises(frappe.PermissionError):  # another department's head does not even see it
			apply_action(decision, "Approve", other_head)

	def test_bad_decisions_are_refused(self):
		users, nodes = self.dept.users, self.dept.nodes
		with self.assertRaises(DecisionRefused):  # not measurable
			self.decision(users.lead_a, nodes.rep_a1, expected=None)
		with self.assertRaises(DecisionRefused):  # the month has not ended
			self.decision(users.lead_a, nodes.rep_a1, period_start=date.today().replace(day=1))

	def test_the_next_month_says_whether_it_worked(self):
		self.dept = create_department()  # its own reps: the other tests' calls and decisions stay apart
		users, nodes = self.dept.users, self.dept.nodes
		for _i in range(6):
			activity(sales_person=nodes.rep_a1, party=self.customer)  # November
		for _i in range(2):
			activity(sales_person=nodes.rep_a2, party=self.customer)
		decisions = {rep: self.decision(users.lead_a, rep) for rep in (nodes.rep_a1, nodes.rep_a2)}
		for decision in decisions.values():
			apply_action(decision, "Submit for Approval", users.lead_a)
			apply_action(decision, "Approve", users.head)
		frappe.set_user("Administrator")  # the scheduler
		self.assertEqual(check_effectiveness(date(2026, 11, 30)), [])  # November has not ended
		checked = check_effectiveness(date(2026, 12, 1))
		self.assertTrue({d.name for d in decisions.values()} <= set(checked))
		result = {
			rep: frappe.db.get_value("Corrective Decision", d.name, ["effectiveness", "actual_value"])
			for rep, d in decisions.items()
		}
		self.assertEqual(result[nodes.rep_a1], ("Effective", 6))
		self.assertEqual(result[nodes.rep_a2], ("Not Effective", 2))
		self.assertFalse({d.name for d in decisions.values()} & set(check_effectiveness(date(2026, 12, 2))))
		from sales_technology.sales_technology.report.corrective_decisions.corrective_decisions import execute

		as_user(users.lead_a)
		_columns, data, _m, _c, summary = execute({"sales_person": nodes.group_a})
		self.assertEqual({row["name"] for row in data}, {d.name for d in decisions.values()})
		self.assertEqual([s["value"] for s in summary], [1, 1, 0])
