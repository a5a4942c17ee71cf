"""The head's monthly plan report to the General Director, tried as the head, the director, a lead and a
rep: made from the month's KPI Snapshot, commented, submitted, returned with a question, acknowledged,
and flagged when late."""

from __future__ import annotations

from datetime import date, datetime
from unittest.mock import patch

import frappe

from sales_technology.kpi.snapshots import take_snapshot
from sales_technology.plans.reviews import create_period_reviews, flag_late_reviews
from sales_technology.sales_technology.doctype.period_review.period_review import ReviewRefused
from sales_technology.tests.factories import apply_action, create_sales_plan, get_company
from sales_technology.tests.test_sales_activities import ActivityTestCase, activity, as_user

OCTOBER = date(2026, 10, 1)
NOW = "sales_technology.sales_technology.doctype.period_review.period_review.now_datetime"


class TestPeriodReviews(ActivityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		nodes, users = cls.dept.nodes, cls.dept.users
		for rep, target, calls in ((nodes.rep_a1, 20, 5), (nodes.rep_a2, 2, 3)):
			year = create_sales_plan(rep, "Year", date(2026, 1, 1), {"TURNOVER": 1})
			quarter = create_sales_plan(rep, "Quarter", OCTOBER, {"TURNOVER": 1}, year.name)
			month = create_sales_plan(rep, "Month", OCTOBER, {"COLD_CALLS": target}, quarter.name)
			apply_action(month, "Submit for Approval", users.lead_a)
			apply_action(month, "Approve", users.head)
			for _i in range(calls):
				activity(sales_person=rep, party=cls.customer, when=datetime(2026, 10, 14, 11, 0))
		frappe.set_user("Administrator")
		take_snapshot(get_company(), "Month", OCTOBER)
		cls.created = create_period_reviews(date(2026, 11, 2))

	def review(self):
		name = frappe.db.get_value(
			"Period Review", {"sales_person": self.dept.nodes.department, "period_start": OCTOBER}
		)
		return frappe.get_doc("Period Review", name)

	def test_made_once_from_the_snapshot_with_what_is_behind(self):
		review = self.review()
		self.assertIn(review.name, self.created)
		self.assertEqual(
			(review.period_type, review.due_date, review.workflow_state),
			("Month", date(2026, 11, 5), "Draft"),
		)
		items = {(row.sales_person, row.kpi): row for row in review.items}
		behind = items[(self.dept.nodes.rep_a1, "COLD_CALLS")]
		self.assertEqual((behind.target, behind.fact, behind.is_behind), (20, 5, 1))
		self.assertEqual(items[(self.dept.nodes.rep_a2, "COLD_CALLS")].is_behind, 0)
		# the group and the department planned their month only through the reps: their own rows hold the
		# reps' targets and facts summed
		for node in (self.dept.nodes.group_a, self.dept.nodes.department):
			team = items[(node, "COLD_CALLS")]
			self.assertEqual((team.target, team.fact, team.is_behind), (22, 8, 1))
		self.assertNotIn(review.name, create_period_reviews(date(2026, 11, 3)))  # once

	def test_the_head_comments_submits_the_director_returns_and_acknowledges(self):
		users = self.dept.users
		with self.assertRaises(ReviewRefused):  # a KPI behind without a commentary
			apply_action(self.review(), "Submit to the Director", users.head)
		as_user(users.head)
		review = self.review()
		row = next(r for r in review.items if r.is_behind)
		row.fact = 19
		with self.assertRaises(ReviewRefused):  # the figures are the snapshot's
			review.save()
		review.reload()
		for behind in review.items:
			if behind.is_behind:
				behind.commentary = "Rep A1 was on leave for two weeks"
		review.save()
		with patch(NOW, return_value=datetime(2026, 11, 7, 10, 0)):
			apply_action(review, "Submit to the Director", users.head)
		review = self.review()
		self.assertEqual((review.workflow_state, review.is_late), ("Submitted", 1))  # due on the 5th
		with self.assertRaises(ReviewRefused):  # a return needs the question
			apply_action(review, "Return with a Question", users.director)
		as_user(users.director)
		review.reload()
		review.director_question = "What is planned for December?"
		review.save()
		apply_action(review, "Return with a Question", users.director)
		self.assertEqual(self.review().workflow_state, "Returned")
		with patch(NOW, return_value=datetime(2026, 11, 8, 9, 0)):  # answered the next day
			apply_action(self.review(), "Submit to the Director", users.head)
		with self.assertRaises(frappe.ValidationError):  # the head does not acknowledge his own report
			apply_action(self.review(), "Acknowledge", users.head)
		apply_action(self.review(), "Acknowledge", users.director)
		review = self.review()
		self.assertEqual(review.workflow_state, "Acknowledged")
		self.assertTrue(review.acknowledged_on)
		from sales_technology.sales_technology.report.review_discipline.review_discipline import execute

		as_user(users.director)
		_columns, data, *_rest = execute({"from_date": "2026-10-01", "to_date": "2026-10-31"})
		row = next(r for r in data if r["name"] == review.name)
		self.assertEqual(row["days_late"], 3)  # handed in finally on the 8th

	def test_only_the_head_and_the_director_read_the_departments_review(self):
		users = self.dept.users
		name = self.review().name
		for user, readable in (
			(users.head, True),
			(users.director, True),
			(users.lead_a, False),
			(users.lead_b, False),
			(users.rep_a1, False),
		):
			as_user(user)
			self.assertEqual(frappe.has_permission("Period Review", "read", name), readable, user)
			rows = (
				frappe.get_list(
					"Period Review Item",
					parent_doctype="Period Review",
					filters={"parent": name},
					pluck="name",
				)
				if readable or frappe.has_permission("Period Review", "read")
				else []
			)
			self.assertEqual(bool(rows), readable, user)

	def test_the_review_lists_the_decisions_taken_after_it_and_those_checked_in_it(self):
		users, nodes = self.dept.users, self.dept.nodes

		def decision(month):
			as_user(users.lead_a)
			return frappe.get_doc(
				{
					"doctype": "Corrective Decision",
					"sales_person": nodes.rep_a1,
					"period_start": month,
					"problem_kpi": "COLD_CALLS",
					"problem": "Too few cold calls",
					"decision_type": "Training",
					"decision": "Call training",
					"target_kpi": "COLD_CALLS",
					"expected_value": 20,
				}
			).insert()

		after_october = decision(OCTOBER)
		after_september = decision(date(2026, 9, 1))  # judged by October
		as_user(users.head)
		review = self.review()
		if review.workflow_state not in ("Draft", "Returned"):
			frappe.db.set_value("Period Review", review.name, "workflow_state", "Draft")
			review.reload()
		review.save()
		listed = {row.corrective_decision: row.relation for row in review.decisions}
		self.assertEqual(listed[after_october.name], "Taken After This Period")
		self.assertEqual(listed[after_september.name], "Checked in This Period")

	def test_a_review_waits_for_its_period_and_a_late_one_is_told_once(self):
		users = self.dept.users
		as_user(users.head)
		with self.assertRaises(ReviewRefused):  # this month has not ended
			frappe.get_doc(
				{
					"doctype": "Period Review",
					"sales_person": self.dept.nodes.department,
					"period_type": "Month",
					"period_start": date.today().replace(day=1),
				}
			).insert()
		frappe.set_user("Administrator")  # the scheduler, the day after the due date
		review = self.review()
		if review.workflow_state != "Draft":
			frappe.db.set_value("Period Review", review.name, "workflow_state", "Draft")
		notified = flag_late_reviews(date(2026, 11, 6))
		self.assertIn(users.head, notified)
		self.assertIn(users.director, notified)
		self.assertEqual(frappe.db.get_value("Period Review", review.name, "is_late"), 1)
		self.assertFalse({users.head, users.director} & set(flag_late_reviews(date(2026, 11, 7))))
