"""Meetings with agendas and protocols, tried as the rep who holds them, his group lead, a rep and a lead
of the other group, the head and the director."""

from __future__ import annotations

from datetime import timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, get_datetime, getdate, now_datetime, today

from sales_technology.kpi.engine import compute
from sales_technology.meetings.agreements import development_plan, flag_overdue_agreements
from sales_technology.meetings.sign_off import SignOffRefused, record_sign_off, send_protocol
from sales_technology.sales_technology.doctype.sales_meeting.sales_meeting import MeetingRefused
from sales_technology.shared.access import NodeAccessError
from sales_technology.shared.validation import SalesRuleError
from sales_technology.tests.factories import create_customer, create_department, set_working_days
from sales_technology.tests.test_sales_activities import as_user

NEEDS_MEETING = "Discover needs and risks"  # process 2.6, KPI tag Needs Meeting


def weekday_after(day, weekend: bool = False):
	"""The first working day (Monday to Friday) after `day`, or with `weekend` the first Saturday."""
	day = add_days(day, 1)
	while day.weekday() != 5 if weekend else day.weekday() >= 5:
		day = add_days(day, 1)
	return day


class MeetingTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		previous = frappe.db.get_single_value("Sales Technology Settings", "working_day_source")
		set_working_days("Monday to Friday")
		cls.addClassCleanup(set_working_days, previous)
		if not frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
			frappe.get_doc(  # the protocol is e-mailed: the site needs an outgoing account
				{
					"doctype": "Email Account",
					"email_account_name": "ST Test Outgoing",
					"email_id": "sales@example.com",
					"enable_outgoing": 1,
					"default_outgoing": 1,
					"smtp_server": "127.0.0.1",
					"no_smtp_authentication": 1,
				}
			).insert(ignore_permissions=True)
		cls.dept = create_department()
		cls.key_client = create_customer(st_client_category="Target").name
		cls.other_client = create_customer(st_client_category="Assigned").name
		cls.decision_maker = frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": "Irina",
				"last_name": frappe.generate_hash(length=6),
				"email_ids": [
					{"email_id": f"irina-{frappe.generate_hash(length=6)}@example.com", "is_primary": 1}
				],
				"links": [{"link_doctype": "Customer", "link_name": cls.key_client}],
			}
		).insert(ignore_permissions=True)

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")

	def meeting(self, user=None, client=None, starts=None, **values):
		"""A client meeting the rep A1 plans (two hours ago unless told)."""
		starts = starts or now_datetime() - timedelta(hours=2)
		as_user(user or self.dept.users.rep_a1)
		return frappe.get_doc(
			{
				"doctype": "Sales Meeting",
				"subject": "Needs of the new plant",
				"meeting_kind": "Client Meeting",
				"party_type": "Customer",
				"party": client or self.key_client,
				"decision_maker": self.decision_maker.name,
				"activity_type": NEEDS_MEETING,
				"meeting_date": starts.date(),
				"start_time": starts.strftime("%H:%M:%S"),
				"place": "At the Client",
				**values,
			}
		).insert()

	def hold(self, meeting, agreements=(), agenda=True):
		if agenda and not meeting.agenda:
			meeting.append(
				"agenda", {"topic": "Their plans for next year", "goal": "Find the need", "speaker": "Rep"}
			)
		for agreement in agreements:
			meeting.append("agreements", agreement)
		meeting.status = "Held"
		meeting.discussion = "Capacity of the new plant"
		meeting.save()
		return meeting


class TestAgendaAndProtocol(MeetingTestCase):
	def test_a_key_clients_meeting_is_held_only_with_an_agenda(self):
		meeting = self.meeting()
		self.assertEqual((meeting.sales_person, meeting.is_key_client), (self.dept.nodes.rep_a1, 1))
		meeting.status = "Held"
		with self.assertRaises(MeetingRefused) as refused:
			meeting.save()
		self.assertIn("agenda", str(refused.exception))
		self.hold(frappe.get_doc("Sales Meeting", meeting.name))
		other = self.meeting(client=self.other_client)  # not a key client: no agenda needed
		self.assertEqual(other.is_key_client, 0)
		self.hold(other, agenda=False)

	def test_a_meeting_ends_after_it_starts(self):
		meeting = self.meeting(end_time="00:00:01")  # a new form's end is now: not chosen by anyone
		day_end = get_datetime(f"{meeting.meeting_date} 23:59:00")
		self.assertEqual(meeting.ends_on, min(add_to_date(meeting.starts_on, hours=1), day_end))
		late = self.meeting(starts=get_datetime(f"{meeting.meeting_date} 23:30:00"))
		self.assertEqual(late.ends_on, day_end)  # an hour would end after midnight: the day's end
		late.save()  # and saved again it is not "ending before it starts"
		meeting.end_time = "00:00:00"
		with self.assertRaises(MeetingRefused):
			meeting.save()

	def test_a_protocol_is_written_after_the_meeting_has_begun(self):
		meeting = self.meeting(starts=now_datetime() + timedelta(days=1))
		with self.assertRaises(MeetingRefused):
			self.hold(meeting)
		meeting.reload()
		meeting.append(
			"agreements",
			{"description": "Send the offer", "owner_user": self.dept.users.rep_a1, "due_date": today()},
		)
		with self.assertRaises(MeetingRefused):  # agreements belong to the protocol of a held meeting
			meeting.save()

	def test_a_held_meeting_is_one_done_activity_counted_once(self):
		meeting = self.hold(self.meeting())
		activity = frappe.get_doc("Sales Activity", meeting.sales_activity)
		self.assertEqual(
			(activity.status, activity.activity_type, activity.party, activity.sales_meeting),
			("Done", NEEDS_MEETING, self.key_client, meeting.name),
		)
		meeting.reload()
		meeting.discussion = "Capacity and deadlines"
		meeting.save()  # saved again: still the one activity
		day = getdate(activity.done_on)
		facts = compute(["MEETINGS_NEEDS"], [self.dept.nodes.rep_a1], day, day, "Day")["MEETINGS_NEEDS"]
		self.assertEqual(facts[(self.dept.nodes.rep_a1, day, "")], 1)
		self.assertEqual(frappe.db.count("Sales Activity", {"sales_meeting": meeting.name}), 1)

	def test_a_planned_activity_becomes_the_meeting(self):
		starts = now_datetime() - timedelta(hours=3)
		as_user(self.dept.users.rep_a1)
		planned = frappe.get_doc(
			{
				"doctype": "Sales Activity",
				"activity_type": NEEDS_MEETING,
				"subject": "Needs meeting",
				"status": "Planned",
				"party_type": "Customer",
				"party": self.key_client,
				"planned_on": starts,
			}
		).insert()
		meeting = self.hold(self.meeting(sales_activity=planned.name, starts=starts))
		planned.reload()
		self.assertEqual((planned.status, planned.sales_meeting), ("Done", meeting.name))
		self.assertEqual(frappe.db.count("Sales Activity", {"sales_meeting": meeting.name}), 1)
		second = self.meeting(sales_activity=planned.name)
		with self.assertRaises(SalesRuleError):  # one activity, one meeting
			self.hold(second)


class TestAgreements(MeetingTestCase):
	def test_each_of_our_agreements_is_its_owners_task_and_closing_it_closes_the_agreement(self):
		users = self.dept.users
		due = add_days(today(), 3)
		meeting = self.hold(
			self.meeting(),
			agreements=[
				{"description": "Send the technical proposal", "owner_user": users.rep_a1, "due_date": due},
				{
					"description": "Send us the plant's drawings",
					"side": "Client's",
					"owner_contact": self.decision_maker.name,
					"due_date": due,
				},
			],
		)
		ours, theirs = meeting.agreements
		self.assertTrue(ours.todo)
		self.assertFalse(theirs.todo)
		todo = frappe.get_doc("ToDo", ours.todo)
		self.assertEqual(
			(todo.allocated_to, todo.reference_type, todo.reference_name, str(todo.date)),
			(users.rep_a1, "Sales Meeting", meeting.name, str(due)),
		)
		as_user(users.rep_a1)  # the owner closes his task from his to-do list
		todo = frappe.get_doc("ToDo", ours.todo)
		todo.status = "Closed"
		todo.save()
		self.assertEqual(frappe.db.get_value("Sales Meeting Agreement", ours.name, "status"), "Done")
		plan = development_plan("Customer", self.key_client)
		self.assertEqual([row["description"] for row in plan], ["Send us the plant's drawings"])
		as_user(users.rep_b1)  # the other group sees nothing of it
		self.assertEqual(development_plan("Customer", self.key_client), [])

	def test_an_agreement_needs_an_owner_and_a_due_date(self):
		for agreement in (
			{"description": "Call back", "due_date": today()},  # ours, no owner
			{"description": "Call back", "owner_user": self.dept.users.rep_a1},  # no date
			{"description": "Decide", "side": "Client's", "due_date": today()},  # the client's, no one
		):
			with self.assertRaises(MeetingRefused):
				self.hold(self.meeting(), agreements=[agreement])
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count("ToDo", {"description": ("like", "%Call back%")}), 0)

	def test_overdue_agreements_are_flagged_each_working_day_to_the_owner_and_the_lead(self):
		users = self.dept.users
		meeting = self.hold(
			self.meeting(),
			agreements=[
				{"description": "Send the price list", "owner_user": users.rep_a1, "due_date": today()}
			],
		)
		row = meeting.agreements[0].name
		frappe.set_user("Administrator")  # the scheduler
		saturday = weekday_after(getdate(today()), weekend=True)
		self.assertNotIn(users.rep_a1, flag_overdue_agreements(saturday))  # overdue, but nobody works
		self.assertEqual(frappe.db.get_value("Sales Meeting Agreement", row, "status"), "Overdue")
		working_day = weekday_after(getdate(today()))
		notified = flag_overdue_agreements(working_day)
		self.assertIn(users.rep_a1, notified)
		self.assertIn(users.lead_a, notified)
		self.assertNotIn(users.lead_b, notified)
		self.assertEqual(flag_overdue_agreements(working_day), [])  # once a day
		self.assertIn(users.rep_a1, flag_overdue_agreements(weekday_after(working_day)))  # and the next


class TestSignOff(MeetingTestCase):
	def test_the_protocol_is_sent_to_the_decision_maker_then_agreed_then_signed(self):
		meeting = self.hold(self.meeting())
		with self.assertRaises(SignOffRefused):  # never sent: not signed
			record_sign_off(meeting.name, "Signed by Both")
		meeting.reload()
		meeting.sign_off_status = "Agreed by the Client"
		with self.assertRaises(MeetingRefused):  # nor set by hand
			meeting.save()
		communication = send_protocol(meeting.name)
		sent = frappe.get_doc("Communication", communication)
		self.assertEqual((sent.reference_doctype, sent.reference_name), ("Sales Meeting", meeting.name))
		self.assertEqual(sent.recipients, self.decision_maker.email_id)
		self.assertIn(
			("Customer", self.key_client), [(l.link_doctype, l.link_name) for l in sent.timeline_links]
		)
		self.assertIn("Capacity of the new plant", sent.content)
		record_sign_off(meeting.name, "Agreed by the Client")
		with self.assertRaises(SignOffRefused):  # the scan first
			record_sign_off(meeting.name, "Signed by Both")
		meeting.reload()
		meeting.signed_scan = "/private/files/protocol-signed.pdf"
		meeting.save()
		record_sign_off(meeting.name, "Signed by Both")
		meeting.reload()
		self.assertEqual(meeting.sign_off_status, "Signed by Both")
		self.assertTrue(meeting.sent_on and meeting.agreed_on and meeting.signed_on)
		with self.assertRaises(SignOffRefused):  # no step back
			send_protocol(meeting.name)
		meeting.reload()
		meeting.discussion = "Something else was discussed"
		with self.assertRaises(MeetingRefused):  # what both signed stays
			meeting.save()

	def test_the_protocol_prints_in_english_and_in_russian(self):
		from sales_technology.meetings.sign_off import protocol_html

		meeting = self.hold(self.meeting())
		printed = frappe.get_print("Sales Meeting", meeting.name, "Sales Meeting Protocol")
		self.assertIn("Protocol of the meeting", printed)
		self.assertIn("Their plans for next year", printed)
		russian = protocol_html(meeting, "ru")
		self.assertIn("Протокол встречи", russian)
		self.assertIn("Повестка", russian)

	def test_a_script_in_a_meeting_prints_as_text(self):
		"""Frappe's sanitizer passes a value that parses as JSON (the quotes): the protocol escapes it."""
		payload = '"<img src=x onerror=alert(1)>"'
		meeting = self.meeting(subject=payload)
		meeting.append("agenda", {"topic": payload, "goal": payload, "speaker": "Rep"})
		meeting = self.hold(
			meeting,
			agreements=[
				{
					"description": payload,
					"owner_user": self.dept.users.rep_a1,
					"due_date": add_days(today(), 7),
				}
			],
		)
		meeting.discussion = payload
		meeting.save()
		self.assertIn("<img", frappe.db.get_value("Sales Meeting", meeting.name, "subject"))
		self.assertIn("onerror", frappe.db.get_value("Sales Meeting", meeting.name, "discussion"))
		for user in (self.dept.users.rep_a1, self.dept.users.lead_a):
			as_user(user)
			printed = frappe.get_print("Sales Meeting", meeting.name, "Sales Meeting Protocol")
			self.assertNotIn("<img src=x", printed, user)
			self.assertNotIn("onerror=alert(1)>", printed, user)
			self.assertGreaterEqual(printed.count("&lt;img src=x onerror=alert(1)&gt;"), 4, user)
		frappe.set_user("Administrator")


class TestMeetingAccess(MeetingTestCase):
	def test_the_tree_decides_who_reads_and_edits_a_meeting_and_its_agreements(self):
		users = self.dept.users
		meeting = self.hold(
			self.meeting(),
			agreements=[
				{
					"description": "Send the offer",
					"owner_user": users.rep_a1,
					"due_date": add_days(today(), 2),
				}
			],
		)

		def sees(user):
			as_user(user)
			listed = meeting.name in frappe.get_list("Sales Meeting", pluck="name")
			rows = frappe.get_list(
				"Sales Meeting Agreement",
				parent_doctype="Sales Meeting",
				filters={"parent": meeting.name},
				pluck="name",
			)
			readable = frappe.has_permission("Sales Meeting", "read", meeting.name)
			self.assertEqual(listed, readable, user)
			self.assertEqual(bool(rows), readable, user)
			return readable

		self.assertTrue(sees(users.lead_a))
		self.assertTrue(sees(users.head))
		self.assertTrue(sees(users.director))
		self.assertFalse(sees(users.rep_b1))
		self.assertFalse(sees(users.lead_b))
		as_user(users.lead_a)
		self.assertTrue(frappe.has_permission("Sales Meeting", "write", meeting.name))
		as_user(users.lead_b)
		self.assertFalse(frappe.has_permission("Sales Meeting", "write", meeting.name))
		# a participant from the other group reads the meeting, but does not edit it
		as_user(users.rep_a1)
		meeting.reload()
		meeting.append("participants", {"side": "Ours", "user": users.rep_b1})
		meeting.save()
		self.assertTrue(sees(users.rep_b1))
		self.assertFalse(frappe.has_permission("Sales Meeting", "write", meeting.name))

	def test_the_open_agreements_report_follows_the_tree(self):
		from sales_technology.sales_technology.report.open_agreements.open_agreements import execute

		users = self.dept.users
		meeting = self.hold(
			self.meeting(),
			agreements=[
				{
					"description": "Send the samples",
					"owner_user": users.rep_a1,
					"due_date": add_days(today(), -1),
				}
			],
		)
		as_user(users.lead_a)
		_columns, data, _message, _chart, summary = execute({"sales_person": self.dept.nodes.group_a})
		row = next(row for row in data if row["sales_meeting"] == meeting.name)
		self.assertEqual((row["description"], row["days_overdue"]), ("Send the samples", 1))
		self.assertGreaterEqual(summary[1]["value"], 1)
		as_user(users.lead_b)
		with self.assertRaises(NodeAccessError):
			execute({"sales_person": self.dept.nodes.group_a})


class TestMeetingDiscipline(MeetingTestCase):
	def test_held_with_agenda_and_protocol_by_rep_and_month(self):
		from sales_technology.sales_technology.report.meeting_discipline.meeting_discipline import execute

		users, nodes = self.dept.users, self.dept.nodes
		held = self.hold(self.meeting())
		self.meeting(client=self.other_client)  # planned, not held
		month = (
			held.meeting_date.strftime("%Y-%m")
			if hasattr(held.meeting_date, "strftime")
			else str(held.meeting_date)[:7]
		)
		filters = {
			"sales_person": nodes.group_a,
			"from_date": str(held.meeting_date)[:8] + "01",
			"to_date": add_days(today(), 31),
		}
		as_user(users.lead_a)
		_columns, data = execute(filters)
		row = next(r for r in data if r["sales_person"] == nodes.rep_a1 and r["month"] == month)
		self.assertEqual(
			(row["meetings"], row["held"], row["with_agenda"], row["with_protocol"], row["sent"]),
			(2, 1, 1, 1, 0),
		)
		as_user(users.lead_b)
		with self.assertRaises(NodeAccessError):
			execute(filters)


class TestMeetingCalendar(MeetingTestCase):
	def test_the_calendar_shows_a_meeting_to_its_line_only(self):
		from frappe.desk.calendar import get_events

		meeting = self.meeting()
		day = getdate(meeting.meeting_date)
		field_map = '{"start": "starts_on", "end": "ends_on", "id": "name", "title": "subject"}'
		window = (str(add_days(day, -1)), str(add_days(day, 1)), field_map)
		as_user(self.dept.users.lead_a)
		self.assertIn(meeting.name, [e.name for e in get_events("Sales Meeting", *window)])
		as_user(self.dept.users.rep_b1)
		self.assertNotIn(meeting.name, [e.name for e in get_events("Sales Meeting", *window)])
