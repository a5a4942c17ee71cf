"""Deal control as the department lives it: a rep closes a deal only by asking, through ERPNext's own
Declare Lost or the form's Ask to Close; the lead above consents or sends it back; a postponed deal comes
back on its day; the stale-deal job flags what stopped moving, once, on working days only."""

from __future__ import annotations

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_technology.deals.closing import (
	ClosingRefused,
	approve,
	ask_to_close,
	closing_state,
	flag_waiting_requests,
	reopen_postponed_deals,
	send_back,
)
from sales_technology.deals.stale_deals import flag_stale_deals
from sales_technology.shared.validation import SalesRuleError
from sales_technology.tests.factories import (
	as_user,
	create_customer,
	create_deal,
	create_department,
	create_user,
	get_company,
	get_lost_reason,
	set_setting,
)

MONDAY = date(2026, 11, 30)
SATURDAY = date(2026, 12, 5)


class DealControlCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.dept = create_department()
		cls.customer = create_customer().name
		cls.competitor = get_competitor("ST Rival Logistics")

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")
		self.users = self.dept.users

	def deal(self, owner: str | None = None, **values) -> str:
		values = {"opportunity_amount": 100_000, **values}
		return create_deal(owner or self.users.rep_a1, self.customer, **values).name

	def status_of(self, deal: str) -> tuple:
		return tuple(
			frappe.db.get_value("Opportunity", deal, ["status", "st_closing_status", "st_revisit_on"])
		)


def get_competitor(name: str) -> str:
	if not frappe.db.exists("Competitor", name):
		frappe.get_doc({"doctype": "Competitor", "competitor_name": name}).insert(ignore_permissions=True)
	return name


class TestLossRequests(DealControlCase):
	def test_declare_lost_by_a_rep_asks_the_lead_who_consents(self):
		deal = self.deal()

		def declare_lost():
			# what ERPNext's Set as Lost dialog sends
			doc = frappe.get_doc("Opportunity", deal)
			return doc.declare_enquiry_lost(
				lost_reasons_list=[{"lost_reason": get_lost_reason("ST Chose a Competitor")}],
				competitors=[{"competitor": self.competitor}],
				detailed_reason="They took the rival's price",
			)

		request = as_user(self.users.rep_a1, declare_lost)
		self.assertEqual(self.status_of(deal), ("Open", None, None))
		doc = frappe.get_doc("Deal Loss Request", request)
		self.assertEqual(
			(doc.status, doc.closing_status, doc.sales_person, doc.requested_by, doc.comment),
			("Pending", "Lost", self.dept.nodes.rep_a1, self.users.rep_a1, "They took the rival's price"),
		)
		self.assertEqual([row.competitor for row in doc.competitors], [self.competitor])
		# the lead is told, and the deal's form says it waits
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": self.users.lead_a, "document_name": request})
		)
		state = as_user(self.users.rep_a1, closing_state, deal)
		self.assertEqual((state["needs_consent"], state["pending"].name), (True, request))

		as_user(self.users.lead_a, approve, request)
		self.assertEqual(self.status_of(deal), ("Lost", "Lost", None))
		lost = frappe.get_doc("Opportunity", deal)
		self.assertEqual([row.lost_reason for row in lost.lost_reasons], ["ST Chose a Competitor"])
		self.assertEqual([row.competitor for row in lost.competitors], [self.competitor])
		self.assertEqual(lost.order_lost_reason, "They took the rival's price")
		decided = frappe.get_doc("Deal Loss Request", request)
		self.assertEqual((decided.status, decided.decided_by), ("Approved", self.users.lead_a))
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": self.users.rep_a1, "document_name": request})
		)
		# the stage history knows who closed it
		self.assertEqual(
			frappe.db.get_value("Deal Stage Change", {"opportunity": deal, "event": "Lost"}, "changed_by"),
			self.users.lead_a,
		)

	def test_a_rep_cannot_close_the_deal_himself(self):
		deal = self.deal()

		def close(status):
			doc = frappe.get_doc("Opportunity", deal)
			doc.status = status
			if status == "Lost":
				doc.append("lost_reasons", {"lost_reason": get_lost_reason()})
			doc.save()

		for status in ("Closed", "Lost"):
			with self.assertRaises(SalesRuleError) as refused:
				as_user(self.users.rep_a1, close, status)
			self.assertIn("consent", str(refused.exception))
		self.assertEqual(self.status_of(deal), ("Open", None, None))

	def test_who_decides_and_who_does_not(self):
		deal = self.deal()
		request = as_user(
			self.users.rep_a1, ask_to_close, deal, "Disqualified", comment="Retail chain, not our segment"
		)
		# another group's lead and a fellow rep may not even read it; who asked may not decide
		for outsider in (self.users.rep_a2, self.users.lead_b, self.users.rep_a1):
			with self.assertRaises((frappe.PermissionError, frappe.ValidationError)):
				as_user(outsider, approve, request)
		self.assertEqual(frappe.db.get_value("Deal Loss Request", request, "status"), "Pending")
		# the head above the group decides as well as the lead
		as_user(self.users.head, approve, request)
		self.assertEqual(self.status_of(deal), ("Closed", "Disqualified", None))

	def test_a_lead_does_not_approve_his_own_request(self):
		deal = self.deal(self.users.lead_a)
		request = as_user(
			self.users.lead_a,
			ask_to_close,
			deal,
			"Lost",
			lost_reasons=[{"lost_reason": get_lost_reason()}],
		)
		with self.assertRaises(ClosingRefused) as refused:
			as_user(self.users.lead_a, approve, request)
		self.assertIn("your own request", str(refused.exception))
		self.assertEqual(self.status_of(deal)[0], "Open")
		as_user(self.users.head, approve, request)
		self.assertEqual(self.status_of(deal)[:2], ("Lost", "Lost"))

	def test_incomplete_requests_are_refused_and_nothing_is_saved(self):
		deal = self.deal()
		before = frappe.db.count("Deal Loss Request", {"opportunity": deal})
		for status, values, message in (
			("Lost", {}, "needs its reason"),
			("Postponed", {"comment": "Budget next year"}, "date to come back"),
			("Postponed", {"revisit_on": "2020-01-01"}, "after today"),
			("Disqualified", {}, "not our client"),
		):
			with self.assertRaises(SalesRuleError) as refused:
				as_user(self.users.rep_a1, ask_to_close, deal, status, **values)
			self.assertIn(message, str(refused.exception))
		self.assertEqual(frappe.db.count("Deal Loss Request", {"opportunity": deal}), before)
		self.assertEqual(self.status_of(deal), ("Open", None, None))

	def test_sent_back_the_deal_stays_in_work_with_the_instruction(self):
		deal = self.deal()
		request = as_user(
			self.users.rep_a1, ask_to_close, deal, "Lost", lost_reasons=[{"lost_reason": get_lost_reason()}]
		)
		with self.assertRaises(SalesRuleError):
			as_user(self.users.lead_a, send_back, request, " ")
		as_user(self.users.lead_a, send_back, request, "Call their CFO before giving up")
		self.assertEqual(self.status_of(deal), ("Open", None, None))
		self.assertEqual(
			frappe.db.get_value("Deal Loss Request", request, ["status", "instruction"]),
			("Returned", "Call their CFO before giving up"),
		)
		state = as_user(self.users.rep_a1, closing_state, deal)
		self.assertEqual(state["returned"].instruction, "Call their CFO before giving up")
		# a decided request is not decided again, nor edited
		with self.assertRaises(ClosingRefused):
			as_user(self.users.head, approve, request)

		def edit():
			doc = frappe.get_doc("Deal Loss Request", request)
			doc.comment = "changed"
			doc.save()

		with self.assertRaises(ClosingRefused):
			as_user(self.users.rep_a1, edit)

	def test_a_postponed_deal_comes_back_on_its_day(self):
		deal = self.deal()
		revisit = frappe.utils.add_days(frappe.utils.today(), 30)
		request = as_user(
			self.users.rep_a1, ask_to_close, deal, "Postponed", revisit_on=revisit, comment="Budget in Q1"
		)
		as_user(self.users.lead_a, approve, request)
		self.assertEqual(self.status_of(deal), ("Closed", "Postponed", frappe.utils.getdate(revisit)))
		planned = frappe.get_all(
			"Sales Activity",
			filters={"opportunity": deal, "status": "Planned"},
			fields=["sales_person", "planned_date", "activity_type"],
		)
		self.assertEqual(
			[(row.sales_person, row.planned_date) for row in planned],
			[(self.dept.nodes.rep_a1, frappe.utils.getdate(revisit))],
		)
		self.assertEqual(
			frappe.db.get_value("Opportunity", deal, "st_next_activity_on"), frappe.utils.getdate(revisit)
		)
		# not before its day
		self.assertNotIn(deal, reopen_postponed_deals(frappe.utils.add_days(revisit, -1)))
		self.assertIn(deal, reopen_postponed_deals(revisit))
		self.assertEqual(self.status_of(deal), ("Open", None, None))
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": self.users.rep_a1, "document_name": deal})
		)

	def test_users_outside_the_sales_roles_close_deals_as_erpnext_does(self):
		clerk = create_user(f"st-clerk-{frappe.generate_hash(length=6)}@example.com", roles=("Sales User",))
		deal = self.deal()
		closed = self.deal()

		def declare_lost():
			frappe.get_doc("Opportunity", deal).declare_enquiry_lost(
				lost_reasons_list=[{"lost_reason": get_lost_reason()}], competitors=[]
			)

		def close():
			doc = frappe.get_doc("Opportunity", closed)
			doc.status = "Closed"
			doc.save()

		as_user(clerk, declare_lost)
		as_user(clerk, close)
		self.assertEqual(self.status_of(deal), ("Lost", "Lost", None))
		self.assertEqual(self.status_of(closed), ("Closed", "Disqualified", None))
		self.assertFalse(frappe.db.exists("Deal Loss Request", {"opportunity": ("in", [deal, closed])}))

	def test_requests_follow_the_tree(self):
		deal = self.deal()
		request = as_user(self.users.rep_a1, ask_to_close, deal, "Disqualified", comment="Not a company")
		for user, sees in (
			(self.users.rep_a1, True),
			(self.users.lead_a, True),
			(self.users.head, True),
			(self.users.director, True),
			(self.users.analyst, True),
			(self.users.rep_a2, False),
			(self.users.lead_b, False),
		):
			names = as_user(user, frappe.get_list, "Deal Loss Request", pluck="name")
			self.assertEqual(request in names, sees, user)

	def test_requests_waiting_too_long_go_to_the_head(self):
		deal = self.deal()
		request = as_user(self.users.rep_a1, ask_to_close, deal, "Disqualified", comment="Not a company")
		frappe.db.set_value("Deal Loss Request", request, "requested_on", "2026-11-20 10:00:00")
		set_setting("loss_request_days", 2)
		self.assertIn(request, flag_waiting_requests(date(2026, 11, 23)))
		self.assertNotIn(request, flag_waiting_requests(date(2026, 11, 22)))
		flag_waiting_requests(date(2026, 11, 24))  # told once
		self.assertEqual(
			frappe.db.count("Notification Log", {"for_user": self.users.head, "document_name": request}), 1
		)
		self.assertFalse(
			frappe.db.exists(
				"Notification Log",
				{
					"for_user": self.users.lead_a,
					"document_name": request,
					"st_notification_key": ("like", "%waiting%"),
				},
			)
		)


class TestClosingAcrossTheLine(DealControlCase):
	"""What another group's rep and lead try with a closing request or a deal: refused, nothing changed."""

	def request(self, owner: str | None = None) -> tuple[str, str]:
		owner = owner or self.users.rep_a1
		deal = self.deal(owner)
		name = as_user(owner, ask_to_close, deal, "Disqualified", comment="Not our segment")
		return deal, name

	def rewrite(self, user: str, request: str, **values) -> None:
		def save():
			doc = frappe.get_doc("Deal Loss Request", request)
			doc.update(values)
			doc.save()

		as_user(user, save)

	def stored(self, request: str) -> tuple:
		return tuple(
			frappe.db.get_value("Deal Loss Request", request, ["opportunity", "sales_person", "status"])
		)

	def test_a_lead_of_another_group_cannot_take_a_request_into_his_line_and_approve_it(self):
		deal, request = self.request()
		before = self.stored(request)
		with self.assertRaises(frappe.PermissionError):
			self.rewrite(self.users.lead_b, request, sales_person=self.dept.nodes.rep_b1)
		self.assertEqual(self.stored(request), before)
		with self.assertRaises((frappe.PermissionError, frappe.ValidationError)):
			as_user(self.users.lead_b, approve, request)
		with self.assertRaises((frappe.PermissionError, frappe.ValidationError)):
			as_user(self.users.lead_b, send_back, request, "No")
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.lead_b, frappe.delete_doc, "Deal Loss Request", request)
		self.assertEqual(self.stored(request), before)
		self.assertEqual(self.status_of(deal)[0], "Open")

	def test_a_request_cannot_be_repointed_to_another_groups_deal(self):
		a1_deal = self.deal()
		_b1_deal, request = self.request(self.users.rep_b1)
		before = self.stored(request)
		with self.assertRaises((ClosingRefused, frappe.PermissionError)):
			self.rewrite(self.users.rep_b1, request, opportunity=a1_deal)
		self.assertEqual(self.stored(request), before)
		# approved, the request closes B1's own deal, never A1's
		as_user(self.users.lead_b, approve, request)
		self.assertEqual(self.status_of(a1_deal)[0], "Open")
		self.assertEqual(self.status_of(_b1_deal)[0], "Closed")

	def test_a_rep_files_no_request_on_another_groups_deal(self):
		a1_deal = self.deal()
		with self.assertRaises((ClosingRefused, frappe.PermissionError)):
			as_user(self.users.rep_b1, ask_to_close, a1_deal, "Disqualified", comment="Not ours")
		self.assertFalse(frappe.db.exists("Deal Loss Request", {"opportunity": a1_deal}))

	def test_a_rep_cannot_hand_his_deal_out_of_the_tree_to_close_it_without_consent(self):
		deal = self.deal()

		def hand_over_and_close(owner, status):
			doc = frappe.get_doc("Opportunity", deal)
			doc.opportunity_owner = owner
			if status:
				doc.status = status
			doc.save()

		for owner, status in (
			("Administrator", "Closed"),
			("Administrator", None),
			(self.users.rep_b1, None),
		):
			with self.assertRaises(SalesRuleError):
				as_user(self.users.rep_a1, hand_over_and_close, owner, status)
			self.assertEqual(
				frappe.db.get_value("Opportunity", deal, ["status", "opportunity_owner"]),
				("Open", self.users.rep_a1),
			)
		# his lead hands it to another rep of the group
		as_user(self.users.lead_a, hand_over_and_close, self.users.rep_a2, None)
		self.assertEqual(frappe.db.get_value("Opportunity", deal, "opportunity_owner"), self.users.rep_a2)

	def test_the_leads_instruction_is_shown_only_to_who_reads_the_request(self):
		deal, request = self.request()
		as_user(self.users.lead_a, send_back, request, "Call their CFO first")
		self.assertEqual(
			as_user(self.users.rep_a1, closing_state, deal)["returned"].instruction, "Call their CFO first"
		)
		# the rep of another group does not read the deal at all, nor so its closing
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.rep_b1, closing_state, deal)

	def test_a_requests_reasons_are_not_listed_across_the_line(self):
		deal = self.deal()
		request = as_user(
			self.users.rep_a1,
			ask_to_close,
			deal,
			"Lost",
			lost_reasons=[{"lost_reason": get_lost_reason()}],
			competitors=[{"competitor": self.competitor}],
		)
		from frappe.client import get_list

		for child in ("Opportunity Lost Reason Detail", "Competitor Detail"):
			for user, sees in (
				(self.users.rep_a1, True),
				(self.users.lead_a, True),
				(self.users.rep_b1, False),
			):
				rows = as_user(
					user,
					get_list,
					child,
					fields=["parent"],
					filters={"parent": request},
					parent="Deal Loss Request",
					limit_page_length=0,
				)
				self.assertEqual(bool(rows), sees, (child, user))


class TestStaleDeals(DealControlCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		set_setting("working_day_source", "Monday to Friday")
		set_setting("stale_deal_days", 14)
		set_setting("max_deal_duration_days", 180)

	@classmethod
	def tearDownClass(cls):
		set_setting("working_day_source", "Company Holiday List")
		super().tearDownClass()

	def flags(self, deals: list[str]) -> set[tuple[str, str]]:
		return {
			(row.opportunity, row.reason)
			for row in frappe.get_all(
				"Stale Deal", filters={"opportunity": ("in", deals)}, fields=["opportunity", "reason"]
			)
		}

	def test_the_job_flags_once_clears_and_rests_on_holidays(self):
		quiet = self.deal(transaction_date="2026-11-02")  # no activity since its opening, 28 days
		late = self.deal(transaction_date="2026-11-25", expected_closing="2026-11-27")
		old = self.deal(transaction_date="2026-05-01")  # open 213 days, and quiet
		fresh = self.deal(transaction_date="2026-11-25", expected_closing="2026-12-31")
		b_quiet = self.deal(self.users.rep_b1, transaction_date="2026-11-02")
		deals = [quiet, late, old, fresh, b_quiet]

		# a Saturday is no working day: nothing happens
		self.assertEqual(flag_stale_deals(SATURDAY), {})
		self.assertEqual(self.flags(deals), set())

		flag_stale_deals(MONDAY)
		expected = {
			(quiet, "No Activity"),
			(late, "Past Expected Closing"),
			(old, "No Activity"),
			(old, "Open Too Long"),
			(b_quiet, "No Activity"),
		}
		self.assertEqual(self.flags(deals), expected)
		row = frappe.get_doc("Stale Deal", {"opportunity": old, "reason": "Open Too Long"})
		self.assertEqual(
			(row.sales_person, row.since, row.amount), (self.dept.nodes.rep_a1, date(2026, 5, 1), 100_000)
		)

		notices = {
			user: frappe.get_all(
				"Notification Log",
				filters={"for_user": user, "st_notification_key": ("like", "stale-deals:%")},
				pluck="email_content",
			)
			for user in (self.users.rep_a1, self.users.lead_a, self.users.rep_b1, self.users.lead_b)
		}
		self.assertEqual({user: len(found) for user, found in notices.items()}, dict.fromkeys(notices, 1))
		for deal in (quiet, late, old):
			self.assertIn(deal, notices[self.users.lead_a][0])
		self.assertNotIn(b_quiet, notices[self.users.lead_a][0])

		# the next day: nothing new, no new notice
		again = flag_stale_deals(date(2026, 12, 1))
		self.assertEqual(self.flags(deals), expected)
		self.assertEqual(
			frappe.db.count(
				"Notification Log",
				{"for_user": self.users.lead_a, "st_notification_key": ("like", "stale-deals:%")},
			),
			1,
		)
		self.assertFalse(any(self.flags(deals) - expected))
		self.assertIsInstance(again, dict)

		# an activity on the quiet deal (done today, the latest a rep logs) clears its flag; a closed deal
		# leaves the list
		as_user(
			self.users.rep_a1,
			lambda: frappe.get_doc(
				{
					"doctype": "Sales Activity",
					"subject": "Called the buyer",
					"activity_type": "Establish contact",
					"status": "Done",
					"planned_on": frappe.utils.now_datetime(),
					"done_at": frappe.utils.now_datetime(),
					"party_type": "Opportunity",
					"party": quiet,
				}
			).insert(),
		)
		self.assertEqual(
			frappe.db.get_value("Opportunity", quiet, "st_last_activity_on"),
			frappe.utils.getdate(frappe.utils.today()),
		)
		frappe.db.set_value("Opportunity", late, "status", "Converted")
		flag_stale_deals(date(2026, 12, 2))
		self.assertEqual(
			self.flags(deals), expected - {(quiet, "No Activity"), (late, "Past Expected Closing")}
		)

	def test_the_report_by_rep_and_reason_follows_the_tree(self):
		from sales_technology.sales_technology.report.stale_deals.stale_deals import execute
		from sales_technology.shared.access import NodeAccessError

		quiet = self.deal(transaction_date="2026-11-02")
		other = self.deal(self.users.rep_b1, transaction_date="2026-11-02", expected_closing="2026-11-20")
		flag_stale_deals(MONDAY)

		def report(user, **filters):
			_columns, rows, _message, chart, _summary = as_user(user, execute, filters)
			return {(row.opportunity, row.reason) for row in rows if row.opportunity in (quiet, other)}, chart

		self.assertEqual(report(self.users.rep_a1)[0], {(quiet, "No Activity")})
		head_rows, chart = report(self.users.head, sales_person=self.dept.nodes.department)
		self.assertEqual(
			head_rows, {(quiet, "No Activity"), (other, "No Activity"), (other, "Past Expected Closing")}
		)
		self.assertIn(self.dept.nodes.rep_b1, chart["data"]["labels"])
		self.assertEqual(
			report(self.users.head, sales_person=self.dept.nodes.department, reason="Past Expected Closing")[
				0
			],
			{(other, "Past Expected Closing")},
		)
		with self.assertRaises(NodeAccessError):
			report(self.users.rep_b1, sales_person=self.dept.nodes.rep_a1)
		self.assertEqual(
			set(
				as_user(
					self.users.rep_b1,
					frappe.get_list,
					"Stale Deal",
					filters={"opportunity": quiet},
					pluck="name",
				)
			),
			set(),
		)
