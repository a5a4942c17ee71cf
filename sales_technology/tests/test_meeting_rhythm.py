"""The department's meeting rhythm on a real site: meetings created ahead once, on working days, with
their participants; the morning agenda from yesterday's work; plan against fact frozen when held."""

from __future__ import annotations

from datetime import date, datetime

import frappe

from sales_technology.meetings.rhythm import create_meetings_ahead, prefill_agenda, prefill_morning_agendas
from sales_technology.tests.factories import (
	apply_action,
	create_customer,
	create_department,
	create_sales_invoice,
	create_sales_plan,
	set_setting,
)
from sales_technology.tests.test_sales_activities import ActivityTestCase, activity, as_user

MONDAY = date(2026, 12, 14)
THURSDAY = date(2026, 11, 19)


class TestMeetingRhythm(ActivityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		settings = {
			"morning_meetings": 1,
			"weekly_meetings": 1,
			"weekly_weekday": "Friday",
			"weekly_every_weeks": 2,
			"monthly_meetings": 1,
			"monthly_weekday": "Friday",
			"meetings_ahead_days": 13,
			"best_rep_kpi": "COLD_CALLS",
			"one_on_one_every_weeks": 0,  # the one-on-ones' own class below
		}
		for fieldname, value in settings.items():
			previous = frappe.db.get_single_value("Sales Technology Settings", fieldname)
			set_setting(fieldname, value)
			cls.addClassCleanup(set_setting, fieldname, previous)

	def setUp(self):
		super().setUp()
		self.dept = create_department()  # the tests' activities and meetings stay apart

	def meetings_of(self, node, kind=None):
		filters = {"sales_person": node}
		if kind:
			filters["meeting_kind"] = kind
		return frappe.get_all("Sales Meeting", filters=filters, fields=["*"], order_by="meeting_date")

	def test_the_meetings_ahead_are_created_once_on_working_days_with_their_people(self):
		nodes, users = self.dept.nodes, self.dept.users
		create_meetings_ahead(date(2026, 12, 14))  # to 27 December: ten working days
		mornings = self.meetings_of(nodes.group_a, "Morning Meeting")
		self.assertEqual(len(mornings), 10)
		self.assertTrue(all(m.meeting_date.weekday() < 5 for m in mornings))
		self.assertEqual(str(mornings[0].start_time), "9:05:00")
		self.assertEqual(len(self.meetings_of(nodes.group_b, "Morning Meeting")), 10)
		self.assertEqual(self.meetings_of(nodes.rep_a1), [])  # a rep hosts nothing
		department = self.meetings_of(nodes.department)
		# every two weeks (ISO week 52) and on the last Friday: both on Friday 25 December
		self.assertEqual(
			sorted((m.meeting_kind, m.meeting_date) for m in department),
			[("Monthly Meeting", date(2026, 12, 25)), ("Weekly Meeting", date(2026, 12, 25))],
		)
		morning = frappe.get_doc("Sales Meeting", mornings[0].name)
		self.assertEqual(
			{row.user for row in morning.participants}, {users.lead_a, users.rep_a1, users.rep_a2}
		)
		self.assertTrue(all(row.participant_name for row in morning.participants))
		# no end given: an hour after the start, not the moment the job ran (Frappe's default for a Time)
		self.assertEqual({str(m.end_time) for m in department}, {"17:00:00"})
		monthly = frappe.get_doc(
			"Sales Meeting", next(m.name for m in department if m.meeting_kind == "Monthly Meeting")
		)
		self.assertIn("Recognition of the best rep", [row.topic for row in monthly.agenda])
		self.assertIn(users.rep_b1, {row.user for row in monthly.participants})
		create_meetings_ahead(MONDAY)  # again: nothing new
		self.assertEqual(len(self.meetings_of(nodes.group_a, "Morning Meeting")), 10)
		as_user(users.rep_a1)  # a participant reads his group's meeting
		self.assertTrue(frappe.has_permission("Sales Meeting", "read", morning.name))
		self.assertFalse(frappe.has_permission("Sales Meeting", "write", morning.name))
		as_user(users.rep_b1)
		self.assertFalse(frappe.has_permission("Sales Meeting", "read", morning.name))

	def test_the_morning_agenda_tells_yesterdays_reports_and_shortfalls_and_todays_plan(self):
		nodes, users = self.dept.nodes, self.dept.users
		frappe.get_doc(
			{
				"doctype": "Sales Norm",
				"sales_person": nodes.group_a,
				"kpi": "COLD_CALLS",
				"period_type": "Day",
				"minimum": 3,
			}
		).insert()
		activity(sales_person=nodes.rep_a1, party=self.customer)  # Wednesday 18 November: 1 of 3
		for _i in range(3):
			activity(sales_person=nodes.rep_a2, party=self.customer)
		activity(
			sales_person=nodes.rep_a2,
			party=self.customer,
			status="Planned",
			when=datetime(2026, 11, 19, 10, 0),
		)
		# rep A1's client owes 900 due on 31 October: 19 days overdue on Thursday; rep A2's owe nothing overdue
		debtor = create_customer().name
		frappe.db.set_value("Customer", debtor, "st_responsible_sales_person", nodes.rep_a1)
		create_sales_invoice(debtor, 900, posting_date="2026-10-01", due_date="2026-10-31")
		as_user(users.rep_a1)
		frappe.get_doc({"doctype": "Daily Sales Report", "report_date": date(2026, 11, 18)}).insert().submit()
		frappe.set_user("Administrator")  # the scheduler
		create_meetings_ahead(THURSDAY)
		meeting = self.meetings_of(nodes.group_a, "Morning Meeting")[0]
		self.assertEqual(meeting.meeting_date, THURSDAY)
		self.assertIn(meeting.name, prefill_morning_agendas(THURSDAY))
		agenda = {row.topic: row.goal for row in frappe.get_doc("Sales Meeting", meeting.name).agenda}
		reports = next(goal for topic, goal in agenda.items() if topic.startswith("Daily reports"))
		self.assertIn("Submitted by 1 of 2", reports)
		self.assertIn(nodes.rep_a2, reports)  # who did not submit
		shortfalls = next(goal for topic, goal in agenda.items() if topic.startswith("Shortfalls"))
		self.assertIn(nodes.rep_a1, shortfalls)
		self.assertNotIn(nodes.rep_a2, shortfalls)  # three calls: the norm is met
		self.assertIn(f"{nodes.rep_a2}: 1", agenda["Activities planned for today"])
		overdue = agenda["Overdue payments of the clients"]
		self.assertTrue(overdue.startswith(f"{nodes.rep_a1}: "), overdue)
		self.assertIn("(invoices: 1, the oldest 19 days)", overdue)
		self.assertIn("900", overdue)
		self.assertNotIn(nodes.rep_a2, overdue)
		self.assertEqual(prefill_morning_agendas(THURSDAY), [])  # an agenda is kept once it has one
		as_user(users.rep_a1)
		with self.assertRaises(frappe.PermissionError):
			prefill_agenda(meeting.name)
		as_user(users.lead_a)
		prefill_agenda(meeting.name)

	def test_a_held_monthly_meeting_freezes_plan_against_fact_and_names_the_best_rep(self):
		nodes, users = self.dept.nodes, self.dept.users
		year = create_sales_plan(nodes.rep_a1, "Year", date(2026, 1, 1), {"TURNOVER": 1})
		quarter = create_sales_plan(nodes.rep_a1, "Quarter", date(2026, 10, 1), {"TURNOVER": 1}, year.name)
		month = create_sales_plan(nodes.rep_a1, "Month", date(2026, 11, 1), {"COLD_CALLS": 20}, quarter.name)
		apply_action(month, "Submit for Approval", users.lead_a)
		apply_action(month, "Approve", users.head)
		for _i in range(5):
			activity(sales_person=nodes.rep_a1, party=self.customer)
		for _i in range(2):
			activity(sales_person=nodes.rep_a2, party=self.customer)
		create_meetings_ahead(date(2026, 11, 27))
		monthly = next(m for m in self.meetings_of(nodes.department) if m.meeting_kind == "Monthly Meeting")
		as_user(users.head)
		meeting = frappe.get_doc("Sales Meeting", monthly.name)
		meeting.status = "Held"
		meeting.discussion = "November closed"
		meeting.save()
		rows = [(r.sales_person, r.kpi, r.target, r.fact) for r in meeting.results]
		self.assertIn((nodes.rep_a1, "COLD_CALLS", 20, 5), rows)
		self.assertEqual((meeting.best_rep, meeting.best_rep_value), (nodes.rep_a1, 5))
		as_user(users.lead_a)  # later work does not change what the meeting saw
		activity(sales_person=nodes.rep_a1, party=self.customer)
		as_user(users.head)
		meeting.reload()
		meeting.discussion = "November closed; the protocol is written"
		meeting.save()
		self.assertIn(
			(nodes.rep_a1, "COLD_CALLS", 20, 5),
			[(r.sales_person, r.kpi, r.target, r.fact) for r in meeting.results],
		)


class TestOneOnOnes(ActivityTestCase):
	"""The lead's one-on-ones with each rep of his group: on the rhythm, one rep after another, the rep's
	meeting (his and his lead's, no other rep's), his open agreements on the agenda."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		settings = {
			"morning_meetings": 0,
			"weekly_meetings": 0,
			"monthly_meetings": 0,
			"meetings_ahead_days": 13,
			"one_on_one_every_weeks": 2,
			"one_on_one_weekday": "Wednesday",
			"one_on_one_start": "10:00:00",
		}
		for fieldname, value in settings.items():
			previous = frappe.db.get_single_value("Sales Technology Settings", fieldname)
			set_setting(fieldname, value)
			cls.addClassCleanup(set_setting, fieldname, previous)

	def test_each_rep_meets_his_lead_every_two_weeks_with_his_agreements_on_the_agenda(self):
		dept = create_department()
		nodes, users = dept.nodes, dept.users
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": users.rep_a1,
				"description": "Send the price list to the client",
				"date": date(2026, 12, 18),
				"status": "Open",
				"reference_type": "Sales Meeting",
			}
		).insert(ignore_permissions=True)
		create_meetings_ahead(MONDAY)  # to 27 December: the Wednesday of ISO week 52, 23 December
		talks = frappe.get_all(
			"Sales Meeting",
			filters={"meeting_kind": "One-on-One", "sales_person": ("in", list(nodes.values()))},
			fields=["name", "sales_person", "meeting_date", "start_time", "end_time"],
			order_by="sales_person",
		)
		self.assertEqual(
			[(t.sales_person, t.meeting_date, str(t.start_time), str(t.end_time)) for t in talks],
			[
				(nodes.rep_a1, date(2026, 12, 23), "10:00:00", "10:20:00"),
				(nodes.rep_a2, date(2026, 12, 23), "10:20:00", "10:40:00"),
				(nodes.rep_b1, date(2026, 12, 23), "10:00:00", "10:20:00"),
			],
		)
		mine = frappe.get_doc("Sales Meeting", talks[0].name)
		self.assertEqual(sorted(row.user for row in mine.participants), sorted([users.lead_a, users.rep_a1]))
		agenda = {row.topic: row.goal for row in mine.agenda}
		self.assertIn("Send the price list to the client", agenda["His open agreements"])
		self.assertEqual(agenda["His week so far"], "No approved Week plan")
		# the rep's own meeting: he and his lead read it; his colleague and group B do not
		self.assertIn(mine.name, read_as(users.rep_a1))
		self.assertIn(mine.name, read_as(users.lead_a))
		for user in (users.rep_a2, users.rep_b1, users.lead_b):
			self.assertNotIn(mine.name, read_as(user))
		# created once
		self.assertEqual(
			[name for name in create_meetings_ahead(MONDAY) if name in {t.name for t in talks}], []
		)
		self.assertEqual(
			frappe.db.count("Sales Meeting", {"meeting_kind": "One-on-One", "sales_person": nodes.rep_a1}), 1
		)


def read_as(user: str) -> list[str]:
	"""The meetings the user's list shows."""
	frappe.set_user(user)
	try:
		return frappe.get_list("Sales Meeting", pluck="name")
	finally:
		frappe.set_user("Administrator")
