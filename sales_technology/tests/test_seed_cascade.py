"""The methodology's cascade end to end, every step done by the person the seed names, as that person,
through the calls the desk makes: the head writes the year, the director approves it; the head forms the
groups' months from the approved quarter and approves them; the lead sets the reps' weeks and approves
them; the rep plans the day, confirms it and files the daily report."""

from datetime import date, datetime
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_technology.activities.day_plans import plan_my_day
from sales_technology.plans.approval import SelfApprovalError
from sales_technology.plans.distribution import distribute_by_calendar, distribute_to_team
from sales_technology.tests.factories import apply_action as act
from sales_technology.tests.factories import (
	as_user,
	create_customer,
	create_department,
	create_sales_plan,
	set_working_days,
)

ACTIVITY_MODULE = "sales_technology.sales_technology.doctype.sales_activity.sales_activity"
REPORT_MODULE = "sales_technology.sales_technology.doctype.daily_sales_report.daily_sales_report"
YEAR = date(2061, 1, 1)
WEDNESDAY = date(2061, 1, 5)


def menu(doc, user: str) -> set[str]:
	"""The actions the form's workflow menu offers the user (the whitelisted path the desk calls)."""
	method = frappe.get_attr(frappe.override_whitelisted_method("frappe.model.workflow.get_transitions"))
	frappe.set_user(user)
	try:
		return {t.action for t in method(frappe.get_doc(doc.doctype, doc.name).as_dict())}
	finally:
		frappe.set_user("Administrator")


def plan_of(node: str, period_type: str, start: date) -> frappe.model.document.Document:
	name = frappe.db.get_value(
		"Sales Plan",
		{"sales_person": node, "period_type": period_type, "period_start": start, "docstatus": ("<", 2)},
	)
	return frappe.get_doc("Sales Plan", name)


class TestSeedCascade(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		previous = frappe.db.get_single_value("Sales Technology Settings", "working_day_source")
		set_working_days("Monday to Friday")
		cls.addClassCleanup(set_working_days, previous)
		cls.dept = create_department()

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")

	def assert_refused(self, doc, action: str, user: str, exc=frappe.ValidationError):
		if exc is frappe.PermissionError:  # a user who may not even see the plan gets no menu either
			with self.assertRaises(frappe.PermissionError):
				menu(doc, user)
		else:
			self.assertNotIn(action, menu(doc, user))
		with self.assertRaises(exc):
			act(doc, action, user)
		self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, "docstatus"), 0)

	def approve(self, doc, user: str):
		self.assertIn("Approve", menu(doc, user))
		doc = act(doc, "Approve", user)
		self.assertEqual((doc.docstatus, doc.workflow_state), (1, "Approved"))
		return doc

	def test_year_to_day_with_every_approval_by_the_person_the_seed_names(self):
		users, nodes = self.dept.users, self.dept.nodes

		# the head writes the department's year and sends it; only the director approves it
		year = as_user(
			users.head,
			create_sales_plan,
			nodes.department,
			"Year",
			YEAR,
			{"TURNOVER": 2_400_000, "NEW_CLIENTS_COUNT": 24},
		)
		self.assertEqual(menu(year, users.head), {"Submit for Approval"})
		act(year, "Submit for Approval", users.head)
		self.assert_refused(year, "Approve", users.head)
		self.approve(year, users.director)

		# the head splits the year into quarters; the director approves the first
		as_user(users.head, distribute_by_calendar, year.name)
		quarter = plan_of(nodes.department, "Quarter", YEAR)
		act(quarter, "Submit for Approval", users.head)
		self.assert_refused(quarter, "Approve", users.head)
		self.approve(quarter, users.director)

		# the head forms the groups' months from the quarter, adds the activity targets and approves them;
		# neither lead approves their own group's month
		created = as_user(users.head, distribute_to_team, quarter.name, {nodes.group_a: 2, nodes.group_b: 1})[
			"created"
		]
		self.assertEqual(len(created), 6)
		month_a = plan_of(nodes.group_a, "Month", YEAR)
		self.assertEqual(month_a.owner, users.head)
		frappe.set_user(users.head)
		month_a.append("targets", {"kpi": "COLD_CALLS", "target": 400})
		month_a.save()
		frappe.set_user("Administrator")
		act(month_a, "Submit for Approval", users.head)
		self.assertEqual(menu(month_a, users.lead_a), set())
		self.assert_refused(month_a, "Approve", users.lead_a)
		self.assert_refused(month_a, "Approve", users.lead_b, frappe.PermissionError)
		self.approve(month_a, users.head)
		month_b = plan_of(nodes.group_b, "Month", YEAR)
		act(month_b, "Submit for Approval", users.head)
		self.assertEqual(menu(month_b, users.head), {"Approve", "Reject"})
		self.approve(month_b, users.director)  # the director stands above every node

		# the head's reports of the month: the department is planned through its groups
		self.assert_head_sees_the_groups_months(month_a, month_b)

		# the lead of group A sets the reps' weeks and approves them; the rep does not approve his own,
		# nor does the other group's lead
		as_user(users.lead_a, distribute_to_team, month_a.name, {nodes.rep_a1: 1, nodes.rep_a2: 1})
		# the weeks hold the month's cold calls; its turnover is planned down to the month only
		self.assertEqual(frappe.db.get_value("Sales Plan", month_a.name, "has_uncovered_targets"), 0)
		week = plan_of(nodes.rep_a1, "Week", date(2061, 1, 3))
		self.assertEqual(week.owner, users.lead_a)
		self.assertGreater({row.kpi: row.target for row in week.targets}["COLD_CALLS"], 0)
		act(week, "Submit for Approval", users.lead_a)
		self.assert_refused(week, "Approve", users.rep_a1)
		self.assert_refused(week, "Approve", users.lead_b, frappe.PermissionError)
		self.assert_refused(week, "Reject", users.lead_b, frappe.PermissionError)
		self.approve(week, users.lead_a)

		# the rep plans his Wednesday from the week and confirms it
		day_name = as_user(users.rep_a1, plan_my_day, WEDNESDAY.isoformat())
		day = frappe.get_doc("Sales Plan", day_name)
		self.assertEqual(day.parent_plan, week.name)
		self.assertEqual(menu(day, users.rep_a1), {"Confirm"})
		day = act(day, "Confirm", users.rep_a1)
		self.assertEqual(day.docstatus, 1)

		# and, that evening, logs a cold call and files the day's report, prefilled against the Day plan
		customer = create_customer().name
		evening = datetime(2061, 1, 5, 18, 0)
		frappe.set_user(users.rep_a1)
		with patch(f"{ACTIVITY_MODULE}.now_datetime", return_value=evening):
			frappe.get_doc(
				{
					"doctype": "Sales Activity",
					"activity_type": "Establish contact",
					"subject": "Cold call",
					"status": "Done",
					"party_type": "Customer",
					"party": customer,
					"planned_on": datetime(2061, 1, 5, 10, 0),
					"done_at": datetime(2061, 1, 5, 10, 0),
				}
			).insert()
		report = frappe.get_doc({"doctype": "Daily Sales Report", "report_date": WEDNESDAY}).insert()
		with patch(f"{REPORT_MODULE}.now_datetime", return_value=evening):
			report.submit()
		frappe.set_user("Administrator")
		self.assertEqual((report.docstatus, report.is_late), (1, 0))
		self.assertEqual(report.day_plan, day.name)
		cold_calls = next(item for item in report.items if item.kpi == "COLD_CALLS")
		self.assertEqual(cold_calls.done, 1)
		self.assertEqual(cold_calls.planned, {row.kpi: row.target for row in day.targets}["COLD_CALLS"])

	def assert_head_sees_the_groups_months(self, month_a, month_b):
		from sales_technology.sales_technology.report.kpi_matrix.kpi_matrix import execute as kpi_matrix
		from sales_technology.sales_technology.report.plan_fulfilment.plan_fulfilment import (
			execute as plan_fulfilment,
		)

		turnover = {
			plan.sales_person: next(row.target for row in plan.targets if row.kpi == "TURNOVER")
			for plan in (month_a, month_b)
		}
		filters = {
			"company": month_a.company,
			"date": "2061-01-15",
			"sales_person": self.dept.nodes.department,
		}
		frappe.set_user(self.dept.users.head)
		try:
			_columns, rows = kpi_matrix({**filters, "span": "Quarter", "period_type": "Month"})
			_columns, tree, _message, chart, _summary = plan_fulfilment({**filters, "period_type": "Month"})
		finally:
			frappe.set_user("Administrator")
		row = next(row for row in rows if row["kpi"] == "TURNOVER")
		self.assertAlmostEqual(row["2061-01-01_target"], sum(turnover.values()), places=2)
		self.assertEqual(
			row["currency"], frappe.get_cached_value("Company", month_a.company, "default_currency")
		)
		# only approved plans count: the groups' January is approved, their February and March are drafts
		self.assertIsNone(row["2061-02-01_target"])
		self.assertIsNone(row["2061-03-01_target"])
		# the department's own row holds its team's month, and the chart draws it by KPI
		department = next(r for r in tree if r.get("row_id") == f"node::{self.dept.nodes.department}")
		self.assertEqual(department["team_planned"], "team's plans: 2 of 2")
		self.assertIn("Turnover", chart["data"]["labels"])
		self.assertTrue(all(row.get("currency") for row in tree if not row.get("is_node")))

	def test_the_departments_own_month_goes_to_the_director(self):
		users, nodes = self.dept.users, self.dept.nodes
		year = as_user(
			users.head, create_sales_plan, nodes.department, "Year", date(2062, 1, 1), {"TURNOVER": 1_200_000}
		)
		act(year, "Submit for Approval", users.head)
		self.approve(year, users.director)
		as_user(users.head, distribute_by_calendar, year.name, "Month")
		month = plan_of(nodes.department, "Month", date(2062, 2, 1))
		act(month, "Submit for Approval", users.head)
		self.assertEqual(menu(month, users.head), set())
		self.assert_refused(month, "Approve", users.head, SelfApprovalError)
		self.approve(month, users.director)

	def test_a_correction_is_approved_above_the_node_too(self):
		users, nodes = self.dept.users, self.dept.nodes
		year = as_user(
			users.head, create_sales_plan, nodes.group_b, "Year", date(2063, 1, 1), {"TURNOVER": 100_000}
		)
		act(year, "Submit for Approval", users.head)
		self.approve(year, users.director)
		quarter = as_user(
			users.head,
			create_sales_plan,
			nodes.group_b,
			"Quarter",
			date(2063, 1, 1),
			{"TURNOVER": 25_000},
			year.name,
		)
		act(quarter, "Submit for Approval", users.head)
		self.approve(quarter, users.director)
		month = as_user(
			users.head,
			create_sales_plan,
			nodes.group_b,
			"Month",
			date(2063, 1, 1),
			{"TURNOVER": 8_000},
			quarter.name,
		)
		act(month, "Submit for Approval", users.head)
		self.approve(month, users.head)
		correction = as_user(
			users.lead_b,
			lambda: frappe.get_doc(
				{
					"doctype": "Plan Correction",
					"sales_plan": month.name,
					"reason": "A large client signed",
					"items": [{"kpi": "TURNOVER", "new_target": 9_000}],
				}
			).insert(),
		)
		act(correction, "Submit for Approval", users.lead_b)
		self.assert_refused(correction, "Approve", users.lead_b)
		self.approve(correction, users.head)
		self.assertEqual(frappe.db.get_value("Sales Plan Target", {"parent": month.name}, "target"), 9_000)
