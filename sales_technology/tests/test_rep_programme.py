"""The new rep's programme, as the rep, his lead and the head do it, and refused to another group's rep
and lead: started when he joins, dated in working days, each step recorded by whom it is for, the exam
failed and retaken, the talks with their notes, overdue steps told once, and the progress report."""

import math
from datetime import date

import frappe
from frappe.utils import add_days, add_months, getdate, today

from sales_technology.activities.day_plans import load_norms, shortfalls_of_day
from sales_technology.core.rep_programme import (
	EXAM,
	REP,
	STANDARD_PROGRAMME,
	STANDARD_PROGRAMME_NAME,
	TALK,
	nth_working_day,
)
from sales_technology.people.programme import (
	ProgrammeStepIncomplete,
	ProgrammeStepRefused,
	notify_overdue_steps,
)
from sales_technology.plans.distribution import distribute_to_team
from sales_technology.sales_technology.report.programme_progress.programme_progress import (
	execute as programme_progress,
)
from sales_technology.shared.access import NodeAccessError
from sales_technology.shared.work_calendar import get_holidays
from sales_technology.tests.factories import (
	DepartmentTestCase,
	apply_action,
	as_user,
	create_sales_person,
	create_sales_plan,
	get_company,
)


def programme_of(sales_person: str):
	name = frappe.db.get_value("Rep Programme", {"sales_person": sales_person, "status": ("!=", "Cancelled")})
	return frappe.get_doc("Rep Programme", name)


def step_of(doc, title: str):
	return next(row for row in doc.steps if row.step == title)


def save_step(user: str, programme: str, title: str, **values):
	"""What the form sends: the programme as the user loaded it, one step changed."""

	def save():
		doc = frappe.get_doc("Rep Programme", programme)
		step_of(doc, title).update(values)
		return doc.save()

	return as_user(user, save)


class TestRepProgramme(DepartmentTestCase):
	new_reps = True

	def setUp(self):
		super().setUp()
		frappe.db.savepoint("st_rep_programme")
		self.addCleanup(frappe.db.rollback, save_point="st_rep_programme")

	def test_a_rep_who_joins_a_group_starts_the_standard_programme(self):
		self.assertTrue(frappe.db.get_value("Rep Programme Template", STANDARD_PROGRAMME_NAME, "is_default"))
		doc = programme_of(self.nodes.rep_a1)
		self.assertEqual(doc.status, "Active")
		self.assertEqual(getdate(doc.start_date), getdate(today()))
		self.assertEqual([row.step for row in doc.steps], [step.title for step in STANDARD_PROGRAMME])
		start = getdate(doc.start_date)
		holidays = get_holidays(doc.company, start, add_days(start, 120))
		for row, step in zip(doc.steps, STANDARD_PROGRAMME, strict=True):
			self.assertEqual(
				getdate(row.due_date),
				nth_working_day(start, step.working_day, holidays.__contains__),
				row.step,
			)
		owners = {row.owner_kind: row.owner_user for row in doc.steps}
		self.assertEqual(owners["Rep"], self.users.rep_a1)
		self.assertEqual(owners["Group Lead"], self.users.lead_a)
		self.assertEqual(owners["Head"], self.users.head)
		self.assertEqual(owners["Mentor"], self.users.lead_a)  # no mentor named: the lead
		# a group is no rep: it starts nothing
		self.assertFalse(frappe.db.exists("Rep Programme", {"sales_person": self.nodes.group_a}))
		# a rep made by mistake is deleted with his programme
		mistake = create_sales_person(parent=self.nodes.group_b)
		self.assertTrue(frappe.db.exists("Rep Programme", {"sales_person": mistake}))
		frappe.delete_doc("Sales Person", mistake)
		self.assertFalse(frappe.db.exists("Rep Programme", {"sales_person": mistake}))

	def test_from_joining_to_the_two_month_talk_as_the_rep_his_lead_and_the_head(self):
		rep = create_sales_person(parent=self.nodes.group_a, user=self.users_rep_new())
		name = programme_of(rep).name
		rep_user = frappe.db.get_value("Sales Person", rep, "st_user")
		titles = {step.kind: [] for step in STANDARD_PROGRAMME}
		for step in STANDARD_PROGRAMME:
			titles[step.kind].append(step)
		own = next(step.title for step in STANDARD_PROGRAMME if step.owner == REP)
		exam = titles[EXAM][0].title

		# the rep records his own step, and neither his lead's nor the head's, nor his exam
		save_step(rep_user, name, own, status="Done", notes="Read the first-call standard")
		self.assertEqual(step_of(programme_of(rep), own).done_by, rep_user)
		with self.assertRaises(ProgrammeStepRefused):
			save_step(rep_user, name, "Adaptation on the first day", status="Done")
		with self.assertRaises(ProgrammeStepRefused):
			save_step(rep_user, name, exam, score=95)
		with self.assertRaises(ProgrammeStepRefused):
			save_step(rep_user, name, own, due_date=add_days(today(), 40))

		def cancel():
			doc = frappe.get_doc("Rep Programme", name)
			doc.status = "Cancelled"
			doc.save()

		with self.assertRaises(ProgrammeStepRefused):
			as_user(rep_user, cancel)

		# the exam: failed, then retaken and passed; done only at its pass mark
		save_step(self.users.head, name, exam, score=55)
		row = step_of(programme_of(rep), exam)
		self.assertEqual((row.status, row.attempts, row.pass_mark), ("Open", 1, 70))
		with self.assertRaises(ProgrammeStepIncomplete):
			save_step(self.users.head, name, exam, status="Done")
		save_step(self.users.head, name, exam, score=82)
		row = step_of(programme_of(rep), exam)
		self.assertEqual((row.status, row.attempts, row.done_by), ("Done", 2, self.users.head))

		# a support talk is done with what was said
		talk = titles[TALK][0].title
		with self.assertRaises(ProgrammeStepIncomplete):
			save_step(self.users.lead_a, name, talk, status="Done")
		save_step(self.users.lead_a, name, talk, status="Done", notes="Early failures; booked three meetings")

		# the lead and the head record the rest, up to the two-month talk: the programme is completed
		def finish(owner_kinds):
			doc = frappe.get_doc("Rep Programme", name)
			for row in doc.steps:
				if row.status != "Done" and row.owner_kind in owner_kinds:
					row.status, row.notes = "Done", row.notes or "Done with the rep"
			return doc.save()

		as_user(self.users.head, finish, ("Head",))
		self.assertEqual(programme_of(rep).status, "Active")
		doc = as_user(self.users.lead_a, finish, ("Group Lead", "Mentor"))
		self.assertEqual(doc.status, "Completed")
		self.assertEqual((doc.steps_done, doc.steps_total, doc.steps_overdue), (17, 17, 0))
		last_talk = step_of(doc, "Support talk after two months")
		self.assertEqual((last_talk.status, last_talk.done_by), ("Done", self.users.lead_a))

	def test_another_groups_rep_and_lead_neither_read_nor_change_it(self):
		name = programme_of(self.nodes.rep_a2).name
		stored = frappe.get_doc("Rep Programme", name).as_dict()
		for user in (self.users.rep_b1, self.users.lead_b):
			self.assertNotIn(name, as_user(user, frappe.get_list, "Rep Programme", pluck="name"))
			self.assertFalse(as_user(user, frappe.has_permission, "Rep Programme", "read", name))
			with self.assertRaises(frappe.PermissionError):
				save_step(user, name, "Adaptation on the first day", status="Done", notes="x")

			def move(user=user):
				doc = frappe.get_doc("Rep Programme", name)
				doc.sales_person = self.nodes.rep_b1
				doc.save()

			with self.assertRaises(frappe.PermissionError):
				as_user(user, move)
			with self.assertRaises(frappe.PermissionError):
				as_user(user, frappe.delete_doc, "Rep Programme", name)
		after = frappe.get_doc("Rep Programme", name).as_dict()
		self.assertEqual(after.sales_person, stored.sales_person)
		self.assertEqual([row.status for row in after.steps], [row.status for row in stored.steps])
		# the rep's own colleague reads nothing of it either: his exam and talks are his and his lead's
		self.assertNotIn(name, as_user(self.users.rep_a1, frappe.get_list, "Rep Programme", pluck="name"))

	def test_overdue_steps_reach_their_owner_and_the_lead_once(self):
		rep = create_sales_person(parent=self.nodes.group_a, user=self.users_rep_new())
		rep_user = frappe.db.get_value("Sales Person", rep, "st_user")
		name = programme_of(rep).name

		def started_earlier():
			doc = frappe.get_doc("Rep Programme", name)
			doc.start_date = add_days(today(), -20)
			return doc.save()

		doc = as_user(self.users.lead_a, started_earlier)
		overdue = [row for row in doc.steps if getdate(row.due_date) < getdate(today())]
		self.assertTrue(overdue)
		self.assertEqual(doc.steps_overdue, len(overdue))
		self.assertTrue(notify_overdue_steps())
		own = [row for row in overdue if row.owner_kind == REP]
		logs = frappe.get_all(
			"Notification Log",
			filters={"document_type": "Rep Programme", "document_name": name},
			fields=["for_user", "st_notification_key"],
		)
		self.assertEqual(
			{log.st_notification_key for log in logs if log.for_user == self.users.lead_a},
			{f"rep-programme-step:{row.name}" for row in overdue},
		)
		self.assertEqual(
			{log.st_notification_key for log in logs if log.for_user == rep_user},
			{f"rep-programme-step:{row.name}" for row in own},
		)
		heads = [row for row in overdue if row.owner_kind == "Head"]
		self.assertEqual(
			len([log for log in logs if log.for_user == self.users.head]), len(heads), "the head's own steps"
		)
		notify_overdue_steps()
		self.assertEqual(
			frappe.db.count("Notification Log", {"document_type": "Rep Programme", "document_name": name}),
			len(logs),
		)

	def test_the_progress_report_and_the_leads_card(self):
		rep = create_sales_person(parent=self.nodes.group_a, user=self.users_rep_new())
		name = programme_of(rep).name

		def started_earlier():
			doc = frappe.get_doc("Rep Programme", name)
			doc.start_date = add_days(today(), -30)
			return doc.save()

		as_user(self.users.lead_a, started_earlier)
		save_step(self.users.lead_a, name, "Adaptation on the first day", status="Done")
		save_step(self.users.head, name, "Exam after the training", score=40)
		expected_overdue = sum(
			1
			for row in frappe.get_doc("Rep Programme", name).steps
			if row.status != "Done" and getdate(row.due_date) < getdate(today())
		)
		self.assertTrue(expected_overdue)

		def rows(user, node=None):
			return as_user(user, programme_progress, {"sales_person": node, "status": "Active"})[1]

		lead_rows = {row["sales_person"]: row for row in rows(self.users.lead_a)}
		self.assertEqual(set(lead_rows), {self.nodes.rep_a1, self.nodes.rep_a2, rep})
		row = lead_rows[rep]
		self.assertEqual(
			(row["steps_total"], row["steps_done"], row["steps_overdue"]), (17, 1, expected_overdue)
		)
		self.assertEqual(row["steps_to_come"], 17 - 1 - expected_overdue)
		self.assertTrue(row["exam"].endswith("40 / 70"))
		self.assertEqual(rows(self.users.lead_a)[0]["sales_person"], rep)  # overdue first
		head_rows = {row["sales_person"] for row in rows(self.users.head)}
		self.assertEqual(head_rows, {self.nodes.rep_a1, self.nodes.rep_a2, self.nodes.rep_b1, rep})
		self.assertEqual({row["sales_person"] for row in rows(self.users.rep_a1)}, {self.nodes.rep_a1})
		with self.assertRaises(NodeAccessError):
			rows(self.users.lead_b, self.nodes.group_a)

		# the lead's card: the overdue steps of the new reps he reads, as the desk asks the number card
		from frappe.desk.doctype.number_card.number_card import get_result

		card = frappe.get_doc("Number Card", "New Reps' Overdue Steps")
		for user, expected in ((self.users.lead_a, expected_overdue), (self.users.lead_b, 0)):
			self.assertEqual(as_user(user, get_result, card.as_dict(), card.filters_json), expected, user)

	def test_a_new_rep_gets_his_ramp_up_share_when_the_lead_distributes_the_month(self):
		# rep A1 and A2 work here for years; the new rep joined on 10 March 2048 (first month: 30 %)
		for rep in (self.nodes.rep_a1, self.nodes.rep_a2):
			frappe.db.set_value("Rep Programme", {"sales_person": rep}, "status", "Completed")
		rep = create_sales_person(parent=self.nodes.group_a, user=self.users_rep_new())
		name = programme_of(rep).name

		def joined():
			doc = frappe.get_doc("Rep Programme", name)
			doc.start_date = date(2048, 3, 10)
			return doc.save()

		as_user(self.users.lead_a, joined)
		year = create_sales_plan(self.nodes.department, "Year", date(2048, 1, 1), {"TURNOVER": 1_000_000})
		apply_action(year, "Submit for Approval", self.users.head)
		apply_action(year, "Approve", self.users.director)
		quarter = create_sales_plan(
			self.nodes.department, "Quarter", date(2048, 1, 1), {"TURNOVER": 250_000}, year.name
		)
		apply_action(quarter, "Submit for Approval", self.users.head)
		apply_action(quarter, "Approve", self.users.director)
		month = create_sales_plan(
			self.nodes.group_a, "Month", date(2048, 3, 1), {"COLD_CALLS": 230}, quarter.name
		)
		apply_action(month, "Submit for Approval", self.users.head)
		apply_action(month, "Approve", self.users.head)

		def weeks_of(plan) -> dict[str, float]:
			totals: dict[str, float] = {}
			for week in frappe.get_all(
				"Sales Plan", filters={"parent_plan": plan}, fields=["name", "sales_person"]
			):
				target = frappe.db.get_value(
					"Sales Plan Target", {"parent": week.name, "kpi": "COLD_CALLS"}, "target"
				)
				totals[week.sales_person] = totals.get(week.sales_person, 0) + target
			return totals

		as_user(self.users.lead_a, distribute_to_team, month.name)
		totals = weeks_of(month.name)
		self.assertEqual(set(totals), {self.nodes.rep_a1, self.nodes.rep_a2, rep})
		self.assertEqual(round(sum(totals.values())), 230)
		# weights 1 : 1 : 0.3 of 230 calls: 100, 100 and 30, give or take the weeks' rounding
		self.assertAlmostEqual(totals[rep], 30, delta=3)
		self.assertAlmostEqual(totals[self.nodes.rep_a1], 100, delta=3)
		self.assertAlmostEqual(totals[self.nodes.rep_a2], 100, delta=3)

	def test_a_new_reps_day_norms_and_the_headcount_planner_follow_his_ramp_up(self):
		# rep A2 works here for years; rep A1 and B1 joined today (first month: 30 %)
		frappe.db.set_value("Rep Programme", {"sales_person": self.nodes.rep_a2}, "status", "Completed")
		frappe.get_doc(
			{
				"doctype": "Sales Norm",
				"sales_person": self.nodes.group_a,
				"kpi": "COLD_CALLS",
				"period_type": "Day",
				"minimum": 20,
			}
		).insert()
		day = getdate(today())
		self.assertEqual(load_norms(self.nodes.rep_a1, "Day", day)["COLD_CALLS"].minimum, 6)
		self.assertEqual(load_norms(self.nodes.rep_a2, "Day", day)["COLD_CALLS"].minimum, 20)
		# the evening check, as the lead's and the jobs' one read of many reps: 20 × 30 % = 6 calls
		short = shortfalls_of_day([self.nodes.rep_a1, self.nodes.rep_a2], day)
		minimums = {
			rep: [item.minimum for item in items if item.kpi == "COLD_CALLS"] for rep, items in short.items()
		}
		self.assertEqual(minimums, {self.nodes.rep_a1: [6], self.nodes.rep_a2: [20]})
		# two months on, past the template's last month, he carries the full norm
		self.assertEqual(load_norms(self.nodes.rep_a1, "Day", add_months(day, 2))["COLD_CALLS"].minimum, 20)

		# the head's headcount plan of the department for this month counts A1 and B1 at 30 %
		def plan():
			return frappe.get_doc(
				{
					"doctype": "Sales Headcount Plan",
					"title": "This month",
					"company": get_company(),
					"sales_person": self.nodes.department,
					"period_type": "Month",
					"period_start": day.replace(day=1),
					"revenue_target": 1_200_000,
					"average_deal": 100_000,
					"call_to_meeting": 10,
					"meeting_to_proposal": 50,
					"proposal_to_deal": 50,
					"calls_per_day": 30,
					"meetings_per_day": 2,
					"proposals_per_day": 1,
				}
			).insert()

		doc = as_user(self.users.head, plan)
		self.assertEqual((doc.current_reps, doc.current_capacity), (3, 1.6))
		self.assertEqual(doc.reps_gap, math.ceil(doc.reps_needed - 1.6))
		self.assertGreater(doc.reps_gap, doc.reps_needed - doc.current_reps)

	def users_rep_new(self) -> str:
		from sales_technology.tests.factories import create_user

		return create_user(f"st-new-rep-{frappe.generate_hash(length=6)}@example.com", profile="Sales Rep")
