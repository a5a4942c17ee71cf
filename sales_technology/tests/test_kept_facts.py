"""Kept KPI facts equal the documents: after a rebuild, and after documents are saved, changed,
submitted, cancelled and deleted through the ORM; a tampered row is found and repaired by the nightly
reconciliation; a changed computation reads the documents until rebuilt; each person reads his line's
rows only."""

from datetime import date, datetime
from unittest.mock import patch

import frappe

from sales_technology.core.kpi_definition import kept_kind
from sales_technology.core.periods import PeriodType
from sales_technology.kpi import kept_facts
from sales_technology.kpi.engine import compute, facts_are_kept, load_definition
from sales_technology.tests.factories import (
	as_user,
	create_customer,
	create_deal,
	create_sales_invoice,
	get_company,
	get_test_item,
)
from sales_technology.tests.test_kpi_engine import KPIDataTestCase, add_activity
from sales_technology.tests.test_standard_kpis import create_sales_order, ensure_second_item

AUTUMN = (date(2026, 10, 1), date(2026, 12, 31))


class TestKeptFacts(KPIDataTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		nodes = cls.dept.nodes
		# deals open at the ends of the months: one still open, one closed in November
		cls.open_deal = create_deal(
			cls.dept.users.rep_a1, cls.customer, opportunity_amount=4000, transaction_date="2026-10-20"
		).name
		cls.closing_deal = create_deal(
			cls.dept.users.rep_b1, cls.customer, opportunity_amount=2500, transaction_date="2026-11-03"
		).name
		frappe.db.set_value("Opportunity", cls.closing_deal, "st_closed_on", "2026-11-25")
		cls.invoice = create_sales_invoice(
			cls.customer, 800, sales_team={nodes.rep_a2: 50, nodes.rep_b1: 50}, posting_date="2026-11-12"
		).name
		# a claim, counted for the customer's responsible Sales Person (one Link away)
		frappe.db.set_value("Customer", cls.customer, "st_responsible_sales_person", nodes.rep_a1)
		frappe.get_doc(
			{
				"doctype": "Issue",
				"subject": "Late delivery",
				"customer": cls.customer,
				"issue_type": "Claim",
				"opening_date": "2026-11-05",
			}
		).insert(ignore_permissions=True)
		cls.kept = kept_facts.rebuild()

	@classmethod
	def tearDownClass(cls):
		kept_facts.forget_sources()
		super().tearDownClass()

	def assert_kept_equal_the_documents(self, bucket: str = "Day"):
		"""Every kept KPI's facts for the department's nodes, kept and direct, by its finest bucket (or
		`bucket`) and by month."""
		nodes = list(self.dept.nodes.values())
		compared = 0
		for code in self.kept:
			definition = load_definition(code)
			self.assertTrue(facts_are_kept(definition), code)
			for by in {PeriodType(bucket), PeriodType.WEEK, PeriodType.MONTH, PeriodType.QUARTER}:
				if by.level > definition.finest.level:
					continue
				kept = compute([code], nodes, *AUTUMN, by.value, company=get_company())[code]
				direct = compute([code], nodes, *AUTUMN, by.value, company=get_company(), direct=True)[code]
				with self.subTest(kpi=code, bucket=by.value):
					self.assertEqual(kept, direct)
				compared += len(direct)
		self.assertGreater(compared, 20)  # the scene gives facts to compare, not empty dictionaries

	def test_the_kept_kpis_read_together_are_each_read_from_the_documents(self):
		"""One read of the kept rows for every kept KPI of a request gives each the facts of its documents."""
		nodes = list(self.dept.nodes.values())
		together = compute(self.kept, nodes, *AUTUMN, "Month", company=get_company())
		self.assertGreater(sum(len(facts) for facts in together.values()), 20)
		for code in self.kept:
			with self.subTest(kpi=code):
				direct = compute([code], nodes, *AUTUMN, "Month", company=get_company(), direct=True)
				self.assertEqual(together[code], direct[code])

	def test_the_standard_kpis_that_can_be_kept_are_kept(self):
		standard = frappe.get_all("Sales KPI", filters={"is_standard": 1}, fields=["*"])
		self.assertEqual(
			set(self.kept) >= {kpi.name for kpi in standard if kept_kind(kpi)}, True, "every keepable kept"
		)
		self.assertIn("TURNOVER", self.kept)
		self.assertNotIn("STAGE_CONVERSION", self.kept)

	def test_a_customer_handed_to_another_rep_takes_his_claims_along(self):
		nodes = self.dept.nodes
		november = date(2026, 11, 1)
		self.addCleanup(self.hand_customer_to, nodes.rep_a1)
		self.hand_customer_to(nodes.rep_b1)
		claims = compute(["CLAIMS_COUNT"], [nodes.rep_a1, nodes.rep_b1], *AUTUMN, "Month")["CLAIMS_COUNT"]
		self.assertEqual(claims.get((nodes.rep_b1, november, "")), 1)
		self.assertNotIn((nodes.rep_a1, november, ""), claims)
		self.assert_kept_equal_the_documents()

	def hand_customer_to(self, sales_person: str) -> None:
		customer = frappe.get_doc("Customer", self.customer)
		customer.st_responsible_sales_person = sales_person
		customer.save(ignore_permissions=True)
		# the claim's day is marked through the customer, though the claim itself did not change
		self.assertIn("2026-11-05", kept_facts.refresh_marked()["CLAIMS_COUNT"])

	def test_a_rebuild_keeps_facts_equal_to_the_documents(self):
		# (runs before the tests that change the documents)
		self.assert_kept_equal_the_documents()
		nodes = self.dept.nodes
		facts = compute(["TURNOVER", "COLD_CALLS"], [nodes.department, nodes.rep_a1], *AUTUMN, "Month")
		november = date(2026, 11, 1)
		# 1000 split 60/40, 500 for B1, half of 800 each to A2 and B1
		self.assertEqual(facts["TURNOVER"][(nodes.department, november, "")], 2300)
		self.assertEqual(facts["COLD_CALLS"][(nodes.rep_a1, november, "")], 3)
		# read from the kept rows: a row of rep A1's cold calls on 16 November
		self.assertTrue(
			frappe.db.exists(
				"Sales KPI Fact",
				{"kpi": "COLD_CALLS", "sales_person": nodes.rep_a1, "day": "2026-11-16", "total": 1},
			)
		)

	def test_documents_changed_through_the_orm_keep_the_facts_equal(self):
		nodes = self.dept.nodes
		# a new call, then moved to another day and to another rep
		call = add_activity(nodes.rep_a2, self.customer, datetime(2026, 11, 24, 11))
		self.assertIn("COLD_CALLS", kept_facts.refresh_marked())
		self.assert_kept_equal_the_documents()
		call.reload()
		call.done_at = datetime(2026, 10, 14, 9)
		call.sales_person = nodes.rep_b1
		call.save(ignore_permissions=True)
		marks = kept_facts.refresh_marked()
		# and the customer's first meeting, its cold meeting of 18 November, which now has one call more
		# before it (the days of activities whose steps changed are marked for every activity KPI)
		self.assertEqual(set(marks["COLD_CALLS"]), {"2026-11-24", "2026-10-14", "2026-11-18"})
		self.assertEqual(set(marks["CALL_MEETING_ITERATIONS"]), set(marks["COLD_CALLS"]))
		# an invoice cancelled, another submitted; a deal closed earlier; a call deleted
		frappe.get_doc("Sales Invoice", self.invoice).cancel()
		create_sales_invoice(self.customer, 999, sales_team={nodes.rep_a1: 100}, posting_date="2026-12-01")
		deal = frappe.get_doc("Opportunity", self.open_deal)
		deal.transaction_date = "2026-11-02"
		deal.opportunity_amount = 4500
		deal.save(ignore_permissions=True)
		frappe.delete_doc("Sales Activity", call.name, ignore_permissions=True)
		kept_facts.refresh_marked()
		self.assert_kept_equal_the_documents()
		facts = compute(["TURNOVER"], [nodes.department], *AUTUMN, "Month")["TURNOVER"]
		self.assertEqual(facts[(nodes.department, date(2026, 11, 1), "")], 1500)
		self.assertEqual(facts[(nodes.department, date(2026, 12, 1), "")], 999 - 500)

	def test_the_reconciliation_repairs_a_tampered_day_and_month_and_says_so(self):
		nodes = self.dept.nodes
		kept = {"kpi": "COLD_CALLS", "sales_person": nodes.rep_a1}
		day_row = frappe.db.get_value("Sales KPI Fact", {**kept, "per_month": 0, "day": "2026-11-16"})
		month_row = frappe.db.get_value("Sales KPI Fact", {**kept, "per_month": 1, "day": "2026-11-01"})
		team_row = frappe.db.get_value(
			"Sales KPI Team Fact",
			{**kept, "period_type": "Month", "period_start": "2026-11-01", "company": ""},
		)
		frappe.db.set_value("Sales KPI Fact", day_row, "total", 7)
		frappe.db.set_value("Sales KPI Fact", month_row, "total", 10)
		frappe.db.set_value("Sales KPI Team Fact", team_row, "total", 10)
		november, sixteenth = date(2026, 11, 1), date(2026, 11, 16)

		def facts():
			by_day = compute(["COLD_CALLS"], [nodes.rep_a1], *AUTUMN, "Day")["COLD_CALLS"]
			by_month = compute(["COLD_CALLS"], [nodes.rep_a1], *AUTUMN, "Month")["COLD_CALLS"]
			return by_day[(nodes.rep_a1, sixteenth, "")], by_month[(nodes.rep_a1, november, "")]

		# the engine reads the kept rows: a day by its day's row, a whole month by the team's month row
		self.assertEqual(facts(), (7, 10))
		# the calls of that day modified since the last reconciliation
		frappe.db.sql(
			"update `tabSales Activity` set modified = %s where sales_person = %s and date(done_at) = %s",
			(datetime(2030, 1, 1), nodes.rep_a1, "2026-11-16"),
		)
		repaired = kept_facts.reconcile(since=datetime(2029, 12, 31), commit=False)
		self.assertEqual(repaired.get("COLD_CALLS"), 2)  # the people's day and month rows
		self.assertTrue(frappe.db.exists("Error Log", {"method": "Kept KPI facts repaired"}))
		self.assertEqual(facts(), (1, 3))
		# a team's row alone tampered: found against its people's rows, and rolled up again
		group_row = {"kpi": "COLD_CALLS", "sales_person": nodes.group_a, "period_type": "Quarter"}
		frappe.db.set_value("Sales KPI Team Fact", {**group_row, "company": ""}, "total", 50)
		repaired = kept_facts.reconcile(since=datetime(2029, 12, 31), commit=False)
		self.assertEqual(repaired.get("COLD_CALLS"), 1)
		quarter = compute(["COLD_CALLS"], [nodes.group_a], *AUTUMN, "Quarter")["COLD_CALLS"]
		self.assertEqual(
			quarter, compute(["COLD_CALLS"], [nodes.group_a], *AUTUMN, "Quarter", direct=True)["COLD_CALLS"]
		)
		self.assertNotEqual(quarter[(nodes.group_a, date(2026, 10, 1), "")], 50)

	def test_whole_periods_are_read_from_the_teams_rows(self):
		"""Whole weeks, months, quarters and a year, with the company and without: every kept KPI of every
		node from its team's row (the people's rows not read), equal to the documents; a party cold-called
		by two reps counted once in their department."""
		nodes = list(self.dept.nodes.values())
		year = (date(2026, 1, 1), date(2026, 12, 31))
		compared = 0
		with patch("sales_technology.kpi.engine.kept_queries", side_effect=AssertionError("people's rows")):
			for bucket, period in (("Week", AUTUMN), ("Month", AUTUMN), ("Quarter", AUTUMN), ("Year", year)):
				codes = [c for c in self.kept if load_definition(c).finest.level >= PeriodType(bucket).level]
				for company in (get_company(), None):
					kept = compute(codes, nodes, *period, bucket, company=company)
					direct = compute(codes, nodes, *period, bucket, company=company, direct=True)
					with self.subTest(bucket=bucket, company=company):
						self.assertEqual(kept, direct)
					compared += sum(len(facts) for facts in direct.values())
		self.assertGreater(compared, 100)
		dept = self.dept.nodes
		november = compute(["PARTIES_COLD_CALLED"], [dept.department, dept.rep_a1, dept.rep_b1], *AUTUMN)
		# rep A1 and rep B1 each cold-called the customer in November: one party for the department
		facts = november["PARTIES_COLD_CALLED"]
		self.assertEqual(facts[(dept.rep_a1, date(2026, 11, 1), "")], 1)
		self.assertEqual(facts[(dept.rep_b1, date(2026, 11, 1), "")], 1)
		self.assertEqual(facts[(dept.department, date(2026, 11, 1), "")], 1)

	def test_a_rep_moved_to_another_group_counts_there_before_and_after_the_teams_are_rolled_up(self):
		"""The team rows were rolled up under the old tree: the engine reads the people's rows until the
		queued roll-up, then the team rows of the new tree, equal to the documents each time."""
		dept = self.dept.nodes
		groups = [dept.group_a, dept.group_b]
		november = (date(2026, 11, 1), "")
		before = compute(["TURNOVER"], [*groups, dept.rep_a2], *AUTUMN)["TURNOVER"]
		self.addCleanup(self.move_rep, dept.rep_a2, dept.group_a, roll_up=True)
		with patch("frappe.enqueue") as enqueue:
			self.move_rep(dept.rep_a2, dept.group_b)
		self.assertEqual(
			{call.args[0] for call in enqueue.call_args_list},
			{
				"sales_technology.kpi.kept_facts.rebuild_team_rows",
				"sales_technology.kpi.period_facts.rebuild",
			},
		)
		turnover = compute(["TURNOVER"], groups, *AUTUMN)["TURNOVER"]
		self.assertEqual(turnover, compute(["TURNOVER"], groups, *AUTUMN, direct=True)["TURNOVER"])
		# A2's November turnover went with him from group A to group B
		moved = before[(dept.rep_a2, *november)]
		self.assertGreater(moved, 0)
		self.assertEqual(turnover[(dept.group_a, *november)], before[(dept.group_a, *november)] - moved)
		self.assertEqual(turnover[(dept.group_b, *november)], before[(dept.group_b, *november)] + moved)
		kept_facts.rebuild_team_rows()
		with patch("sales_technology.kpi.engine.kept_queries", side_effect=AssertionError("people's rows")):
			self.assertEqual(compute(["TURNOVER"], groups, *AUTUMN)["TURNOVER"], turnover)

	def move_rep(self, rep: str, group: str, roll_up: bool = False) -> None:
		person = frappe.get_doc("Sales Person", rep)
		person.parent_sales_person = group
		person.save(ignore_permissions=True)
		if roll_up:
			kept_facts.rebuild_team_rows()

	def test_a_changed_computation_reads_the_documents_until_rebuilt(self):
		kpi = frappe.get_doc("Sales KPI", "COLD_CALLS")
		self.addCleanup(self.restore_filters, kpi.filters)
		kpi.filters = '[["status", "=", "Done"]]'  # every done activity, not only the cold calls
		kpi.save()
		self.assertFalse(facts_are_kept(load_definition("COLD_CALLS")))
		self.assertIsNone(kpi.kept_signature)
		nodes = self.dept.nodes
		facts = compute(["COLD_CALLS"], [nodes.rep_a1], *AUTUMN, "Month")["COLD_CALLS"]
		self.assertEqual(facts[(nodes.rep_a1, date(2026, 11, 1), "")], 4)  # the cold meeting too
		kept_facts.rebuild(["COLD_CALLS"])
		self.assertTrue(facts_are_kept(load_definition("COLD_CALLS")))
		self.assertEqual(compute(["COLD_CALLS"], [nodes.rep_a1], *AUTUMN, "Month")["COLD_CALLS"], facts)

	def restore_filters(self, filters):
		kpi = frappe.get_doc("Sales KPI", "COLD_CALLS")
		kpi.filters = filters
		kpi.save()
		kept_facts.rebuild(["COLD_CALLS"])

	def test_each_person_reads_the_rows_of_his_line_only(self):
		nodes, users = self.dept.nodes, self.dept.users
		mine = {"kpi": "COLD_CALLS", "sales_person": ("in", [nodes.rep_a1, nodes.rep_b1])}

		def people(user):
			return set(as_user(user, frappe.get_list, "Sales KPI Fact", filters=mine, pluck="sales_person"))

		self.assertEqual(people(users.rep_a1), {nodes.rep_a1})
		self.assertEqual(people(users.lead_b), {nodes.rep_b1})
		self.assertEqual(people(users.head), {nodes.rep_a1, nodes.rep_b1})
		row = frappe.db.get_value("Sales KPI Fact", {"kpi": "COLD_CALLS", "sales_person": nodes.rep_a1})
		for user in (users.rep_a1, users.lead_a, users.head):
			self.assertFalse(frappe.has_permission("Sales KPI Fact", "write", row, user=user))
			self.assertFalse(frappe.has_permission("Sales KPI Fact", "delete", row, user=user))
		# a rebuild is the head's: a rep or a lead asking for one is refused, and nothing is queued
		for user in (users.rep_a1, users.lead_b):
			with patch("frappe.enqueue") as enqueue, self.assertRaises(frappe.PermissionError):
				as_user(user, kept_facts.start_rebuild, "COLD_CALLS")
			enqueue.assert_not_called()
		with patch("frappe.enqueue") as enqueue:
			as_user(users.head, kept_facts.start_rebuild, "COLD_CALLS")
		self.assertEqual(enqueue.call_args.kwargs["codes"], ["COLD_CALLS"])

	def test_a_meeting_held_later_converts_the_cold_call_of_an_earlier_month(self):
		"""The call's own row changes though the call was not saved: its party's meeting was."""
		nodes = self.dept.nodes
		party = create_customer()
		october = (nodes.rep_b1, date(2026, 10, 1), "")
		parts = ["PARTIES_COLD_CALLED", "PARTIES_COLD_CALLED_MET"]

		def counted() -> tuple[float, float]:
			"""B1's October parties cold-called, and those of them met afterwards."""
			kept_facts.refresh_marked()
			self.assert_kept_equal_the_documents("Month")
			facts = compute(parts, [nodes.rep_b1], *AUTUMN, "Month")
			return tuple(facts[kpi].get(october, 0) for kpi in parts)

		called, met = counted()
		call = add_activity(nodes.rep_b1, party.name, datetime(2026, 10, 20, 10))
		self.assertEqual(counted(), (called + 1, met))
		# a rep of the other group meets the party in November: B1's October call converted
		meeting = add_activity(
			nodes.rep_a1, party.name, datetime(2026, 11, 3, 15), activity_type="Discover needs and risks"
		)
		self.assertEqual(frappe.db.get_value("Sales Activity", call.name, "reached_next_step"), 1)
		self.assertEqual(
			frappe.db.get_value("Sales Activity", meeting.name, ["first_meeting", "calls_before_meeting"]),
			(1, 1),
		)
		self.assertEqual(counted(), (called + 1, met + 1))
		conversion = compute(["CONV_COLD_CALL_TO_MEETING"], [nodes.rep_b1], *AUTUMN, "Month")
		self.assertEqual(
			conversion["CONV_COLD_CALL_TO_MEETING"][october], round((met + 1) * 100 / (called + 1), 4)
		)
		# the meeting moved before the call, then deleted: the call converts no more
		meeting.reload()
		meeting.done_at = datetime(2026, 10, 19, 15)
		meeting.save(ignore_permissions=True)
		self.assertEqual(counted(), (called + 1, met))
		self.assertEqual(frappe.db.get_value("Sales Activity", meeting.name, "calls_before_meeting"), 0)
		frappe.delete_doc("Sales Activity", meeting.name, ignore_permissions=True)
		self.assertEqual(counted(), (called + 1, met))
		self.assertEqual(frappe.db.get_value("Sales Activity", call.name, "reached_next_step"), 0)

	def test_an_earlier_order_moves_the_cross_sale_to_a_later_order_of_another_month(self):
		"""Submitting an order dated before the client's others rewrites what they are, and their rows."""
		nodes = self.dept.nodes
		client = create_customer().name
		other = ensure_second_item()
		kpis = ["CROSS_SALES_COUNT", "CROSS_SALES_AMOUNT"]
		months = [date(2026, 10, 1), date(2026, 11, 1)]

		def cross_sales() -> list[float]:
			"""B1's cross-sales count and amount of October and of November."""
			kept_facts.refresh_marked()
			self.assert_kept_equal_the_documents("Month")
			facts = compute(kpis, [nodes.rep_b1], *AUTUMN, "Month")
			return [facts[kpi].get((nodes.rep_b1, month, ""), 0) for month in months for kpi in kpis]

		before = cross_sales()
		create_sales_order(client, [(get_test_item(), 100)], {nodes.rep_b1: 100}, "2026-10-10")
		create_sales_order(client, [(get_test_item(), 200), (other, 300)], {nodes.rep_b1: 100}, "2026-11-05")
		# the November order's second item group is new to the client
		october_count, october_amount, november_count, november_amount = before
		self.assertEqual(
			cross_sales(), [october_count, october_amount, november_count + 1, november_amount + 300]
		)
		# an order of September with the second group: November's is no cross-sale, October's first is
		create_sales_order(client, [(other, 50)], {nodes.rep_b1: 100}, "2026-09-20")
		self.assertEqual(
			cross_sales(), [october_count + 1, october_amount + 100, november_count, november_amount]
		)

	def test_the_kept_steps_are_the_rules_not_what_a_rep_sends(self):
		"""A rep who sends his cold call as converted gets it stored as his party's history says; a rep of
		the other group cannot write it at all."""
		nodes, users = self.dept.nodes, self.dept.users
		party = create_customer(st_responsible_sales_person=nodes.rep_b1).name
		forged = {"reached_next_step": 1, "first_meeting": 1, "calls_before_meeting": 7}

		def forge(activity_name: str) -> None:
			activity = frappe.get_doc("Sales Activity", activity_name)
			activity.update(forged)
			activity.save()

		call = as_user(
			users.rep_b1,
			lambda: add_activity(nodes.rep_b1, party, frappe.utils.now_datetime().replace(microsecond=0)),
		)
		as_user(users.rep_b1, forge, call.name)
		stored = frappe.db.get_value("Sales Activity", call.name, list(forged), as_dict=True)
		self.assertEqual(stored, {"reached_next_step": 0, "first_meeting": 0, "calls_before_meeting": 0})
		with self.assertRaises(frappe.PermissionError):
			as_user(users.rep_a1, forge, call.name)
		with self.assertRaises(frappe.PermissionError):
			as_user(users.lead_a, forge, call.name)
		self.assertEqual(frappe.db.get_value("Sales Activity", call.name, list(forged), as_dict=True), stored)
		kept_facts.refresh_marked()  # the call's day kept, as its commit would have it
