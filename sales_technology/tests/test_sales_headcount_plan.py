"""The headcount planner as the head, the director and the analyst use it: the reps a revenue target
needs, from typed or measured inputs, by segment, from a Sales Plan; what it refuses; who may plan."""

from __future__ import annotations

from datetime import date, datetime

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_technology.core.headcount import FIRST_USE_INPUTS
from sales_technology.plans.headcount import HeadcountRefused, remeasure
from sales_technology.sales_technology.report.headcount_plans_compared.headcount_plans_compared import (
	execute as compare,
)
from sales_technology.tests.factories import (
	as_user,
	create_customer,
	create_department,
	create_sales_plan,
	get_company,
	set_setting,
)

TYPED = {
	"average_deal": 400_000,
	"call_to_meeting": 10,
	"meeting_to_proposal": 40,
	"proposal_to_deal": 25,
	"calls_per_day": 30,
	"meetings_per_day": 2,
	"proposals_per_day": 1,
}
# the first quarter of 2027 has 64 working days Monday to Friday: 21 + 20 + 23
Q1_DAYS = 64


class TestSalesHeadcountPlan(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		set_setting("working_day_source", "Monday to Friday")
		cls.dept = create_department()
		cls.other = create_department()

	@classmethod
	def tearDownClass(cls):
		set_setting("working_day_source", "Company Holiday List")
		super().tearDownClass()

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")

	def plan(self, user, **values):
		def insert():
			return frappe.get_doc(
				{
					"doctype": "Sales Headcount Plan",
					"title": values.pop("title", "Q1 2027"),
					"company": get_company(),
					"sales_person": values.pop("sales_person", self.dept.nodes.department),
					"period_type": "Quarter",
					"period_start": "2027-01-01",
					"revenue_target": 12_000_000,
					**values,
				}
			).insert()

		return as_user(user, insert)

	def test_the_reps_a_revenue_target_needs(self):
		plan = self.plan(self.dept.users.head, **TYPED)
		self.assertEqual((plan.period_end, plan.working_days), (date(2027, 3, 31), Q1_DAYS))
		# 30 deals, 120 proposals, 300 meetings, 3,000 calls; the meetings bind: 150 rep-days, 3 reps
		self.assertEqual(
			(
				plan.deals_needed,
				plan.proposals_needed,
				plan.meetings_needed,
				plan.calls_needed,
				plan.rep_days,
			),
			(30, 120, 300, 3000, 150),
		)
		self.assertEqual((plan.reps_needed, plan.current_reps, plan.reps_gap), (3, 3, 0))
		self.assertIn(self.dept.nodes.department, plan.measured_from)
		# a what-if: a better proposal conversion, saved beside it, reads against it
		what_if = self.plan(self.dept.users.head, title="Q1 2027, 50 %", **{**TYPED, "proposal_to_deal": 50})
		self.assertEqual(
			(what_if.proposals_needed, what_if.meetings_needed, what_if.reps_needed), (60, 150, 2)
		)
		_columns, rows, _message = as_user(
			self.dept.users.head, compare, {"plans": [plan.name, what_if.name]}
		)
		reps = next(row for row in rows if row["measure"] == "Reps Needed")
		self.assertEqual((reps["plan_0"].strip(), reps["plan_1"].strip()), ("3", "2"))

	def test_inputs_measured_from_the_departments_last_months(self):
		nodes = self.dept.nodes
		frappe.get_doc(
			{
				"doctype": "Sales Norm",
				"sales_person": nodes.department,
				"kpi": "COLD_CALLS",
				"period_type": "Day",
				"minimum": 30,
			}
		).insert()
		# ten calls, two cold meetings and one proposal of A1 with a client in October: 20 % and 50 %
		client = create_customer().name
		for activity_type, count in (
			("Establish contact", 10),
			("Cold meeting", 2),
			("Prepare the technical proposal", 1),
		):
			for index in range(count):
				when = datetime(2026, 10, 5 + index, 11)
				frappe.get_doc(
					{
						"doctype": "Sales Activity",
						"subject": activity_type,
						"activity_type": activity_type,
						"status": "Done",
						"sales_person": nodes.rep_a1,
						"party_type": "Customer",
						"party": client,
						"planned_on": when,
						"done_at": when,
					}
				).insert()
		plan = self.plan(
			self.dept.users.analyst,
			average_deal=500_000,
			proposal_to_deal=20,
			meetings_per_day=2,
			proposals_per_day=1,
		)
		self.assertEqual((plan.measured_call_to_meeting, plan.measured_meeting_to_proposal), (20, 50))
		self.assertFalse(plan.measured_proposal_to_deal)  # no new contracts measured: typed
		self.assertEqual((plan.call_to_meeting, plan.meeting_to_proposal, plan.calls_per_day), (20, 50, 30))
		self.assertIn("10", plan.measured_from)
		# 24 deals, 120 proposals, 240 meetings, 1,200 calls: 120 rep-days of meetings and proposals
		self.assertEqual(
			(plan.deals_needed, plan.calls_needed, plan.rep_days, plan.reps_needed), (24, 1200, 120, 2)
		)
		# the head's what-if, then measured again: the measured values come back
		frappe.db.set_value("Sales Headcount Plan", plan.name, "call_to_meeting", 40)
		as_user(self.dept.users.head, remeasure, plan.name)
		self.assertEqual(frappe.db.get_value("Sales Headcount Plan", plan.name, "call_to_meeting"), 20)

	def test_by_segment_the_rep_days_add_up(self):
		plan = self.plan(
			self.dept.users.director,
			**TYPED,
			segments=[
				{"segment": "Logistics", "revenue": 8_000_000},  # the plan's inputs: 20 deals, 100 rep-days
				{"segment": "Retail", "revenue": 4_000_000, "average_deal": 100_000, "proposal_to_deal": 50},
			],
		)
		logistics, retail = plan.segments
		self.assertEqual((logistics.deals, logistics.meetings, logistics.rep_days), (20, 200, 100))
		# 40 deals, 80 proposals, 200 meetings, 2,000 calls: 100 rep-days
		self.assertEqual((retail.deals, retail.proposals, retail.rep_days), (40, 80, 100))
		self.assertEqual(
			(plan.revenue_target, plan.deals_needed, plan.rep_days, plan.reps_needed),
			(12_000_000, 60, 200, 4),
		)

	def test_the_revenue_from_a_sales_plan(self):
		node = self.dept.nodes.department
		year = create_sales_plan(node, "Year", date(2027, 1, 1), {"TURNOVER": 24_000_000})
		quarter = create_sales_plan(node, "Quarter", date(2027, 1, 1), {"TURNOVER": 6_000_000}, year.name)
		plan = self.plan(
			self.dept.users.head,
			revenue_from="Sales Plan",
			sales_plan=quarter.name,
			revenue_target=0,
			**TYPED,
		)
		self.assertEqual((plan.revenue_target, plan.deals_needed), (6_000_000, 15))

	def test_inputs_it_refuses_and_saves_nothing(self):
		before = frappe.db.count("Sales Headcount Plan")
		for values in ({"call_to_meeting": 150}, {"meeting_to_proposal": 120}, {"proposal_to_deal": -1}):
			with self.assertRaises(HeadcountRefused):
				self.plan(self.dept.users.head, **{**TYPED, **values})
		holidays = frappe.get_doc(
			{
				"doctype": "Holiday List",
				"holiday_list_name": f"ST All February {frappe.generate_hash(length=5)}",
				"from_date": "2027-01-01",
				"to_date": "2027-12-31",
				"holidays": [
					{"holiday_date": date(2027, 2, day), "description": "Closed"} for day in range(1, 29)
				],
			}
		).insert()
		set_setting("working_day_source", "Holiday List")
		set_setting("holiday_list", holidays.name)
		self.addCleanup(set_setting, "working_day_source", "Monday to Friday")
		with self.assertRaises(HeadcountRefused) as refused:
			self.plan(self.dept.users.head, period_type="Month", period_start="2027-02-01", **TYPED)
		self.assertIn("no working days", str(refused.exception))
		self.assertEqual(frappe.db.count("Sales Headcount Plan"), before)

	def test_on_first_use_it_starts_from_the_pipeline_and_the_defaults_and_says_so(self):
		"""A department without history: nothing measured, nothing typed; the plan saves, the average deal
		from its deals in the pipeline, the rest from the first-use inputs, each named in the note."""
		other = self.other
		for amount in (300_000, 500_000):
			frappe.get_doc(
				{
					"doctype": "Opportunity",
					"opportunity_from": "Customer",
					"party_name": create_customer().name,
					"company": get_company(),
					"opportunity_owner": other.users.rep_a1,
					"opportunity_amount": amount,
				}
			).insert(ignore_permissions=True)
		plan = self.plan(other.users.head, sales_person=other.nodes.department, title="First use")
		self.assertEqual(plan.average_deal, 400_000)
		for fieldname, value in FIRST_USE_INPUTS.items():
			self.assertEqual(plan.get(fieldname), value, fieldname)
		self.assertIn("Not measurable from the history", plan.measured_from)
		self.assertGreater(plan.reps_needed, 0)

	def test_who_plans(self):
		for user in (self.dept.users.rep_a1, self.dept.users.lead_a):
			with self.assertRaises(frappe.PermissionError):
				self.plan(user, **TYPED)
		# the head of another department plans for his own only, and does not see this one's plans
		with self.assertRaises(frappe.PermissionError):
			self.plan(self.other.users.head, **TYPED)
		mine = self.plan(self.dept.users.head, **TYPED)
		self.assertNotIn(
			mine.name, as_user(self.other.users.head, frappe.get_list, "Sales Headcount Plan", pluck="name")
		)
		self.assertIn(
			mine.name, as_user(self.dept.users.analyst, frappe.get_list, "Sales Headcount Plan", pluck="name")
		)
		self.assertEqual(
			as_user(self.dept.users.rep_a1, frappe.has_permission, "Sales Headcount Plan", "read", mine.name),
			False,
		)
