"""Sales activities, norms, day plans and the daily report on a real site."""

from datetime import date, datetime
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_technology.activities import jobs
from sales_technology.activities.day_plans import DayPlanRefused, load_norms, plan_my_day
from sales_technology.activities.timeline import add_to_dashboard, timeline_content
from sales_technology.sales_technology.doctype.daily_sales_report.daily_sales_report import (
	DuplicateDailyReportError,
)
from sales_technology.sales_technology.doctype.sales_activity.sales_activity import (
	ActivityRefused,
	create_next_step,
)
from sales_technology.shared.access import NodeAccessError
from sales_technology.shared.validation import SalesRuleError
from sales_technology.tests.factories import (
	apply_action,
	create_customer,
	create_department,
	create_sales_plan,
	get_company,
	set_setting,
	set_working_days,
)

WEDNESDAY = date(2026, 11, 18)
COLD_CALL = "Establish contact"  # process 2.5, KPI tag Cold Call
NEEDS_MEETING = "Discover needs and risks"  # process 2.6, KPI tag Needs Meeting


def activity(sales_person=None, status="Done", activity_type=COLD_CALL, party=None, when=None, **values):
	when = when or datetime.combine(WEDNESDAY, datetime.min.time()).replace(hour=11)
	doc = frappe.get_doc(
		{
			"doctype": "Sales Activity",
			"activity_type": activity_type,
			"subject": "Call",
			"status": status,
			"sales_person": sales_person,
			"party_type": "Customer" if party else None,
			"party": party,
			"planned_on": when,
			"done_at": when if status == "Done" else None,
			**values,
		}
	)
	return doc.insert()


def as_user(user):
	frappe.set_user(user)


def set_backdating(days: int) -> None:
	set_setting("rep_backdating_days", days)


class ActivityTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		previous = frappe.db.get_single_value("Sales Technology Settings", "working_day_source")
		set_working_days("Monday to Friday")  # the dates below are weekdays and weekends
		cls.addClassCleanup(set_working_days, previous)
		# the dates below lie weeks back: let reps log that far (test_activity_history checks the limit)
		backdating = frappe.db.get_single_value("Sales Technology Settings", "rep_backdating_days")
		set_backdating(3650)
		cls.addClassCleanup(set_backdating, backdating)
		cls.dept = create_department()
		cls.customer = create_customer().name

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")


class TestSalesActivity(ActivityTestCase):
	def test_lifecycle_of_an_activity(self):
		as_user(self.dept.users.rep_a1)
		planned = activity(status="Planned", party=self.customer)
		self.assertEqual(planned.sales_person, self.dept.nodes.rep_a1)  # the user's own by default
		self.assertEqual((planned.planned_date, planned.kpi_tag), (WEDNESDAY, "Cold Call"))
		self.assertEqual(planned.channel, "Phone")  # the type's default channel
		planned.status = "Done"
		planned.result = "Reached the decision maker"
		planned.save()
		self.assertTrue(planned.done_at)
		self.assertEqual(
			planned.done_on, planned.done_at.date() if hasattr(planned.done_at, "date") else planned.done_on
		)
		planned.result = "Won the lottery"
		with self.assertRaises(ActivityRefused):
			planned.save()

	def test_bad_input_is_refused(self):
		as_user(self.dept.users.rep_a1)
		with self.assertRaises(ActivityRefused):  # done without a party
			activity()
		with self.assertRaises(ActivityRefused):  # done in the future
			activity(party=self.customer, when=datetime(2099, 1, 1, 10, 0))
		with self.assertRaises(ActivityRefused):  # planned without a date
			frappe.get_doc(
				{"doctype": "Sales Activity", "activity_type": COLD_CALL, "subject": "x", "status": "Planned"}
			).insert()

	def test_next_step_creates_the_follow_up_once(self):
		as_user(self.dept.users.rep_a1)
		done = activity(
			party=self.customer,
			next_activity_type=NEEDS_MEETING,
			next_planned_on=datetime(2026, 11, 25, 10, 0),
			next_subject="Needs meeting",
		)
		follow_up = frappe.get_doc("Sales Activity", create_next_step(done.name))
		self.assertEqual(
			(follow_up.status, follow_up.party, follow_up.follow_up_of), ("Planned", self.customer, done.name)
		)
		self.assertEqual(follow_up.kpi_tag, "Needs Meeting")
		self.assertEqual(create_next_step(done.name), follow_up.name)

	def test_a_done_activity_is_moved_only_by_the_group_lead(self):
		other = create_customer().name
		as_user(self.dept.users.rep_a1)
		done = activity(party=self.customer)
		done.party = other
		with self.assertRaises(ActivityRefused):
			done.save()
		as_user(self.dept.users.lead_a)
		done.reload()
		done.party = other
		done.save()
		self.assertEqual(frappe.db.get_value("Sales Activity", done.name, "party"), other)

	def test_the_party_timeline_and_dashboard_show_activities(self):
		done = activity(sales_person=self.dept.nodes.rep_a1, party=self.customer, subject="Timeline call")
		items = timeline_content("Customer", self.customer)
		self.assertTrue(any(done.name in item["content"] for item in items))
		dashboard = add_to_dashboard({"fieldname": "customer", "transactions": []})
		self.assertEqual(dashboard["non_standard_fieldnames"]["Sales Activity"], "party")
		self.assertIn("Sales Activity", dashboard["transactions"][-1]["items"])


class TestActivityAccess(ActivityTestCase):
	def test_each_role_sees_its_part(self):
		mine = activity(sales_person=self.dept.nodes.rep_a1, party=self.customer)
		theirs = activity(sales_person=self.dept.nodes.rep_b1, party=self.customer)
		both = {mine.name, theirs.name}

		def visible(user):
			as_user(user)
			names = set(frappe.get_list("Sales Activity", pluck="name", limit_page_length=0)) & both
			frappe.set_user("Administrator")
			return names

		self.assertEqual(visible(self.dept.users.rep_a1), {mine.name})
		self.assertEqual(visible(self.dept.users.rep_a2), set())
		self.assertEqual(visible(self.dept.users.lead_b), {theirs.name})
		self.assertEqual(visible(self.dept.users.head), both)
		as_user(self.dept.users.lead_b)
		self.assertFalse(frappe.has_permission("Sales Activity", "read", mine.name))
		as_user(self.dept.users.rep_a2)
		with self.assertRaises(frappe.PermissionError):  # not for another rep
			activity(sales_person=self.dept.nodes.rep_a1, party=self.customer)


class TestScheduledJobs(ActivityTestCase):
	def test_overdue_planned_activities_become_missed_once(self):
		overdue = activity(sales_person=self.dept.nodes.rep_a1, status="Planned")
		later = activity(
			sales_person=self.dept.nodes.rep_a1, status="Planned", when=datetime(2099, 1, 5, 9, 0)
		)
		self.assertGreaterEqual(jobs.mark_missed_activities(), 1)
		self.assertEqual(frappe.db.get_value("Sales Activity", overdue.name, "status"), "Missed")
		self.assertEqual(frappe.db.get_value("Sales Activity", later.name, "status"), "Planned")
		self.assertEqual(jobs.mark_missed_activities(), 0)

	def test_an_unfulfilled_day_is_flagged_to_the_rep_and_the_lead_once(self):
		frappe.get_doc(
			{
				"doctype": "Sales Norm",
				"sales_person": self.dept.nodes.group_a,
				"kpi": "COLD_CALLS",
				"period_type": "Day",
				"minimum": 3,
			}
		).insert()
		activity(sales_person=self.dept.nodes.rep_a1, party=self.customer)
		for _i in range(3):
			activity(sales_person=self.dept.nodes.rep_a2, party=self.customer)
		notified = jobs.flag_unfulfilled_days(WEDNESDAY)
		self.assertIn(self.dept.users.rep_a1, notified)
		self.assertIn(self.dept.users.lead_a, notified)
		self.assertNotIn(self.dept.users.rep_a2, notified)  # three calls: the norm is met
		log = frappe.get_last_doc("Notification Log", {"for_user": self.dept.users.rep_a1})
		self.assertIn("Cold calls", log.email_content)
		self.assertEqual(jobs.flag_unfulfilled_days(WEDNESDAY), [])  # twice: nothing new
		previous_lang = frappe.local.lang
		frappe.local.lang = "ru"  # the subject is translated differently: still nothing new
		try:
			self.assertEqual(jobs.flag_unfulfilled_days(WEDNESDAY), [])
		finally:
			frappe.local.lang = previous_lang

	def test_a_non_working_day_flags_nobody(self):
		frappe.get_doc(
			{
				"doctype": "Sales Norm",
				"sales_person": self.dept.nodes.group_b,
				"kpi": "COLD_CALLS",
				"period_type": "Day",
				"minimum": 3,
			}
		).insert()
		notified = jobs.flag_unfulfilled_days(date(2026, 11, 21))  # a Saturday
		self.assertNotIn(self.dept.users.rep_b1, notified)


class TestNormsAndDayPlans(ActivityTestCase):
	def norm(self, node, kpi="COLD_CALLS", minimum=None, maximum=None, period_type="Day"):
		return frappe.get_doc(
			{
				"doctype": "Sales Norm",
				"sales_person": node,
				"kpi": kpi,
				"period_type": period_type,
				"minimum": minimum,
				"maximum": maximum,
			}
		).insert()

	def test_norms_are_inherited_and_the_nearest_wins(self):
		self.norm(self.dept.nodes.department, kpi="TECH_PROPOSALS", minimum=10)
		self.norm(self.dept.nodes.group_a, kpi="TECH_PROPOSALS", minimum=20)
		self.norm(self.dept.nodes.department, kpi="MEETINGS_TERMS", minimum=1)
		rep_a1 = load_norms(self.dept.nodes.rep_a1, "Day")
		self.assertEqual(rep_a1["TECH_PROPOSALS"].minimum, 20)
		self.assertEqual(rep_a1["MEETINGS_TERMS"].minimum, 1)
		self.assertEqual(load_norms(self.dept.nodes.rep_b1, "Day")["TECH_PROPOSALS"].minimum, 10)

	def test_bad_norms_are_refused(self):
		with self.assertRaises(SalesRuleError):
			self.norm(self.dept.nodes.rep_b1, minimum=5, maximum=3)
		with self.assertRaises(SalesRuleError):  # not counted from activities
			self.norm(self.dept.nodes.rep_b1, kpi="TURNOVER", minimum=5)

	def test_plan_my_day_from_the_week_plan_and_the_norms(self):
		dept = self.dept
		year = create_sales_plan(dept.nodes.rep_a2, "Year", date(2026, 1, 1), {"TURNOVER": 1})
		quarter = create_sales_plan(
			dept.nodes.rep_a2, "Quarter", date(2026, 10, 1), {"TURNOVER": 1}, year.name
		)
		month = create_sales_plan(
			dept.nodes.rep_a2, "Month", date(2026, 11, 1), {"COLD_CALLS": 80}, quarter.name
		)
		week = create_sales_plan(
			dept.nodes.rep_a2, "Week", date(2026, 11, 16), {"COLD_CALLS": 20, "MEETINGS_NEEDS": 2}, month.name
		)
		apply_action(week, "Submit for Approval", dept.users.head)
		apply_action(week, "Approve", dept.users.lead_a)
		self.norm(dept.nodes.group_a, kpi="MEETINGS_NEEDS", minimum=1)
		planned = activity(sales_person=dept.nodes.rep_a2, status="Planned")
		as_user(dept.users.rep_a2)
		name = plan_my_day(WEDNESDAY.isoformat())
		plan = frappe.get_doc("Sales Plan", name)
		targets = {row.kpi: row.target for row in plan.targets}
		self.assertEqual(targets["COLD_CALLS"], 4)  # 20 over five working days
		self.assertEqual(targets["MEETINGS_NEEDS"], 1)  # 2 over five days gives 0 here; the norm asks for 1
		self.assertEqual(plan.parent_plan, week.name)
		self.assertEqual(frappe.db.get_value("Sales Activity", planned.name, "day_plan"), name)
		self.assertEqual(plan_my_day(WEDNESDAY.isoformat()), name)  # built once
		with self.assertRaises(DayPlanRefused):
			plan_my_day("2026-11-21")  # a Saturday

	def test_a_day_plan_for_a_non_working_day_is_refused(self):
		with self.assertRaises(SalesRuleError):
			create_sales_plan(self.dept.nodes.rep_b1, "Day", date(2026, 11, 22), {"COLD_CALLS": 3})


class TestDailySalesReport(ActivityTestCase):
	def report(self, day=WEDNESDAY, user=None):
		as_user(user or self.dept.users.rep_b1)
		return frappe.get_doc({"doctype": "Daily Sales Report", "report_date": day}).insert()

	def test_a_report_inserted_already_submitted_is_sanitized_too(self):
		"""Frappe skips its sanitizer for a document inserted with docstatus 1 (REST's POST allows it)."""
		as_user(self.dept.users.rep_a1)
		report = frappe.get_doc(
			{
				"doctype": "Daily Sales Report",
				"sales_person": self.dept.nodes.rep_a1,
				"report_date": WEDNESDAY,
				"docstatus": 1,
				"results": "<p>Two calls</p><img src=x onerror=alert(1)>",
				"problems": '"<img src=x onerror=alert(2)>"',
			}
		).insert()
		frappe.set_user("Administrator")
		stored = frappe.db.get_value("Daily Sales Report", report.name, ["results", "problems"], as_dict=True)
		self.assertNotIn("onerror", stored.results)
		self.assertIn("Two calls", stored.results)
		self.assertNotIn("onerror", stored.problems)

	def test_prefilled_from_the_days_activities_and_frozen_once_submitted(self):
		rep = self.dept.nodes.rep_b1
		activity(sales_person=rep, party=self.customer, is_cold=1)
		activity(sales_person=rep, party=self.customer)
		activity(sales_person=rep, party=self.customer, activity_type=NEEDS_MEETING)
		activity(sales_person=rep, party=self.customer, when=datetime(2026, 11, 17, 10, 0))  # another day
		activity(sales_person=rep, status="Planned")  # not done
		report = self.report()
		self.assertEqual(report.sales_person, rep)
		self.assertEqual(
			(report.cold_calls, report.calls, report.needs_meetings, report.meetings), (2, 2, 1, 1)
		)
		self.assertEqual((report.activities_done, report.new_parties), (3, 1))
		with patch(
			"sales_technology.sales_technology.doctype.daily_sales_report.daily_sales_report.now_datetime",
			return_value=datetime(2026, 11, 18, 18, 30),
		):
			report.submit()
		self.assertEqual(report.is_late, 0)
		as_user(self.dept.users.lead_b)  # the day is closed: only the lead adds work to it
		activity(sales_person=rep, party=self.customer)
		report.reload()
		self.assertEqual(report.cold_calls, 2)  # frozen
		report.cold_calls = 10
		with self.assertRaises(frappe.UpdateAfterSubmitError):
			report.save()

	def test_late_submission_is_marked(self):
		report = self.report(date(2026, 11, 16))
		with patch(
			"sales_technology.sales_technology.doctype.daily_sales_report.daily_sales_report.now_datetime",
			return_value=datetime(2026, 11, 17, 9, 0),
		):
			report.submit()
		self.assertEqual(report.is_late, 1)

	def test_one_report_per_rep_and_working_day(self):
		self.report(date(2026, 11, 19))
		with self.assertRaises(DuplicateDailyReportError):
			self.report(date(2026, 11, 19))
		with self.assertRaises(SalesRuleError):
			self.report(date(2026, 11, 22))  # a Sunday

	def test_discipline_report_shows_who_did_not_submit(self):
		from sales_technology.sales_technology.report.daily_report_discipline.daily_report_discipline import (
			execute,
		)

		report = self.report(date(2026, 11, 20))
		report.submit()
		as_user(self.dept.users.lead_b)
		_columns, data, _m, _c, summary = execute(
			{
				"company": get_company(),
				"from_date": "2026-11-16",
				"to_date": "2026-11-20",
				"sales_person": self.dept.nodes.group_b,
			}
		)
		row = next(r for r in data if r["sales_person"] == self.dept.nodes.rep_b1)
		self.assertEqual(row["2026-11-20"], "Late")  # written days after
		self.assertEqual(row["2026-11-16"], "Missing")
		self.assertEqual(summary[0]["value"], 5)
		with self.assertRaises(NodeAccessError):
			execute(
				{"from_date": "2026-11-16", "to_date": "2026-11-20", "sales_person": self.dept.nodes.group_a}
			)


class TestCommercialWorkStatistics(ActivityTestCase):
	def test_activities_per_rep_and_day_against_norms_with_group_totals(self):
		from sales_technology.sales_technology.report.commercial_work_statistics.commercial_work_statistics import (
			execute,
		)

		frappe.get_doc(
			{
				"doctype": "Sales Norm",
				"sales_person": self.dept.nodes.department,
				"kpi": "COLD_CALLS",
				"period_type": "Day",
				"minimum": 5,
			}
		).insert()
		for _i in range(2):
			activity(sales_person=self.dept.nodes.rep_a1, party=self.customer)
		activity(sales_person=self.dept.nodes.rep_a2, party=self.customer)
		as_user(self.dept.users.lead_a)
		columns, data, _m, chart, _s = execute(
			{"from_date": "2026-11-18", "to_date": "2026-11-18", "sales_person": self.dept.nodes.group_a}
		)
		self.assertIn("COLD_CALLS_done", [c["fieldname"] for c in columns])
		total = data[0]
		self.assertEqual(
			(total["sales_person"], total["indent"], total["COLD_CALLS_done"]),
			(self.dept.nodes.group_a, 0, 3),
		)
		rep_a1 = next(r for r in data if r["sales_person"] == self.dept.nodes.rep_a1)
		self.assertEqual(
			(rep_a1["COLD_CALLS_done"], rep_a1["COLD_CALLS_norm"], rep_a1["period"]), (2, 5, "2026-11-18")
		)
		self.assertEqual(chart["type"], "bar")
		_columns, weekly, *_rest = execute(
			{
				"from_date": "2026-11-16",
				"to_date": "2026-11-22",
				"sales_person": self.dept.nodes.group_a,
				"group_by": "Week",
			}
		)
		rep_a1_week = next(r for r in weekly if r["sales_person"] == self.dept.nodes.rep_a1)
		self.assertEqual((rep_a1_week["period"], rep_a1_week["COLD_CALLS_done"]), ("2026-11-16..22", 2))
		with self.assertRaises(NodeAccessError):
			execute(
				{"from_date": "2026-11-18", "to_date": "2026-11-18", "sales_person": self.dept.nodes.group_b}
			)


class TestOneCountOfActivities(ActivityTestCase):
	"""A head who edits an activity KPI's definition changes every count of it together: Plan
	Fulfilment's fact, the Day plan's progress, the norm check of the evening, the daily report and
	Commercial Work Statistics."""

	def setUp(self):
		super().setUp()
		filters = frappe.db.get_value("Sales KPI", "COLD_CALLS", "filters")
		self.addCleanup(frappe.db.set_value, "Sales KPI", "COLD_CALLS", "filters", filters)
		self.addCleanup(frappe.clear_document_cache, "Sales KPI", "COLD_CALLS")

	def test_a_kpi_edited_by_the_head_is_counted_so_everywhere(self):
		from sales_technology.activities.day_plans import day_progress
		from sales_technology.kpi.engine import compute
		from sales_technology.sales_technology.report.commercial_work_statistics.commercial_work_statistics import (
			execute,
		)

		dept, rep = self.dept, self.dept.nodes.rep_b1
		year = create_sales_plan(rep, "Year", date(2026, 1, 1), {"TURNOVER": 1})
		quarter = create_sales_plan(rep, "Quarter", date(2026, 10, 1), {"TURNOVER": 1}, year.name)
		month = create_sales_plan(rep, "Month", date(2026, 11, 1), {"COLD_CALLS": 60}, quarter.name)
		week = create_sales_plan(rep, "Week", date(2026, 11, 16), {"COLD_CALLS": 15}, month.name)
		apply_action(week, "Submit for Approval", dept.users.head)
		apply_action(week, "Approve", dept.users.lead_b)
		frappe.get_doc(
			{
				"doctype": "Sales Norm",
				"sales_person": dept.nodes.group_b,
				"kpi": "COLD_CALLS",
				"period_type": "Day",
				"minimum": 3,
			}
		).insert()
		for channel in ("Phone", "Phone", "E-mail"):
			activity(sales_person=rep, party=self.customer, channel=channel)
		activity(sales_person=rep, party=self.customer, status="Planned", channel="Phone")
		activity(sales_person=rep, party=self.customer, status="Planned", channel="E-mail")

		# the head counts only cold calls made by phone
		as_user(dept.users.head)
		kpi = frappe.get_doc("Sales KPI", "COLD_CALLS")
		kpi.filters = '[["status", "=", "Done"], ["kpi_tag", "=", "Cold Call"], ["channel", "=", "Phone"]]'
		kpi.save()

		fact = compute(["COLD_CALLS"], [rep], WEDNESDAY, WEDNESDAY, "Day")["COLD_CALLS"]
		self.assertEqual(fact[(rep, WEDNESDAY, "")], 2)

		as_user(dept.users.rep_b1)
		day_plan = frappe.get_doc("Sales Plan", plan_my_day(WEDNESDAY.isoformat()))
		progress = {row["kpi"]: row for row in day_progress(day_plan)}
		self.assertEqual((progress["COLD_CALLS"]["done"], progress["COLD_CALLS"]["planned"]), (2, 1))

		report = frappe.get_doc({"doctype": "Daily Sales Report", "report_date": WEDNESDAY}).insert()
		item = next(row for row in report.items if row.kpi == "COLD_CALLS")
		self.assertEqual((report.cold_calls, item.done, item.met), (2, 2, 0))  # three asked, two counted
		self.assertEqual(report.activities_done, 3)  # the log's own tally: every done activity

		frappe.set_user("Administrator")  # the scheduler
		notified = jobs.flag_unfulfilled_days(WEDNESDAY)
		self.assertIn(dept.users.rep_b1, notified)

		as_user(dept.users.lead_b)
		_columns, data, *_rest = execute(
			{"from_date": "2026-11-18", "to_date": "2026-11-18", "sales_person": dept.nodes.group_b}
		)
		row = next(r for r in data if r["sales_person"] == rep)
		self.assertEqual((row["COLD_CALLS_done"], row["total_done"]), (2, 3))

		# the head counts every cold call again: the same numbers follow
		as_user(dept.users.head)
		kpi.reload()
		kpi.filters = '[["status", "=", "Done"], ["kpi_tag", "=", "Cold Call"]]'
		kpi.save()
		as_user(dept.users.rep_b1)
		report.reload()
		report.save()
		item = next(row for row in report.items if row.kpi == "COLD_CALLS")
		self.assertEqual((report.cold_calls, item.done, item.met), (3, 3, 1))

	def test_a_norm_needs_a_kpi_counted_for_its_period(self):
		with self.assertRaises(SalesRuleError):  # contracts prepared are planned by the month only
			frappe.get_doc(
				{
					"doctype": "Sales Norm",
					"sales_person": self.dept.nodes.group_b,
					"kpi": "CONTRACTS_PREPARED",
					"period_type": "Day",
					"minimum": 1,
				}
			).insert()
