"""Every one of the 39 standard KPIs on one hand-checked data set, for a rep, a group and the department,
for November 2026 and, where the KPI is planned by week, for a week of it.

The department: Group A (reps A1, A2) and Group B (reps B1, B2). The facts below were worked out by hand
from the documents `setUpClass` makes; each comment says which documents give a number.
"""

from datetime import date, datetime

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today

from sales_technology.activities.next_steps import FIELDS as STEP_FIELDS
from sales_technology.activities.next_steps import refresh_all as refresh_all_steps
from sales_technology.kpi.engine import compute
from sales_technology.overrides.sales_order import refresh_all_cross_sales
from sales_technology.setup.standard_kpis import CATALOGUE_KPIS, CONVERSION_PARTS, FUNNEL_KPIS
from sales_technology.tests.factories import (
	create_customer,
	create_department,
	create_quality_feedback,
	create_return,
	create_sales_invoice,
	create_sales_person,
	create_user,
	get_company,
	get_test_item,
)

NOVEMBER = date(2026, 11, 1)
WEEK_9 = date(2026, 11, 9)  # Monday 9 – Sunday 15 November
WEEK_16 = date(2026, 11, 16)  # Monday 16 – Sunday 22 November
SECOND_GROUP = "ST KPI Second Group"

# {KPI: {node: fact}} for November; a node missing from a KPI's row has no fact (nothing to count)
MONTH = {
	# invoices: I1 1000 (A1 60 %, A2 40 %), I2 500 (B1) to the new client; a return and a cancelled one
	"TURNOVER": {
		"rep_a1": 600,
		"rep_a2": 400,
		"group_a": 1000,
		"rep_b1": 500,
		"group_b": 500,
		"department": 1500,
	},
	# orders: SO1 1000 of old client (A1; lines 300 + 700 of a new item group), SO2 400 new client pilot (A2 / B2 50 %)
	"NEW_CONTRACTS_COUNT": {
		"rep_a1": 1,
		"rep_a2": 1,
		"group_a": 2,
		"rep_b2": 1,
		"group_b": 1,
		"department": 2,
	},
	"NEW_CONTRACTS_AMOUNT": {
		"rep_a1": 1000,
		"rep_a2": 200,
		"group_a": 1200,
		"rep_b2": 200,
		"group_b": 200,
		"department": 1400,
	},
	"PILOTS_COUNT": {"rep_a2": 1, "group_a": 1, "rep_b2": 1, "group_b": 1, "department": 1},
	"PILOTS_AMOUNT": {"rep_a2": 200, "group_a": 200, "rep_b2": 200, "group_b": 200, "department": 400},
	"CROSS_SALES_COUNT": {"rep_a1": 1, "group_a": 1, "department": 1},
	"CROSS_SALES_AMOUNT": {"rep_a1": 700, "group_a": 700, "department": 700},
	# the new client (B1 responsible) first bought on 5 November
	"NEW_CLIENTS_COUNT": {"rep_b1": 1, "group_b": 1, "department": 1},
	"NEW_CLIENTS_AMOUNT": {"rep_b1": 500, "group_b": 500, "department": 500},
	"CURRENT_CLIENTS_AMOUNT": {"rep_a1": 600, "rep_a2": 400, "group_a": 1000, "department": 1000},
	# October buyers: the old client (A1) bought again, the lost client (B2) did not
	"CLIENT_CHURN_PCT": {"rep_a1": 0, "group_a": 0, "rep_b2": 100, "group_b": 100, "department": 50},
	# quality ratings 5, 4 for the old client (A1), 3 for the new one (B1); satisfaction 4 for the lost one (B2)
	"QUALITY_LEVEL": {"rep_a1": 90, "group_a": 90, "rep_b1": 60, "group_b": 60, "department": 80},
	"SATISFACTION_LEVEL": {"rep_b2": 80, "group_b": 80, "department": 80},
	"CLAIMS_COUNT": {"rep_b1": 1, "group_b": 1, "department": 1},
	# open opportunities on 30 November: two of lead L1 (A1, 5000 + 1000), the old client's (B1, 800), the
	# new client's as a partner (B1, 3000) and partner lead L2's (B2, 2000); lost and closed ones are out
	"POTENTIAL_CLIENTS_IN_WORK": {"rep_a1": 1, "group_a": 1, "department": 1},
	"POTENTIAL_CLIENTS_IN_WORK_AMOUNT": {"rep_a1": 6000, "group_a": 6000, "department": 6000},
	"CURRENT_CLIENTS_IN_WORK": {"rep_b1": 1, "group_b": 1, "department": 1},
	"CURRENT_CLIENTS_IN_WORK_AMOUNT": {"rep_b1": 800, "group_b": 800, "department": 800},
	"POTENTIAL_PARTNERS_IN_WORK": {"rep_b2": 1, "group_b": 1, "department": 1},
	"POTENTIAL_PARTNERS_IN_WORK_AMOUNT": {"rep_b2": 2000, "group_b": 2000, "department": 2000},
	"CURRENT_PARTNERS_IN_WORK": {"rep_b1": 1, "group_b": 1, "department": 1},
	"CURRENT_PARTNERS_IN_WORK_AMOUNT": {"rep_b1": 3000, "group_b": 3000, "department": 3000},
	# activities: cold calls A1 ×3 (L1, L2, L5), A2 (L4), B1 (L3); a planned one does not count
	"COLD_CALLS": {"rep_a1": 3, "rep_a2": 1, "group_a": 4, "rep_b1": 1, "group_b": 1, "department": 5},
	"COLD_MEETINGS": {"rep_a1": 1, "group_a": 1, "rep_b1": 1, "group_b": 1, "department": 2},
	"MEETINGS_NEEDS": {"rep_a1": 1, "group_a": 1, "rep_b2": 1, "group_b": 1, "department": 2},
	"MEETINGS_TERMS": {"rep_a1": 1, "group_a": 1, "department": 1},
	"TECH_PROPOSALS": {"rep_a2": 1, "group_a": 1, "rep_b2": 1, "group_b": 1, "department": 2},
	"CONTRACTS_PREPARED": {"rep_b2": 1, "group_b": 1, "department": 1},
	"NONSTANDARD_SITUATIONS": {"rep_b1": 1, "group_b": 1, "department": 1},
	# L1: two calls before its first meeting (A1); L3: one (B1); the new client: none (B2)
	"CALL_MEETING_ITERATIONS": {
		"rep_a1": 2,
		"group_a": 2,
		"rep_b1": 1,
		"rep_b2": 0,
		"group_b": 0.5,
		"department": 1,
	},
	# cold-called: A1 L1 (met), L2, L5; A2 L4; B1 L3 (met)
	"CONV_COLD_CALL_TO_MEETING": {
		"rep_a1": 100 / 3,
		"rep_a2": 0,
		"group_a": 25,
		"rep_b1": 100,
		"group_b": 100,
		"department": 40,
	},
	# cold meetings: A1 L1 (then a needs meeting), B1 L3 (nothing yet)
	"CONV_COLD_MEETING_TO_WORKING": {
		"rep_a1": 100,
		"group_a": 100,
		"rep_b1": 0,
		"group_b": 0,
		"department": 50,
	},
	# needs meetings: A1 L1 (then terms), B2 the new client (not yet)
	"CONV_TO_TERMS_MEETING": {"rep_a1": 100, "group_a": 100, "rep_b2": 0, "group_b": 0, "department": 50},
	# the conversions' parts: the parties of each first step, and those of them that took the next one
	"PARTIES_COLD_CALLED": {
		"rep_a1": 3,
		"rep_a2": 1,
		"group_a": 4,
		"rep_b1": 1,
		"group_b": 1,
		"department": 5,
	},
	"PARTIES_COLD_CALLED_MET": {"rep_a1": 1, "group_a": 1, "rep_b1": 1, "group_b": 1, "department": 2},
	"PARTIES_MET_COLD": {"rep_a1": 1, "group_a": 1, "rep_b1": 1, "group_b": 1, "department": 2},
	"PARTIES_MET_COLD_THEN_WORKING": {"rep_a1": 1, "group_a": 1, "department": 1},
	"PARTIES_NEEDS_MEETING": {"rep_a1": 1, "group_a": 1, "rep_b2": 1, "group_b": 1, "department": 2},
	"PARTIES_NEEDS_THEN_TERMS": {"rep_a1": 1, "group_a": 1, "department": 1},
	# technical proposals: B2 registered 9 Nov, done 13 Nov (4 days); A2 16 → 18 Nov (2 days)
	"PROPOSAL_PREP_TIME": {"rep_a2": 2, "group_a": 2, "rep_b2": 4, "group_b": 4, "department": 3},
	"CONTRACT_PREP_TIME": {"rep_b2": 7, "group_b": 7, "department": 7},
}

# by dimension value: {KPI: {(node, dimension key): fact}}
MONTH_BY_DIMENSION = {
	"NEW_CONTRACTS_COUNT_BY_SEGMENT": {
		("rep_a1", "segment_1"): 1,
		("rep_a2", "segment_2"): 1,
		("group_b", "segment_2"): 1,
		("department", "segment_1"): 1,
		("department", "segment_2"): 1,
	},
	"NEW_CONTRACTS_AMOUNT_BY_SEGMENT": {
		("rep_a1", "segment_1"): 1000,
		("rep_a2", "segment_2"): 200,
		("group_a", "segment_2"): 200,
		("department", "segment_1"): 1000,
		("department", "segment_2"): 400,
	},
	"NEW_CONTRACTS_COUNT_BY_PRODUCT": {
		("rep_a1", "group_1"): 1,
		("rep_a1", "group_2"): 1,
		("group_b", "group_1"): 1,
		("department", "group_1"): 2,
		("department", "group_2"): 1,
	},
	"NEW_CONTRACTS_AMOUNT_BY_PRODUCT": {
		("rep_a1", "group_1"): 300,
		("rep_a1", "group_2"): 700,
		("rep_b2", "group_1"): 200,
		("group_a", "group_1"): 500,
		("department", "group_1"): 700,
		("department", "group_2"): 700,
	},
}

# {KPI: {week start: {node: fact}}} for the KPIs planned by week
WEEKS = {
	"COLD_CALLS": {
		WEEK_16: {"rep_a1": 1, "rep_a2": 1, "group_a": 2, "rep_b1": 1, "group_b": 1, "department": 3}
	},
	"COLD_MEETINGS": {
		WEEK_16: {"rep_b1": 1, "group_b": 1, "department": 1},
		WEEK_9: {"rep_a1": 1, "group_a": 1, "department": 1},
	},
	"MEETINGS_NEEDS": {WEEK_16: {"rep_a1": 1, "group_a": 1, "department": 1}},
	"MEETINGS_TERMS": {WEEK_16: {"rep_a1": 1, "group_a": 1, "department": 1}},
	"TECH_PROPOSALS": {
		WEEK_16: {"rep_a2": 1, "group_a": 1, "department": 1},
		WEEK_9: {"rep_b2": 1, "group_b": 1, "department": 1},
	},
	"NONSTANDARD_SITUATIONS": {WEEK_16: {"rep_b1": 1, "group_b": 1, "department": 1}},
	# on 15 November the old client's opportunities of A2 (lost only on 19 November) and B1 were both
	# open: one party for the department, two opportunities in the amount
	"CURRENT_CLIENTS_IN_WORK": {
		WEEK_9: {"rep_a2": 1, "group_a": 1, "rep_b1": 1, "group_b": 1, "department": 1},
		WEEK_16: {"rep_b1": 1, "group_b": 1, "department": 1},
	},
	"CURRENT_CLIENTS_IN_WORK_AMOUNT": {
		WEEK_9: {"rep_a2": 1500, "group_a": 1500, "rep_b1": 800, "group_b": 800, "department": 2300},
	},
	# lead L3's opportunity (B2) was open on 8 November and closed on 12 November
	"POTENTIAL_CLIENTS_IN_WORK": {
		date(2026, 11, 2): {"rep_a1": 1, "group_a": 1, "rep_b2": 1, "group_b": 1, "department": 2},
		WEEK_9: {"rep_a1": 1, "group_a": 1, "department": 1},
	},
	"POTENTIAL_CLIENTS_IN_WORK_AMOUNT": {
		date(2026, 11, 2): {
			"rep_a1": 6000,
			"group_a": 6000,
			"rep_b2": 400,
			"group_b": 400,
			"department": 6400,
		}
	},
	"POTENTIAL_PARTNERS_IN_WORK": {WEEK_16: {"rep_b2": 1, "group_b": 1, "department": 1}},
	"CURRENT_PARTNERS_IN_WORK_AMOUNT": {WEEK_9: {"rep_b1": 3000, "group_b": 3000, "department": 3000}},
}


def _ensure(doctype: str, name: str, **values) -> str:
	if not frappe.db.exists(doctype, name):
		frappe.get_doc({"doctype": doctype, **values}).insert(ignore_permissions=True)
	return name


def ensure_second_item() -> str:
	"""An item of a second item group (the first is the test item's), for cross-sales and products."""
	_ensure("Item Group", SECOND_GROUP, item_group_name=SECOND_GROUP, parent_item_group="All Item Groups")
	return _ensure(
		"Item",
		"ST KPI Second Item",
		item_code="ST KPI Second Item",
		item_group=SECOND_GROUP,
		stock_uom="Nos",
		is_stock_item=0,
	)


class TestStandardKPIs(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.dept = create_department()
		nodes, users = cls.dept.nodes, cls.dept.users
		users.rep_b2 = create_user(f"st-rep-b2-{frappe.generate_hash(length=6)}@example.com")
		nodes.rep_b2 = create_sales_person(
			f"ST Rep B2 {frappe.generate_hash(length=6)}", nodes.group_b, user=users.rep_b2
		)
		cls.keys = {
			"segment_1": _ensure("Market Segment", "ST KPI Segment 1", market_segment="ST KPI Segment 1"),
			"segment_2": _ensure("Market Segment", "ST KPI Segment 2", market_segment="ST KPI Segment 2"),
			"group_1": frappe.db.get_value("Item", get_test_item(), "item_group"),
			"group_2": _ensure(
				"Item Group", SECOND_GROUP, item_group_name=SECOND_GROUP, parent_item_group="All Item Groups"
			),
		}
		second_item = ensure_second_item()
		old = create_customer(
			market_segment=cls.keys["segment_1"], st_responsible_sales_person=nodes.rep_a1
		).name
		new = create_customer(
			market_segment=cls.keys["segment_2"], st_responsible_sales_person=nodes.rep_b1
		).name
		lost = create_customer(st_responsible_sales_person=nodes.rep_b2).name
		cls.make_sales(old, new, lost, second_item)
		cls.make_feedback_and_claims(old, new, lost)
		leads = cls.leads = [cls.make_lead(i) for i in range(1, 6)]
		cls.make_opportunities(old, new, leads)
		cls.make_activities(new, old, leads)

	@classmethod
	def make_sales(cls, old, new, lost, second_item):
		nodes = cls.dept.nodes
		# October: both the old and the lost client buy; the old client orders the first item group
		create_sales_invoice(old, 100, sales_team={nodes.rep_a1: 100}, posting_date="2026-10-15")
		create_sales_invoice(lost, 200, sales_team={nodes.rep_b2: 100}, posting_date="2026-10-20")
		create_sales_order(old, [(get_test_item(), 100)], {nodes.rep_a1: 100}, "2026-10-05")
		# November
		create_sales_invoice(
			old, 1000, sales_team={nodes.rep_a1: 60, nodes.rep_a2: 40}, posting_date="2026-11-10"
		)
		sold = create_sales_invoice(new, 500, sales_team={nodes.rep_b1: 100}, posting_date="2026-11-05")
		create_return(sold.name)
		create_sales_invoice(old, 700, sales_team={nodes.rep_b2: 100}, posting_date="2026-11-11").cancel()
		create_sales_order(
			old, [(get_test_item(), 300), (second_item, 700)], {nodes.rep_a1: 100}, "2026-11-12"
		)
		create_sales_order(
			new, [(get_test_item(), 400)], {nodes.rep_a2: 50, nodes.rep_b2: 50}, "2026-11-18", pilot=1
		)

	@classmethod
	def make_feedback_and_claims(cls, old, new, lost):
		create_quality_feedback("Quality (SLA)", old, [5, 4], "2026-11-10 10:00:00")
		create_quality_feedback("Quality (SLA)", new, [3], "2026-11-12 10:00:00")
		create_quality_feedback(
			"Quality (SLA)", new, [1], "2026-10-12 10:00:00"
		)  # October: not in November's level
		create_quality_feedback("Satisfaction", lost, [4], "2026-11-14 10:00:00")
		for customer, issue_type in ((new, "Claim"), (old, None)):
			frappe.get_doc(
				{
					"doctype": "Issue",
					"subject": "Late delivery",
					"customer": customer,
					"issue_type": issue_type,
					"opening_date": "2026-11-13",
				}
			).insert(ignore_permissions=True)

	@classmethod
	def make_lead(cls, number: int) -> str:
		return (
			frappe.get_doc(
				{
					"doctype": "Lead",
					"first_name": f"KPI Lead {number}",
					"company_name": f"ST KPI Lead Co {number}",
				}
			)
			.insert(ignore_permissions=True)
			.name
		)

	@classmethod
	def make_opportunities(cls, old, new, leads):
		users = cls.dept.users
		l1, l2, l3 = leads[:3]
		create_opportunity("Lead", l1, users.rep_a1, "2026-11-03", 5000)
		create_opportunity("Lead", l1, users.rep_a1, "2026-11-04", 1000)
		lost = create_opportunity("Customer", old, users.rep_a2, "2026-10-20", 1500)
		partner = create_opportunity("Customer", new, users.rep_b1, "2026-11-02", 3000, partner=1)
		create_opportunity("Lead", l2, users.rep_b2, "2026-11-17", 2000, partner=1)
		create_opportunity("Customer", old, users.rep_b1, "2026-11-09", 800)
		closed = create_opportunity("Lead", l3, users.rep_b2, "2026-11-05", 400)
		# a quotation keeps its opportunity in work; losing or closing it takes it out, on the day it happens
		create_quotation(partner, new)
		lost.reload()
		lost.declare_enquiry_lost(lost_reasons_list=[], competitors=[])
		frappe.get_doc("Opportunity", closed.name).set_status(update=True, status="Closed")
		cls.closed_on = {
			name: frappe.db.get_value("Opportunity", name, "st_closed_on")
			for name in (lost.name, closed.name, partner.name)
		}
		cls.opportunities = frappe._dict(lost=lost.name, closed=closed.name, partner=partner.name)
		# and as if that had happened on the days the expected facts assume
		frappe.db.set_value("Opportunity", lost.name, "st_closed_on", "2026-11-19")
		frappe.db.set_value("Opportunity", closed.name, "st_closed_on", "2026-11-12")

	@classmethod
	def make_activities(cls, new, old, leads):
		nodes = cls.dept.nodes
		l1, l2, l3, l4, l5 = leads
		cold_call, dm_call = "Establish contact", "Call the decision maker: book a meeting"
		for person, activity_type, party_type, party, done_at in (
			(nodes.rep_a1, cold_call, "Lead", l1, datetime(2026, 11, 3, 10)),
			(nodes.rep_a1, cold_call, "Lead", l2, datetime(2026, 11, 4, 10)),
			(nodes.rep_a1, dm_call, "Lead", l1, datetime(2026, 11, 5, 11)),
			(nodes.rep_a1, "Cold meeting", "Lead", l1, datetime(2026, 11, 10, 12)),
			(nodes.rep_a1, "Discover needs and risks", "Lead", l1, datetime(2026, 11, 16, 14)),
			(nodes.rep_a1, cold_call, "Lead", l5, datetime(2026, 11, 17, 10)),
			(nodes.rep_a1, "Negotiate terms of cooperation", "Lead", l1, datetime(2026, 11, 18, 15)),
			(nodes.rep_a2, cold_call, "Lead", l4, datetime(2026, 11, 19, 10)),
			(nodes.rep_b1, cold_call, "Lead", l3, datetime(2026, 11, 18, 10)),
			(nodes.rep_b1, "Cold meeting", "Lead", l3, datetime(2026, 11, 20, 12)),
			(nodes.rep_b1, "Non-standard situation", "Customer", new, datetime(2026, 11, 19, 9)),
			(nodes.rep_b2, "Discover needs and risks", "Customer", new, datetime(2026, 11, 6, 10)),
		):
			add_activity(person, activity_type, party_type, party, done_at)
		# a planned call is no call yet
		add_activity(nodes.rep_b1, cold_call, "Lead", l3, None, planned_on=datetime(2026, 11, 17, 9))
		for person, activity_type, party, registered, done_at in (
			(
				nodes.rep_b2,
				"Prepare the technical proposal",
				new,
				"2026-11-09 09:00:00",
				datetime(2026, 11, 13, 17),
			),
			(
				nodes.rep_a2,
				"Prepare the technical proposal",
				old,
				"2026-11-16 09:00:00",
				datetime(2026, 11, 18, 17),
			),
			(nodes.rep_b2, "Sign the contract", new, "2026-11-10 09:00:00", datetime(2026, 11, 17, 17)),
		):
			name = add_activity(person, activity_type, "Customer", party, done_at)
			frappe.db.set_value("Sales Activity", name, "creation", registered, update_modified=False)

	def facts(self, kpi: str, bucket: str, start: date, end: date) -> dict:
		nodes = self.dept.nodes
		by_name = {name: key for key, name in nodes.items()}
		raw = compute([kpi], list(nodes.values()), start, end, bucket, company=get_company())[kpi]
		return {(by_name[node], day, dimension): value for (node, day, dimension), value in raw.items()}

	def test_every_standard_kpi_is_checked_here(self):
		"""The methodology's 39 here; the funnel's, per stage, in test_funnel_analysis."""
		from sales_technology.tests.test_funnel_analysis import NOVEMBER_FACTS

		checked = set(MONTH) | set(MONTH_BY_DIMENSION)
		self.assertEqual(checked, {kpi["code"] for kpi in CATALOGUE_KPIS + CONVERSION_PARTS})
		self.assertEqual(set(NOVEMBER_FACTS), {kpi["code"] for kpi in FUNNEL_KPIS})

	def test_the_steps_written_at_once_are_those_written_per_party(self):
		"""The upgrade's and the bulk import's statements give every activity the steps its saves gave."""
		fields = ["name", *STEP_FIELDS]
		mine = {"sales_person": ("in", list(self.dept.nodes.values()))}
		saved = {row.name: row for row in frappe.get_all("Sales Activity", filters=mine, fields=fields)}
		self.assertTrue(any(row.reached_next_step for row in saved.values()))
		self.assertTrue(any(row.calls_before_meeting for row in saved.values()))
		frappe.db.sql("update `tabSales Activity` set reached_next_step = 1 - reached_next_step")
		refresh_all_steps()
		again = frappe.get_all("Sales Activity", filters=mine, fields=fields)
		self.assertEqual({row.name: row for row in again}, saved)

	def test_the_cross_sales_marked_at_once_are_those_marked_per_order(self):
		orders = frappe.get_all(
			"Sales Team",
			filters={"parenttype": "Sales Order", "sales_person": ("in", list(self.dept.nodes.values()))},
			pluck="parent",
		)
		lines = {"parenttype": "Sales Order", "parent": ("in", orders)}
		fields = ["name", "item_code", "st_cross_sale"]
		saved = {row.name: row for row in frappe.get_all("Sales Order Item", filters=lines, fields=fields)}
		# the old client's November line of the second item group, and only it
		self.assertEqual(
			[row.item_code for row in saved.values() if row.st_cross_sale], ["ST KPI Second Item"]
		)
		frappe.db.sql("update `tabSales Order Item` set st_cross_sale = 1 - st_cross_sale")
		refresh_all_cross_sales()
		again = frappe.get_all("Sales Order Item", filters=lines, fields=fields)
		self.assertEqual({row.name: row for row in again}, saved)

	def test_the_kpis_computed_together_are_each_computed_alone(self):
		"""One query for several KPIs (the eight in work over the open deals) gives each its own facts."""
		codes = [kpi["code"] for kpi in CATALOGUE_KPIS + CONVERSION_PARTS if "Month" in kpi["periods"]]
		nodes = list(self.dept.nodes.values())
		together = compute(codes, nodes, NOVEMBER, date(2026, 11, 30), "Month", company=get_company())
		in_work = [code for code in codes if code.endswith(("_IN_WORK", "_IN_WORK_AMOUNT"))]
		self.assertEqual(len(in_work), 8)
		self.assertTrue(any(together[code] for code in in_work))  # not a comparison of nothing
		for code in codes:
			with self.subTest(kpi=code):
				alone = compute([code], nodes, NOVEMBER, date(2026, 11, 30), "Month", company=get_company())
				self.assertEqual(together[code], alone[code])

	def test_each_kpi_for_november(self):
		for kpi, expected in MONTH.items():
			with self.subTest(kpi=kpi):
				facts = self.facts(kpi, "Month", NOVEMBER, date(2026, 11, 30))
				got = {node: round(value, 4) for (node, day, _dim), value in facts.items() if day == NOVEMBER}
				self.assertEqual(got, {node: round(value, 4) for node, value in expected.items()})

	def test_kpis_by_segment_and_product(self):
		for kpi, expected in MONTH_BY_DIMENSION.items():
			with self.subTest(kpi=kpi):
				facts = self.facts(kpi, "Month", NOVEMBER, date(2026, 11, 30))
				for (node, key), value in expected.items():
					self.assertEqual(facts.get((node, NOVEMBER, self.keys[key])), value, (node, key))
				# every fact is of one of the data set's segments or item groups
				self.assertLessEqual({dim for (_n, _d, dim) in facts}, set(self.keys.values()))

	def test_each_weekly_kpi_for_its_weeks(self):
		for kpi, weeks in WEEKS.items():
			facts = self.facts(kpi, "Week", date(2026, 11, 2), date(2026, 11, 22))
			for week, expected in weeks.items():
				with self.subTest(kpi=kpi, week=week):
					got = {node: value for (node, day, _dim), value in facts.items() if day == week}
					self.assertEqual(got, expected)

	def test_a_deals_amount_is_kept_in_company_currency(self):
		# ERPNext computes it only in the form's script; the app computes it on the server too
		amount = frappe.db.get_value("Opportunity", self.opportunities.partner, "base_opportunity_amount")
		self.assertEqual(amount, 3000)

	def test_a_deal_closes_on_the_day_its_status_says_so(self):
		# declared lost (a save) and closed (a status written with db_set) both took today's date;
		# a quotation keeps the deal open
		self.assertEqual(self.closed_on[self.opportunities.lost], getdate(today()))
		self.assertEqual(self.closed_on[self.opportunities.closed], getdate(today()))
		self.assertIsNone(self.closed_on[self.opportunities.partner])
		self.assertEqual(
			frappe.db.get_value("Opportunity", self.opportunities.partner, "status"), "Quotation"
		)
		# a deal of December, outside every period the other tests count
		reopened = create_opportunity("Lead", self.leads[3], self.dept.users.rep_a2, "2026-12-01", 250)
		reopened.set_status(update=True, status="Closed")
		self.assertEqual(frappe.db.get_value("Opportunity", reopened.name, "st_closed_on"), getdate(today()))
		reopened.set_status(update=True, status="Open")
		self.assertIsNone(frappe.db.get_value("Opportunity", reopened.name, "st_closed_on"))
		reopened.set_status(update=True, status="Closed")
		self.assertEqual(frappe.db.get_value("Opportunity", reopened.name, "st_closed_on"), getdate(today()))


def add_activity(sales_person, activity_type, party_type, party, done_at, planned_on=None) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Sales Activity",
				"activity_type": activity_type,
				"subject": activity_type,
				"status": "Done" if done_at else "Planned",
				"sales_person": sales_person,
				"party_type": party_type,
				"party": party,
				"planned_on": planned_on or done_at,
				"done_at": done_at,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def create_sales_order(customer, lines, sales_team, day, pilot=0):
	doc = frappe.get_doc(
		{
			"doctype": "Sales Order",
			"company": get_company(),
			"customer": customer,
			"transaction_date": day,
			"delivery_date": "2026-12-31",
			"st_is_pilot": pilot,
			"items": [
				{"item_code": item, "qty": 1, "rate": rate, "delivery_date": "2026-12-31"}
				for item, rate in lines
			],
			"sales_team": [
				{"sales_person": person, "allocated_percentage": share}
				for person, share in sales_team.items()
			],
		}
	).insert(ignore_permissions=True)
	doc.submit()
	return doc


def create_opportunity(party_type, party, owner, day, amount, partner=0):
	return frappe.get_doc(
		{
			"doctype": "Opportunity",
			"opportunity_from": party_type,
			"party_name": party,
			"company": get_company(),
			"transaction_date": day,
			"opportunity_owner": owner,
			"opportunity_amount": amount,
			"st_is_partner": partner,
		}
	).insert(ignore_permissions=True)


def create_quotation(opportunity, customer):
	doc = frappe.get_doc(
		{
			"doctype": "Quotation",
			"quotation_to": "Customer",
			"party_name": customer,
			"company": opportunity.company,
			"opportunity": opportunity.name,
			"transaction_date": "2026-11-11",
			"valid_till": "2026-12-31",
			"items": [
				{
					"item_code": get_test_item(),
					"qty": 1,
					"rate": 3000,
					"prevdoc_doctype": "Opportunity",
					"prevdoc_docname": opportunity.name,
				}
			],
		}
	).insert(ignore_permissions=True)
	doc.submit()
	return doc
