"""Strategies as cadences, the way the department lives them: a rep starts the intercept on his target
lead, each done step's outcome plans the next one for him (a refusal sends the client to the long
plan, an agreed meeting converts the run), a client runs one cadence at a time, stopping cancels what was
planned, the runs follow the tree, and Cadence Progress counts them by rep and cadence."""

from __future__ import annotations

from datetime import date, timedelta
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today

from sales_technology.activities.report_scope import NodeAccessError
from sales_technology.core.cadences import COLD_CALL, FIRST_CALL, INTERCEPT_TOUCH, LETTER, MEETING
from sales_technology.sales_technology.report.cadence_progress.cadence_progress import execute
from sales_technology.strategies.cadences import (
	CADENCE_CHUNK,
	CadenceRefused,
	start_cadence,
	start_cadences,
	start_cadences_in_background,
	stop_cadence,
)
from sales_technology.tests.factories import as_user, create_customer, create_department, set_working_days


def weekdays_after(day: date, count: int) -> date:
	"""Monday to Friday counted by hand: `count` working days after `day` (0: the day or the Monday)."""
	while day.weekday() >= 5:
		day += timedelta(days=1)
	for _ in range(count):
		day += timedelta(days=1)
		while day.weekday() >= 5:
			day += timedelta(days=1)
	return day


def create_lead(sales_person: str | None = None) -> str:
	suffix = frappe.generate_hash(length=6)
	return (
		frappe.get_doc(
			{
				"doctype": "Lead",
				"first_name": "Anna",
				"last_name": suffix,
				"company_name": f"ST Target Co {suffix}",
				"st_responsible_sales_person": sales_person,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def planned(run: str) -> frappe._dict:
	"""The run's one planned activity."""
	rows = frappe.get_all(
		"Sales Activity",
		filters={"cadence_run": run, "status": "Planned"},
		fields=["name", "activity_type", "cadence_step", "planned_date", "sales_person", "party"],
	)
	assert len(rows) == 1, rows
	return rows[0]


def complete(user: str, activity: str, **values) -> None:
	def save():
		doc = frappe.get_doc("Sales Activity", activity)
		doc.update({"status": "Done", **values})
		doc.save()

	as_user(user, save)


class TestSalesCadences(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		previous = frappe.db.get_single_value("Sales Technology Settings", "working_day_source")
		set_working_days("Monday to Friday")  # the planned days below are counted by hand on weekdays
		cls.addClassCleanup(set_working_days, previous)
		cls.dept = create_department()
		cls.users = cls.dept.users
		cls.nodes = cls.dept.nodes

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")

	def start(self, user: str, cadence: str, party_type: str, party: str, **values) -> str:
		return as_user(user, start_cadence, cadence, party_type, party, **values)

	def test_the_intercept_plans_step_by_step_by_the_outcome_and_a_refusal_goes_to_the_long_plan(self):
		rep = self.users.rep_a1
		lead = create_lead(self.nodes.rep_a1)
		run = self.start(rep, "Intercept", "Lead", lead)
		day = getdate(today())

		first = planned(run)
		self.assertEqual(
			(first.activity_type, first.cadence_step, first.sales_person, first.party, first.planned_date),
			(FIRST_CALL, "1", self.nodes.rep_a1, lead, weekdays_after(day, 0)),
		)
		client = frappe.db.get_value("Lead", lead, ["st_strategy", "st_cadence_run"], as_dict=True)
		self.assertEqual((client.st_strategy, client.st_cadence_run), ("Intercept", run))

		# no answer at the first call: the personalised letter the next working day
		complete(rep, first.name, result="No answer")
		letter = planned(run)
		self.assertEqual((letter.activity_type, letter.cadence_step), (LETTER, "2"))
		self.assertEqual(letter.planned_date, weekdays_after(day, 1))

		# the letter sent: the second call three working days after
		complete(rep, letter.name, result="Letter sent")
		second = planned(run)
		self.assertEqual((second.activity_type, second.cadence_step), (FIRST_CALL, "3"))
		self.assertEqual(second.planned_date, weekdays_after(day, 3))

		# the second call ranks the client: refused without the rank, nothing moves
		with self.assertRaisesRegex(CadenceRefused, "rank the client"):
			complete(rep, second.name, result="Refused")
		self.assertEqual(frappe.db.get_value("Sales Activity", second.name, "status"), "Planned")

		# refused at the second call: the client goes to the long intercept plan, ranked warm
		complete(rep, second.name, result="Refused", client_temperature="Warm")
		touch = planned(run)
		self.assertEqual((touch.activity_type, touch.cadence_step), (INTERCEPT_TOUCH, "5"))
		self.assertEqual(touch.planned_date, weekdays_after(day, 20))
		self.assertEqual(frappe.db.get_value("Lead", lead, "st_temperature"), "Warm")
		self.assertEqual(frappe.db.get_value("Sales Cadence Run", run, "on_long_plan"), 1)

		# months later the client agrees to meet: the meeting is planned and the run is converted
		complete(rep, touch.name, result="Information sent", cadence_outcome="Agreed to Meet")
		meeting = planned(run)
		self.assertEqual((meeting.activity_type, meeting.cadence_step), (MEETING, "4"))
		self.assertEqual(getdate(frappe.db.get_value("Sales Cadence Run", run, "converted_on")), day)

		# the meeting held ends the run
		complete(rep, meeting.name, result="Needs identified")
		ended = frappe.get_doc("Sales Cadence Run", run)
		self.assertEqual(ended.status, "Converted to a Meeting")
		self.assertFalse(ended.current_activity)
		self.assertEqual(
			[(row.step, row.outcome) for row in ended.steps],
			[
				("1", "No Answer"),
				("2", "Done"),
				("3", "Refused"),
				("5", "Agreed to Meet"),
				("4", "Done"),
			],
		)
		self.assertEqual(frappe.db.get_value("Lead", lead, "st_cadence_progress"), "Converted to a Meeting")

	def test_a_client_runs_one_cadence_at_a_time_and_stopping_cancels_its_planned_steps(self):
		customer = create_customer(st_responsible_sales_person=self.nodes.rep_a2).name
		run = self.start(self.users.rep_a2, "Active Coverage", "Customer", customer)
		self.assertEqual(planned(run).activity_type, COLD_CALL)
		before = frappe.db.count("Sales Cadence Run")
		with self.assertRaisesRegex(CadenceRefused, "already runs the cadence"):
			self.start(self.users.rep_a2, "Intercept", "Customer", customer)
		self.assertEqual(frappe.db.count("Sales Cadence Run"), before)

		# the other group's rep cannot stop it; without a reason nobody can
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.rep_b1, stop_cadence, run, "Not ours")
		with self.assertRaisesRegex(CadenceRefused, "why"):
			as_user(self.users.lead_a, stop_cadence, run, " ")
		self.assertEqual(frappe.db.get_value("Sales Cadence Run", run, "status"), "Running")

		as_user(self.users.lead_a, stop_cadence, run, "The client merged with a holding we serve")
		self.assertEqual(frappe.db.get_value("Sales Cadence Run", run, "status"), "Stopped")
		self.assertEqual(
			frappe.get_all("Sales Activity", filters={"cadence_run": run}, pluck="status"), ["Cancelled"]
		)
		# stopped, the client can start another
		self.start(self.users.rep_a2, "Intercept", "Customer", customer)

	def test_a_step_cancelled_by_hand_stops_its_run_with_the_reason(self):
		lead = create_lead(self.nodes.rep_a1)
		run = self.start(self.users.rep_a1, "Intercept", "Lead", lead)

		def cancel():
			doc = frappe.get_doc("Sales Activity", planned(run).name)
			doc.status = "Cancelled"
			doc.cancel_reason = "The company closed its office here"
			doc.save()

		as_user(self.users.rep_a1, cancel)
		stopped = frappe.db.get_value("Sales Cadence Run", run, ["status", "stop_reason"], as_dict=True)
		self.assertEqual(stopped.status, "Stopped")
		self.assertIn("The company closed its office here", stopped.stop_reason)
		self.start(self.users.rep_a1, "Active Coverage", "Lead", lead)  # the client is free again

	def test_a_bulk_start_starts_what_it_can_and_names_the_clients_it_cannot(self):
		running, fresh = create_lead(self.nodes.rep_a1), create_lead(self.nodes.rep_a1)
		self.start(self.users.rep_a1, "Intercept", "Lead", running)
		result = as_user(self.users.rep_a1, start_cadences, "Active Coverage", "Lead", [fresh, running])
		self.assertEqual(len(result["started"]), 1)
		self.assertEqual([row["party"] for row in result["skipped"]], [running])
		self.assertIn("already runs", result["skipped"][0]["reason"])
		self.assertEqual(frappe.db.get_value("Lead", fresh, "st_strategy"), "Active Coverage")

	def test_a_large_selection_starts_in_the_background_with_its_progress(self):
		leads = [create_lead(self.nodes.rep_a1) for _lead in range(CADENCE_CHUNK + 5)]
		with patch("frappe.enqueue") as enqueue:
			result = as_user(self.users.rep_a1, start_cadences, "Active Coverage", "Lead", leads)
		self.assertEqual(result, {"queued": CADENCE_CHUNK + 5, "started": [], "skipped": []})
		queued = enqueue.call_args.kwargs
		self.assertEqual(queued["queue"], "long")
		self.assertEqual(queued["parties"], leads)
		self.assertFalse(frappe.db.exists("Sales Cadence Run", {"party": ("in", leads)}))
		# the job, as the rep who started it (Frappe's worker runs it as him): chunk by chunk, committed
		# after each (not here: the test's transaction stays), his progress bar and the outcome told to him
		with (
			patch.object(frappe.db, "commit"),
			patch("frappe.publish_progress") as progress,
			patch("frappe.publish_realtime") as told,
		):
			done = as_user(
				self.users.rep_a1,
				start_cadences_in_background,
				queued["cadence"],
				queued["party_type"],
				queued["parties"],
			)
		self.assertEqual(len(done["started"]), CADENCE_CHUNK + 5)
		self.assertEqual(frappe.db.count("Sales Cadence Run", {"party": ("in", leads)}), CADENCE_CHUNK + 5)
		self.assertEqual([round(call.args[0]) for call in progress.call_args_list], [80, 100])
		message = next(call for call in told.call_args_list if call.args and call.args[0] == "msgprint")
		self.assertEqual(message.kwargs["user"], self.users.rep_a1)
		self.assertIn(f"Started: {CADENCE_CHUNK + 5}", message.args[1]["message"])

	def test_runs_follow_the_tree(self):
		lead = create_lead(self.nodes.rep_a1)
		run = self.start(self.users.rep_a1, "Intercept", "Lead", lead)
		for user, sees in (
			("rep_a1", True),
			("lead_a", True),
			("head", True),
			("rep_b1", False),
			("lead_b", False),
		):
			listed = as_user(self.users[user], frappe.get_list, "Sales Cadence Run", pluck="name")
			self.assertEqual(run in listed, sees, user)
		# a rep of the other group cannot plan a cadence for rep A1
		with self.assertRaises(frappe.PermissionError):
			self.start(
				self.users.rep_b1, "Active Coverage", "Lead", create_lead(), sales_person=self.nodes.rep_a1
			)

	def test_cadences_are_kept_by_the_head_and_marketing_and_bad_steps_are_refused(self):
		def insert(steps):
			return frappe.get_doc(
				{
					"doctype": "Sales Cadence",
					"cadence_name": f"ST Cadence {frappe.generate_hash(length=6)}",
					"strategy": "Intercept",
					"steps": steps,
				}
			).insert()

		good = [{"step": "1", "activity_type": FIRST_CALL, "offset_days": 0, "offset_from": "Start"}]
		before = frappe.db.count("Sales Cadence")
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.rep_a1, insert, good)
		with self.assertRaisesRegex(CadenceRefused, "working days before"):
			as_user(self.users.analyst, insert, [{**good[0], "offset_days": -1}])
		with self.assertRaisesRegex(CadenceRefused, "branches to step 7"):
			as_user(self.users.analyst, insert, [{**good[0], "on_refused": "7"}])
		self.assertEqual(frappe.db.count("Sales Cadence"), before)
		as_user(self.users.head, insert, good)
		self.assertEqual(frappe.db.count("Sales Cadence"), before + 1)

	def test_cadence_progress_counts_the_runs_by_rep_and_cadence(self):
		rep = self.users.rep_b1  # no other test starts a run for rep B1
		converted, stopped, running = (create_lead(self.nodes.rep_b1) for _ in range(3))
		run = self.start(rep, "Intercept", "Lead", converted)
		complete(rep, planned(run).name, result="Meeting booked")
		complete(rep, planned(run).name, result="Needs identified")
		as_user(rep, stop_cadence, self.start(rep, "Intercept", "Lead", stopped), "Wrong client")
		self.start(rep, "Intercept", "Lead", running)

		_columns, rows, *_ = as_user(
			self.users.head, execute, {"sales_person": self.nodes.rep_b1, "cadence": "Intercept"}
		)
		self.assertEqual(len(rows), 1)
		row = rows[0]
		self.assertEqual(
			(row.started, row.running, row.converted, row.refused, row.stopped, row.conversion),
			(3, 1, 1, 0, 1, 33.3),
		)
		with self.assertRaises(NodeAccessError):
			as_user(self.users.rep_a1, execute, {"sales_person": self.nodes.rep_b1})

	def test_a_letter_step_tells_the_rep_which_template_to_write_from(self):
		template = f"ST Intercept Letter {frappe.generate_hash(length=5)}"
		frappe.get_doc(
			{
				"doctype": "Email Template",
				"name": template,
				"subject": "For {{ company_name }}",
				"response": "Hello",
			}
		).insert(ignore_permissions=True)
		cadence = as_user(
			self.users.head,
			lambda: frappe.get_doc(
				{
					"doctype": "Sales Cadence",
					"cadence_name": f"ST Letter First {frappe.generate_hash(length=5)}",
					"strategy": "Intercept",
					"steps": [
						{
							"step": "1",
							"activity_type": LETTER,
							"offset_days": 0,
							"offset_from": "Start",
							"email_template": template,
							"marketing_support": "Printed on our letterhead",
						}
					],
				}
			).insert(),
		).name
		run = self.start(self.users.rep_a1, cadence, "Lead", create_lead(self.nodes.rep_a1))
		notes = frappe.db.get_value("Sales Activity", planned(run).name, "notes")
		self.assertIn("Printed on our letterhead", notes)
		self.assertIn(template, notes)
