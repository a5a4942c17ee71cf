"""What is open at a date and the Python methods, kept for the periods that have ended: read as one row per
node and KPI, equal to the documents after a rebuild, after changes through the ORM that reach those
periods (and not after those that reach none), and after the night writes the periods that ended and
repairs a tampered row; a period still running is computed from the documents."""

from datetime import date, datetime
from unittest.mock import patch

import frappe
from frappe.utils import add_days, getdate

from sales_technology.kpi import kept_facts, period_facts
from sales_technology.kpi.engine import compute, load_definition
from sales_technology.tests.factories import (
	as_user,
	create_customer,
	create_deal,
	create_quality_feedback,
	create_sales_invoice,
	get_company,
)
from sales_technology.tests.test_kpi_engine import KPIDataTestCase

# October and November 2026 have ended whenever these tests run (from 1 December 2026 on)
ENDED = (date(2026, 10, 1), date(2026, 11, 30))
OCTOBER, NOVEMBER = date(2026, 10, 1), date(2026, 11, 1)
IN_WORK_AMOUNT = "CURRENT_CLIENTS_IN_WORK_AMOUNT"


def computed_from_the_documents():
	"""Patches that fail a read of the documents: what is kept must answer alone."""
	failing = AssertionError("computed from the documents")
	return (
		patch("sales_technology.kpi.engine.compute_kpi", side_effect=failing),
		patch("sales_technology.kpi.engine.open_at_date_together", side_effect=failing),
	)


class TestPeriodFacts(KPIDataTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		users, nodes = cls.dept.users, cls.dept.nodes
		# rep A1's deal open since 20 October; rep B1's opened 3 November and closed on the 25th
		cls.open_deal = create_deal(
			users.rep_a1, cls.customer, opportunity_amount=4000, transaction_date="2026-10-20"
		).name
		cls.closing_deal = create_deal(
			users.rep_b1, cls.customer, opportunity_amount=2500, transaction_date="2026-11-03"
		).name
		frappe.db.set_value("Opportunity", cls.closing_deal, "st_closed_on", "2026-11-25")
		rated = create_customer(st_responsible_sales_person=nodes.rep_a1).name
		create_quality_feedback("Quality (SLA)", rated, [5, 4], "2026-11-10 10:00:00")
		cls.kept = period_facts.rebuild()

	def setUp(self):
		# each test's changes undone after it: the hand-counted figures are the data set's
		frappe.db.savepoint("st_period_facts")
		self.addCleanup(frappe.db.rollback, save_point="st_period_facts")
		self.addCleanup(frappe.flags.pop, "st_period_marks", None)

	def assert_ended_equal_the_documents(self):
		"""Every kept KPI, every node, by week, month, quarter and year of periods that have ended, with
		the company and without: read as kept (the documents not read), equal to the documents."""
		nodes = list(self.dept.nodes.values())
		compared = 0
		periods = {
			"Week": ENDED,
			"Month": ENDED,
			"Quarter": (date(2026, 7, 1), date(2026, 9, 30)),
			"Year": (date(2025, 1, 1), date(2025, 12, 31)),
		}
		for bucket, period in periods.items():
			codes = [c for c in self.kept if load_definition(c).get(f"for_{bucket.lower()}")]
			for company in (get_company(), None):
				documents, activities = computed_from_the_documents()
				with documents, activities:
					kept = compute(codes, nodes, *period, bucket, company=company)
				direct = compute(codes, nodes, *period, bucket, company=company, direct=True)
				for code in codes:
					with self.subTest(kpi=code, bucket=bucket, company=company):
						self.assertEqual(kept[code], direct[code])
				compared += sum(len(facts) for facts in direct.values())
		self.assertGreater(compared, 40)

	def facts(self, kpi, bucket="Month", start=ENDED[0], end=ENDED[1], nodes=None):
		nodes = nodes or list(self.dept.nodes.values())
		return compute([kpi], nodes, start, end, bucket, company=get_company())[kpi]

	def test_the_ended_periods_are_kept_and_read_as_kept(self):
		self.assertEqual(len(self.kept), 13)  # the eight in work and the five methods
		# the eight in work are one query, so one rebuild (the benchmark's processes take a group each)
		groups = period_facts.computed_together(self.kept)
		self.assertEqual([len(group) for group in groups], [8, 1, 1, 1, 1, 1])
		self.assertTrue(all("_IN_WORK" in code for code in groups[0]))
		self.assert_ended_equal_the_documents()
		dept = self.dept.nodes
		in_work = self.facts(IN_WORK_AMOUNT)
		# A1's deal was open at the end of October and of November; B1's opened and closed in November
		self.assertEqual(in_work[(dept.group_a, OCTOBER, "")], 4000)
		self.assertEqual(in_work[(dept.department, NOVEMBER, "")], 4000)
		self.assertNotIn((dept.group_b, NOVEMBER, ""), in_work)
		# the data set's customer first bought on 30 October: 300 to a new client in October, and
		# November's 1000 and 500 to a current one
		self.assertEqual(self.facts("NEW_CLIENTS_AMOUNT")[(dept.department, OCTOBER, "")], 300)
		self.assertEqual(self.facts("CURRENT_CLIENTS_AMOUNT")[(dept.department, NOVEMBER, "")], 1500)
		self.assertEqual(self.facts("QUALITY_LEVEL")[(dept.rep_a1, NOVEMBER, "")], 90)

	def test_a_period_still_running_is_computed_from_the_documents(self):
		dept = self.dept.nodes
		running = (date(2026, 11, 1), period_end_after_today())
		definition = load_definition(IN_WORK_AMOUNT)
		self.assertGreaterEqual(running[1], add_days(getdate(), 0))
		facts = self.facts(IN_WORK_AMOUNT, start=running[0], end=running[1])
		self.assertEqual(
			facts,
			compute([IN_WORK_AMOUNT], list(dept.values()), *running, "Month", get_company(), direct=True)[
				IN_WORK_AMOUNT
			],
		)
		# A1's deal is still open: in work at the end of the running month too
		self.assertEqual(facts[(dept.group_a, date(running[1].year, running[1].month, 1), "")], 4000)
		self.assertLess(getdate(definition.team_facts_through), running[1])

	def test_changes_through_the_orm_rewrite_the_periods_they_reach(self):
		dept, users = self.dept.nodes, self.dept.users
		# a deal opened today reaches no period that has ended
		create_deal(users.rep_a2, self.customer, opportunity_amount=100)
		self.assertEqual(period_facts.refresh_marked(), {})
		# the open deal's amount: every period since it opened on 20 October
		deal = frappe.get_doc("Opportunity", self.open_deal)
		deal.opportunity_amount = 4500
		deal.save(ignore_permissions=True)
		marks = period_facts.refresh_marked()
		self.assertEqual(marks[IN_WORK_AMOUNT], date(2026, 10, 20))
		self.assertNotIn("NEW_CLIENTS_AMOUNT", marks)  # invoices only
		self.assertEqual(self.facts(IN_WORK_AMOUNT)[(dept.group_a, OCTOBER, "")], 4500)
		# B1's deal opened earlier, on 5 October: in work at the end of October now
		deal = frappe.get_doc("Opportunity", self.closing_deal)
		deal.transaction_date = "2026-10-05"
		deal.save(ignore_permissions=True)
		self.assertEqual(period_facts.refresh_marked()[IN_WORK_AMOUNT], date(2026, 10, 5))
		self.assertEqual(self.facts(IN_WORK_AMOUNT)[(dept.group_b, OCTOBER, "")], 2500)
		# a new client's invoice dated back to 2 October
		newcomer = create_customer().name
		create_sales_invoice(newcomer, 250, sales_team={dept.rep_b1: 100}, posting_date="2026-10-02")
		self.assertEqual(period_facts.refresh_marked()["NEW_CLIENTS_AMOUNT"], date(2026, 10, 2))
		self.assertEqual(self.facts("NEW_CLIENTS_AMOUNT")[(dept.rep_b1, OCTOBER, "")], 250)
		# the data set's customer handed to another rep: every period of its churn and feedback
		customer = frappe.get_doc("Customer", self.customer)
		customer.st_responsible_sales_person = dept.rep_b1
		customer.save(ignore_permissions=True)
		marks = period_facts.refresh_marked()
		self.assertEqual(marks["CLIENT_CHURN_PCT"], period_facts.EVERY_PERIOD)
		self.assertNotIn(IN_WORK_AMOUNT, marks)
		# a deal deleted: from the day it opened
		frappe.delete_doc("Opportunity", self.closing_deal, ignore_permissions=True)
		self.assertEqual(period_facts.refresh_marked()[IN_WORK_AMOUNT], date(2026, 10, 5))
		self.assertNotIn((dept.group_b, OCTOBER, ""), self.facts(IN_WORK_AMOUNT))
		self.assert_ended_equal_the_documents()

	def test_the_night_writes_the_periods_that_ended_and_repairs_what_differs(self):
		dept = self.dept.nodes
		# as if the last night had kept them through October only: November read from the documents
		for code in self.kept:
			frappe.db.set_value("Sales KPI", code, "team_facts_through", "2026-10-31")
		frappe.db.delete("Sales KPI Team Fact", {"kpi": ("in", self.kept), "period_start": (">=", NOVEMBER)})
		self.assertEqual(self.facts(IN_WORK_AMOUNT)[(dept.group_a, NOVEMBER, "")], 4000)
		# a tampered October row, under a deal modified since the last night
		row = {"kpi": IN_WORK_AMOUNT, "sales_person": dept.group_a, "period_type": "Month"}
		frappe.db.set_value(
			"Sales KPI Team Fact", {**row, "period_start": OCTOBER, "company": ""}, "total", 1
		)
		frappe.db.set_value(
			"Opportunity", self.open_deal, "modified", datetime(2030, 1, 1), update_modified=False
		)
		frappe.cache.set_value(period_facts.RECONCILED_KEY, datetime(2029, 12, 31))
		self.addCleanup(frappe.cache.delete_value, period_facts.RECONCILED_KEY)
		repaired = period_facts.keep_ended_periods(commit=False)
		self.assertEqual(repaired, {IN_WORK_AMOUNT: 1})
		self.assertTrue(frappe.db.exists("Error Log", {"method": "Kept KPI facts repaired"}))
		self.assertEqual(
			str(frappe.db.get_value("Sales KPI", IN_WORK_AMOUNT, "team_facts_through")),
			str(add_days(getdate(), -1)),
		)
		self.assert_ended_equal_the_documents()

	def test_a_changed_computation_is_read_from_the_documents_until_rebuilt(self):
		kpi = frappe.get_doc("Sales KPI", IN_WORK_AMOUNT)
		filters = kpi.filters
		self.addCleanup(self.restore, filters)
		kpi.filters = '[["opportunity_from", "=", "Customer"]]'  # partners too
		with patch("frappe.enqueue") as enqueue:
			kpi.save()
		self.assertEqual(enqueue.call_args.args[0], "sales_technology.kpi.period_facts.rebuild")
		self.assertIsNone(kpi.team_facts_through)
		nodes = list(self.dept.nodes.values())
		direct = compute([IN_WORK_AMOUNT], nodes, *ENDED, "Month", direct=True)
		self.assertEqual(compute([IN_WORK_AMOUNT], nodes, *ENDED, "Month"), direct)
		period_facts.rebuild([IN_WORK_AMOUNT])
		documents, activities = computed_from_the_documents()
		with documents, activities:
			self.assertEqual(compute([IN_WORK_AMOUNT], nodes, *ENDED, "Month"), direct)

	def restore(self, filters):
		kpi = frappe.get_doc("Sales KPI", IN_WORK_AMOUNT)
		kpi.filters = filters
		with patch("frappe.enqueue"):
			kpi.save()
		period_facts.rebuild([IN_WORK_AMOUNT])

	def test_on_a_site_of_one_company_its_facts_are_computed_once(self):
		"""Every company's facts and the company's own, kept from one computation."""
		with patch("sales_technology.kpi.period_facts.site_companies", return_value=[get_company()]):
			with patch("sales_technology.kpi.period_facts.compute", wraps=period_facts.compute) as computed:
				period_facts.rebuild()
		self.assertFalse([call for call in computed.call_args_list if call.kwargs["company"] is not None])
		self.assert_ended_equal_the_documents()

	def test_the_heads_rebuild_rewrites_the_ended_periods_and_a_rep_or_lead_cannot_ask_for_one(self):
		dept, users = self.dept.nodes, self.dept.users
		for user in (users.rep_a1, users.lead_a, users.lead_b):
			with patch("frappe.enqueue") as enqueue, self.assertRaises(frappe.PermissionError):
				as_user(user, kept_facts.start_rebuild, IN_WORK_AMOUNT)
			enqueue.assert_not_called()
		row = {"kpi": IN_WORK_AMOUNT, "sales_person": dept.group_a, "period_type": "Month"}
		frappe.db.set_value(
			"Sales KPI Team Fact", {**row, "period_start": OCTOBER, "company": ""}, "total", 1
		)
		with patch("frappe.enqueue") as enqueue:
			as_user(users.head, kept_facts.start_rebuild, IN_WORK_AMOUNT)
		self.assertEqual(enqueue.call_args.kwargs["codes"], [IN_WORK_AMOUNT])
		with patch("frappe.publish_progress") as progress, patch("frappe.publish_realtime"):
			kept_facts.rebuild_job(codes=[IN_WORK_AMOUNT])
		self.assertEqual(progress.call_count, 4)  # a step per kind of period
		self.assertEqual(
			compute([IN_WORK_AMOUNT], [dept.group_a], *ENDED)[IN_WORK_AMOUNT][(dept.group_a, OCTOBER, "")],
			4000,
		)

	def test_each_person_reads_his_lines_team_rows_and_nobody_writes_them(self):
		dept, users = self.dept.nodes, self.dept.users
		mine = {"kpi": IN_WORK_AMOUNT, "sales_person": ("in", [dept.group_a, dept.rep_a1, dept.department])}

		def seen(user):
			return set(
				as_user(user, frappe.get_list, "Sales KPI Team Fact", filters=mine, pluck="sales_person")
			)

		self.assertEqual(seen(users.rep_a1), {dept.rep_a1})
		self.assertEqual(seen(users.lead_a), {dept.group_a, dept.rep_a1})
		self.assertEqual(seen(users.lead_b), set())
		self.assertEqual(seen(users.head), {dept.group_a, dept.rep_a1, dept.department})
		row = frappe.db.get_value(
			"Sales KPI Team Fact", {"kpi": IN_WORK_AMOUNT, "sales_person": dept.group_a}
		)
		for user in (users.lead_a, users.lead_b, users.rep_b1, users.head):
			self.assertFalse(frappe.has_permission("Sales KPI Team Fact", "write", row, user=user))
			self.assertFalse(frappe.has_permission("Sales KPI Team Fact", "delete", row, user=user))


def period_end_after_today() -> date:
	"""The last day of the month running today."""
	today = getdate()
	next_month = date(today.year + today.month // 12, today.month % 12 + 1, 1)
	return add_days(next_month, -1)
