"""The KPI engine on a small hand-checked data set: attribution, roll-up, buckets, aggregates."""

import json
from datetime import date, datetime

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_technology.kpi.engine import KPIEngineError, compute
from sales_technology.tests.factories import (
	DepartmentTestCase,
	create_customer,
	create_department,
	create_employee,
	create_quality_feedback,
	create_return,
	create_sales_invoice,
	create_sales_person,
	create_user,
	get_company,
)

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def add_activity(
	sales_person, party, done_at, activity_type="Establish contact", status="Done", planned_on=None
):
	return frappe.get_doc(
		{
			"doctype": "Sales Activity",
			"activity_type": activity_type,
			"subject": "Call",
			"status": status,
			"sales_person": sales_person,
			"party_type": "Customer",
			"party": party,
			"planned_on": planned_on or done_at,
			"done_at": done_at if status == "Done" else None,
		}
	).insert(ignore_permissions=True)


def insert_leads(owner: str, names: list[tuple[str, str]]) -> None:
	"""Leads owned by `owner`, one per (first name, company name)."""
	for first_name, company_name in names:
		frappe.get_doc(
			{"doctype": "Lead", "first_name": first_name, "company_name": company_name, "lead_owner": owner}
		).insert(ignore_permissions=True)


def custom_kpi(code, **values):
	if frappe.db.exists("Sales KPI", code):
		frappe.delete_doc("Sales KPI", code, force=True)
	return frappe.get_doc(
		{
			"doctype": "Sales KPI",
			"code": code,
			"kpi_name": code,
			"category": "Activity",
			"unit": "Count",
			"direction": "Higher is better",
			"for_month": 1,
			"for_week": 1,
			"for_day": 1,
			**values,
		}
	).insert()


def lead_owner_kpi(code, **values):
	"""A KPI of the Leads opened each day, counted for their Lead Owner's Sales Person."""
	return custom_kpi(
		code,
		source_doctype="Lead",
		date_field="creation",
		attribution="Owner User",
		attribution_field="lead_owner",
		**values,
	)


class KPIDataTestCase(FrappeTestCase):
	"""The hand-checked data set: a department, invoices with split sales teams, activities."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.dept = create_department()
		nodes = cls.dept.nodes
		cls.customer = create_customer().name
		# turnover: 1000 split 60/40 inside group A, 500 for rep B1, a return and a cancelled invoice
		create_sales_invoice(
			cls.customer, 1000, sales_team={nodes.rep_a1: 60, nodes.rep_a2: 40}, posting_date="2026-11-10"
		)
		sold = create_sales_invoice(
			cls.customer, 500, sales_team={nodes.rep_b1: 100}, posting_date="2026-11-20"
		)
		create_return(sold.name, posting_date="2026-12-10")  # reduces December's turnover, not November's
		create_sales_invoice(
			cls.customer, 700, sales_team={nodes.rep_b1: 100}, posting_date="2026-11-21"
		).cancel()
		create_sales_invoice(cls.customer, 300, sales_team={nodes.rep_a1: 100}, posting_date="2026-10-30")
		# cold calls: rep A1 two in week 16-22 Nov and one on 2 Nov, rep B1 one; a planned one does not count
		for when in (datetime(2026, 11, 16, 10), datetime(2026, 11, 18, 10), datetime(2026, 11, 2, 10)):
			add_activity(nodes.rep_a1, cls.customer, when)
		add_activity(nodes.rep_b1, cls.customer, datetime(2026, 11, 17, 10))
		add_activity(
			nodes.rep_b1, cls.customer, None, status="Planned", planned_on=datetime(2026, 11, 19, 10)
		)
		add_activity(nodes.rep_a1, cls.customer, datetime(2026, 11, 18, 15), activity_type="Cold meeting")

	def facts(self, kpi, bucket="Month", start=NOVEMBER[0], end=NOVEMBER[1], nodes=None):
		nodes = nodes or list(self.dept.nodes.values())
		return compute([kpi], nodes, start, end, bucket, company=get_company())[kpi]


class TestKPIEngine(KPIDataTestCase):
	def test_turnover_shared_by_the_sales_team_and_rolled_up(self):
		facts = self.facts("TURNOVER")
		nodes, month = self.dept.nodes, date(2026, 11, 1)
		self.assertEqual(facts[(nodes.rep_a1, month, "")], 600)
		self.assertEqual(facts[(nodes.rep_a2, month, "")], 400)
		self.assertEqual(facts[(nodes.group_a, month, "")], 1000)
		self.assertEqual(facts[(nodes.rep_b1, month, "")], 500)
		self.assertEqual(facts[(nodes.department, month, "")], 1500)

	def test_a_credit_note_reduces_the_turnover_of_the_period_it_is_posted_in(self):
		rep_b1 = self.dept.nodes.rep_b1
		facts = self.facts("TURNOVER", start=date(2026, 11, 1), end=date(2026, 12, 31), nodes=[rep_b1])
		self.assertEqual(facts[(rep_b1, date(2026, 11, 1), "")], 500)
		self.assertEqual(facts[(rep_b1, date(2026, 12, 1), "")], -500)

	def test_buckets_split_the_range(self):
		facts = self.facts("TURNOVER", start=date(2026, 10, 1), nodes=[self.dept.nodes.rep_a1])
		self.assertEqual(facts[(self.dept.nodes.rep_a1, date(2026, 10, 1), "")], 300)
		self.assertEqual(facts[(self.dept.nodes.rep_a1, date(2026, 11, 1), "")], 600)
		quarter = self.facts("TURNOVER", "Quarter", start=date(2026, 10, 1), nodes=[self.dept.nodes.rep_a1])
		self.assertEqual(quarter, {(self.dept.nodes.rep_a1, date(2026, 10, 1), ""): 900})

	def test_activity_counts_by_week_and_day(self):
		nodes = self.dept.nodes
		weekly = self.facts("COLD_CALLS", "Week")
		self.assertEqual(weekly[(nodes.rep_a1, date(2026, 11, 16), "")], 2)
		self.assertEqual(weekly[(nodes.rep_a1, date(2026, 11, 2), "")], 1)
		self.assertEqual(weekly[(nodes.department, date(2026, 11, 16), "")], 3)
		self.assertEqual(weekly[(nodes.rep_b1, date(2026, 11, 16), "")], 1)  # the planned call does not count
		daily = self.facts("COLD_CALLS", "Day")
		self.assertEqual(daily[(nodes.group_a, date(2026, 11, 18), "")], 1)
		self.assertNotIn((nodes.rep_a2, date(2026, 11, 18), ""), daily)

	def test_ratio_from_its_parts(self):
		custom_kpi(
			"ST_MEETINGS_PER_CALL",
			unit="Percent",
			category="Conversion",
			aggregate="Ratio",
			numerator_kpi="COLD_MEETINGS",
			denominator_kpi="COLD_CALLS",
		)
		facts = self.facts("ST_MEETINGS_PER_CALL")
		nodes, month = self.dept.nodes, date(2026, 11, 1)
		self.assertAlmostEqual(facts[(nodes.rep_a1, month, "")], 100 / 3, places=3)
		self.assertEqual(
			facts[(nodes.department, month, "")], 25
		)  # 1 meeting / 4 calls, not an average of ratios
		self.assertNotIn((nodes.rep_a2, month, ""), facts)  # no calls: no ratio

	def test_open_at_the_end_of_each_bucket(self):
		custom_kpi(
			"ST_OPEN_PLANNED",
			aggregate="Open at Date",
			source_doctype="Sales Activity",
			date_field="planned_date",
			end_date_field="done_on",
			attribution="Sales Person Field",
			attribution_field="sales_person",
		)
		facts = self.facts("ST_OPEN_PLANNED", "Day", start=date(2026, 11, 18), end=date(2026, 11, 20))
		rep_b1 = self.dept.nodes.rep_b1
		self.assertNotIn((rep_b1, date(2026, 11, 18), ""), facts)  # not planned yet
		self.assertEqual(facts[(rep_b1, date(2026, 11, 19), "")], 1)
		self.assertEqual(facts[(rep_b1, date(2026, 11, 20), "")], 1)

	def test_owner_user_attribution_and_distinct_count(self):
		# two leads of one company
		insert_leads(self.dept.users.rep_a2, [("Engine 0", "ST Engine Co"), ("Engine 1", "ST Engine Co")])
		lead_owner_kpi("ST_LEAD_COMPANIES", aggregate="Distinct Count", distinct_field="company_name")
		today = frappe.utils.getdate()
		facts = self.facts("ST_LEAD_COMPANIES", "Day", start=today, end=today)
		self.assertEqual(facts[(self.dept.nodes.rep_a2, today, "")], 1)
		self.assertEqual(facts[(self.dept.nodes.group_a, today, "")], 1)

	def test_an_owner_counts_through_the_employee_of_their_sales_person(self):
		# a Sales Person without a User of its own is the user of its Employee; a group of its own, so
		# that no other test's documents count under it
		user = create_user("st.engine.employee.rep@example.com")
		group = create_sales_person(is_group=True)
		rep = create_sales_person(parent=group, employee=create_employee(user))
		insert_leads(user, [(f"Employee Lead {i}", f"ST Employee Lead Co {i}") for i in range(3)])
		lead_owner_kpi("ST_LEADS_OPENED", aggregate="Count")
		today = frappe.utils.getdate()
		facts = self.facts("ST_LEADS_OPENED", "Day", start=today, end=today, nodes=[rep, group])
		self.assertEqual(facts, {(rep, today, ""): 3, (group, today, ""): 3})

	def test_bad_requests_are_refused_clearly(self):
		with self.assertRaises(KPIEngineError):
			self.facts("NO_SUCH_KPI")
		with self.assertRaises(KPIEngineError):
			self.facts("TURNOVER", start=NOVEMBER[1], end=NOVEMBER[0])
		with self.assertRaises(KPIEngineError):  # turnover is planned by month at the finest
			self.facts("TURNOVER", "Week")
		custom_kpi("ST_NOT_COMPUTED")  # declared, but without a computation
		with self.assertRaises(KPIEngineError):
			self.facts("ST_NOT_COMPUTED")
		definition = json.dumps([["is_return", "~", 0]])
		kpi = custom_kpi(
			"ST_BAD_FILTER",
			aggregate="Count",
			source_doctype="Sales Invoice",
			date_field="posting_date",
			attribution="Sales Team",
			filters=definition,
		)
		with self.assertRaises(KPIEngineError):
			self.facts(kpi.name)
		# a field removed after the KPI was saved (a custom field deleted, say) is named, not a SQL error
		kpi = custom_kpi(
			"ST_LOST_FIELD",
			aggregate="Sum",
			source_doctype="Sales Invoice",
			date_field="posting_date",
			value_field="base_net_total",
			attribution="Sales Team",
		)
		frappe.db.set_value("Sales KPI", kpi.name, "value_field", "st_removed_amount")
		with self.assertRaisesRegex(KPIEngineError, "st_removed_amount"):
			self.facts(kpi.name)
		with self.assertRaises(KPIEngineError):  # a Python method must be a registered KPI method
			custom_kpi("ST_SNEAKY", aggregate="Python Method", method="frappe.db.sql")


class TestPlanFulfilment(KPIDataTestCase):
	def test_the_report_and_the_plan_show_target_beside_fact(self):
		from sales_technology.sales_technology.report.plan_fulfilment.plan_fulfilment import execute
		from sales_technology.tests.factories import apply_action, create_sales_plan

		dept = self.dept
		custom_kpi("ST_NOT_COMPUTED")
		year = create_sales_plan(dept.nodes.group_a, "Year", date(2026, 1, 1), {"TURNOVER": 24000})
		quarter = create_sales_plan(
			dept.nodes.group_a, "Quarter", date(2026, 10, 1), {"TURNOVER": 6000}, year.name
		)
		month = create_sales_plan(
			dept.nodes.group_a,
			"Month",
			date(2026, 11, 1),
			{"TURNOVER": 2000, "CONV_COLD_CALL_TO_MEETING": 20, "ST_NOT_COMPUTED": 5},
			quarter.name,
		)
		apply_action(month, "Submit for Approval", dept.users.lead_a)
		apply_action(month, "Approve", dept.users.head)
		_columns, data, _m, chart, _s = execute(
			{
				"company": get_company(),
				"period_type": "Month",
				"date": "2026-11-15",
				"sales_person": dept.nodes.group_a,
			}
		)
		self.assertEqual(data[0]["label"], dept.nodes.group_a)
		turnover = next(row for row in data if row.get("kpi") == "TURNOVER")
		self.assertEqual((turnover["target"], turnover["fact"], turnover["fulfilment"]), (2000, 1000, 50))
		self.assertEqual(turnover["deviation"], -1000)
		self.assertEqual(turnover["status_key"], "Behind")
		if frappe.utils.getdate() < date(2026, 11, 30):  # a month still running is forecast at its pace
			self.assertGreater(turnover["forecast"], 1000)
		else:
			self.assertEqual(turnover["forecast"], 1000)
		# group A's one cold-called party was met afterwards: a ratio, with no forecast beyond the fact
		conversion = next(row for row in data if row.get("kpi") == "CONV_COLD_CALL_TO_MEETING")
		self.assertEqual((conversion["fact"], conversion["forecast"]), (100, 100))
		uncomputed = next(row for row in data if row.get("kpi") == "ST_NOT_COMPUTED")
		self.assertIsNone(uncomputed["fact"])  # not computed yet: said so, not a silent zero
		self.assertEqual(
			{row["label"] for row in data if row.get("is_node")},
			{dept.nodes.group_a, dept.nodes.rep_a1, dept.nodes.rep_a2},
		)
		self.assertEqual(chart["type"], "bar")
		plan_values, fact_values = (dataset["values"] for dataset in chart["data"]["datasets"])
		at = chart["data"]["labels"].index(turnover["label"])
		self.assertEqual((plan_values[at], fact_values[at]), (100, 50))  # turnover: half of its plan
		plan = frappe.get_doc("Sales Plan", month.name)
		plan.run_method("onload")
		self.assertEqual(plan.get_onload("plan_fact")[0]["fact"], 1000)

	def test_a_rep_cannot_look_at_another_group(self):
		from sales_technology.sales_technology.report.plan_fulfilment.plan_fulfilment import execute
		from sales_technology.shared.access import NodeAccessError

		frappe.set_user(self.dept.users.rep_a1)
		self.addCleanup(frappe.set_user, "Administrator")
		with self.assertRaises(NodeAccessError):
			execute(
				{
					"company": get_company(),
					"period_type": "Month",
					"date": "2026-11-15",
					"sales_person": self.dept.nodes.group_b,
				}
			)
		_columns, data, *_rest = execute(
			{
				"company": get_company(),
				"period_type": "Month",
				"date": "2026-11-15",
				"sales_person": self.dept.nodes.department,
			}
		)
		self.assertNotIn(self.dept.nodes.group_b, {row["label"] for row in data if row.get("is_node")})


class TestKPIMatrix(KPIDataTestCase):
	def test_kpis_by_month_beside_their_targets(self):
		from sales_technology.sales_technology.report.kpi_matrix.kpi_matrix import execute
		from sales_technology.tests.factories import create_sales_plan

		dept = self.dept
		year = create_sales_plan(dept.nodes.rep_a1, "Year", date(2026, 1, 1), {"TURNOVER": 12000})
		quarter = create_sales_plan(
			dept.nodes.rep_a1, "Quarter", date(2026, 10, 1), {"TURNOVER": 3000}, year.name
		)
		for month, target in ((10, 1000), (11, 1200)):
			create_sales_plan(
				dept.nodes.rep_a1, "Month", date(2026, month, 1), {"TURNOVER": target}, quarter.name
			)
		columns, data = execute(
			{
				"company": get_company(),
				"sales_person": dept.nodes.rep_a1,
				"span": "Quarter",
				"period_type": "Month",
				"date": "2026-11-15",
				"kpi": "COLD_CALLS",
			}
		)
		self.assertEqual(len(columns), 1 + 3 * 2)
		turnover = next(row for row in data if row["kpi"] == "TURNOVER")
		self.assertEqual((turnover["2026-10-01_target"], turnover["2026-10-01_fact"]), (1000, 300))
		self.assertEqual((turnover["2026-11-01_target"], turnover["2026-11-01_fact"]), (1200, 600))
		self.assertIsNone(turnover["2026-12-01_target"])
		self.assertEqual((turnover["dimension_value"], turnover["direction"]), ("", "Higher is better"))
		calls = next(row for row in data if row["kpi"] == "COLD_CALLS")
		self.assertEqual(calls["2026-11-01_fact"], 3)


class TestKPISnapshot(KPIDataTestCase):
	def test_an_ended_month_is_frozen_once_and_can_be_taken_again(self):
		from frappe.desk.query_report import run

		from sales_technology.kpi.snapshots import snapshot_ended_periods, take_snapshot
		from sales_technology.tests.factories import apply_action, create_sales_plan

		dept = self.dept
		year = create_sales_plan(dept.nodes.rep_b1, "Year", date(2026, 1, 1), {"TURNOVER": 6000})
		quarter = create_sales_plan(
			dept.nodes.rep_b1, "Quarter", date(2026, 10, 1), {"TURNOVER": 1500}, year.name
		)
		month = create_sales_plan(
			dept.nodes.rep_b1, "Month", date(2026, 11, 1), {"TURNOVER": 400}, quarter.name
		)
		apply_action(month, "Submit for Approval", dept.users.lead_b)
		apply_action(month, "Approve", dept.users.head)
		week = create_sales_plan(dept.nodes.rep_b1, "Week", date(2026, 11, 2), {"COLD_CALLS": 10}, month.name)
		apply_action(week, "Submit for Approval", dept.users.lead_b)
		apply_action(week, "Approve", dept.users.lead_b)
		# the scheduler did not run for weeks: the first run catches up every ended period, once
		self.assertGreaterEqual(snapshot_ended_periods(date(2026, 12, 1)), 2)
		self.assertEqual(frappe.db.count("KPI Snapshot", {"sales_plan": week.name}), 1)
		rows = frappe.get_all(
			"KPI Snapshot",
			filters={"sales_plan": month.name},
			fields=["kpi", "target", "fact", "fulfilment", "period_label"],
		)
		self.assertEqual(len(rows), 1)
		self.assertEqual((rows[0].target, rows[0].fact, rows[0].fulfilment), (400, 500, 125))
		self.assertEqual(rows[0].period_label, "2026-11")
		take_snapshot(get_company(), "Month", "2026-11-15")  # again: replaced, not duplicated
		self.assertEqual(frappe.db.count("KPI Snapshot", {"sales_plan": month.name}), 1)
		self.assertEqual(snapshot_ended_periods(date(2026, 12, 2)), 0)  # caught up: nothing left
		report = run(
			"Monthly KPI Snapshot",
			filters={"company": get_company(), "from_date": "2026-11-01", "to_date": "2026-11-30"},
		)
		people = [
			row[0] if isinstance(row, list | tuple) else next(iter(row.values())) for row in report["result"]
		]
		self.assertIn(dept.nodes.rep_b1, people)
		# the report follows the tree: group A's lead reads none of group B's snapshots
		frappe.set_user(dept.users.lead_a)
		report = run(
			"Monthly KPI Snapshot",
			filters={"company": get_company(), "from_date": "2026-11-01", "to_date": "2026-11-30"},
		)
		self.assertNotIn(dept.nodes.rep_b1, [row["sales_person"] for row in report["result"]])
		frappe.set_user(dept.users.rep_a1)
		self.addCleanup(frappe.set_user, "Administrator")
		self.assertEqual(frappe.get_list("KPI Snapshot", filters={"sales_plan": month.name}), [])
		with self.assertRaises(frappe.PermissionError):
			take_snapshot(get_company(), "Month", "2026-11-15")


class TestMoreStandardKPIs(KPIDataTestCase):
	def test_contracts_by_segment_pilots_and_claims(self):

		dept = self.dept
		segment = (
			frappe.db.get_value("Market Segment", {})
			or frappe.get_doc({"doctype": "Market Segment", "market_segment": "ST Segment"}).insert().name
		)
		customer = create_customer(market_segment=segment, st_responsible_sales_person=dept.nodes.rep_a2).name
		company = get_company()
		defaults = frappe.get_cached_value("Company", company, ["default_currency"], as_dict=True)
		from sales_technology.tests.factories import get_test_item

		for pilot, amount in ((1, 800), (0, 200)):
			order = frappe.get_doc(
				{
					"doctype": "Sales Order",
					"company": company,
					"customer": customer,
					"currency": defaults.default_currency,
					"transaction_date": "2026-11-12",
					"delivery_date": "2026-11-30",
					"st_is_pilot": pilot,
					"items": [
						{
							"item_code": get_test_item(),
							"qty": 1,
							"rate": amount,
							"delivery_date": "2026-11-30",
						}
					],
					"sales_team": [{"sales_person": dept.nodes.rep_a2, "allocated_percentage": 100}],
				}
			).insert(ignore_permissions=True)
			order.submit()
		frappe.get_doc(
			{
				"doctype": "Issue",
				"subject": "Late delivery",
				"customer": customer,
				"issue_type": "Claim",
				"opening_date": "2026-11-13",
			}
		).insert(ignore_permissions=True)
		month, rep = date(2026, 11, 1), dept.nodes.rep_a2
		self.assertEqual(self.facts("NEW_CONTRACTS_COUNT_BY_SEGMENT")[(rep, month, segment)], 2)
		self.assertEqual(self.facts("NEW_CONTRACTS_AMOUNT_BY_SEGMENT")[(rep, month, segment)], 1000)
		self.assertEqual(self.facts("PILOTS_COUNT")[(rep, month, "")], 1)
		self.assertEqual(self.facts("PILOTS_AMOUNT")[(dept.nodes.department, month, "")], 800)
		self.assertEqual(self.facts("CLAIMS_COUNT")[(dept.nodes.group_a, month, "")], 1)
		self.assertEqual(frappe.db.get_value("Issue Type", "Claim", "name"), "Claim")


class TestCorrectionFact(KPIDataTestCase):
	def test_a_correction_shows_the_fact_of_its_period(self):
		from sales_technology.tests.factories import apply_action, create_sales_plan

		dept = self.dept
		year = create_sales_plan(dept.nodes.group_a, "Year", date(2026, 1, 1), {"TURNOVER": 24000})
		apply_action(year, "Submit for Approval", dept.users.head)
		apply_action(year, "Approve", dept.users.director)
		correction = frappe.get_doc(
			{
				"doctype": "Plan Correction",
				"sales_plan": year.name,
				"reason": "November went well",
				"fact_period_start": "2026-11-01",
				"fact_period_end": "2026-11-30",
				"items": [{"kpi": "TURNOVER", "new_target": 30000}],
			}
		).insert()
		correction.run_method("onload")
		self.assertEqual(correction.get_onload("facts"), {"TURNOVER": 1000})


class TestNewClients(KPIDataTestCase):
	def test_a_new_client_is_counted_in_the_month_of_its_first_purchase(self):
		dept = self.dept
		customer = create_customer(st_responsible_sales_person=dept.nodes.rep_b1).name
		create_sales_invoice(customer, 100, posting_date="2026-11-05")
		create_sales_invoice(customer, 100, posting_date="2026-11-25")
		self.assertEqual(frappe.db.get_value("Customer", customer, "st_first_purchase_on"), date(2026, 11, 5))
		facts = self.facts("NEW_CLIENTS_COUNT")
		self.assertEqual(facts[(dept.nodes.rep_b1, date(2026, 11, 1), "")], 1)
		self.assertEqual(facts[(dept.nodes.department, date(2026, 11, 1), "")], 1)

	def test_sales_to_new_and_to_current_clients(self):
		dept, month = self.dept, date(2026, 11, 1)
		newcomer = create_customer().name
		create_sales_invoice(newcomer, 250, sales_team={dept.nodes.rep_b1: 100}, posting_date="2026-11-06")
		# the data set's customer first bought in October: its November invoices are current-client sales
		new = self.facts("NEW_CLIENTS_AMOUNT")
		current = self.facts("CURRENT_CLIENTS_AMOUNT")
		self.assertEqual(new[(dept.nodes.rep_b1, month, "")], 250)
		self.assertNotIn((dept.nodes.rep_a1, month, ""), new)
		self.assertEqual(current[(dept.nodes.rep_a1, month, "")], 600)
		self.assertEqual(current[(dept.nodes.department, month, "")], 1500)


class TestCrossSales(KPIDataTestCase):
	def test_an_existing_customer_ordering_a_new_item_group(self):
		from sales_technology.tests.factories import get_test_item

		dept, company = self.dept, get_company()
		if not frappe.db.exists("Item Group", "ST Cross Group"):
			frappe.get_doc(
				{
					"doctype": "Item Group",
					"item_group_name": "ST Cross Group",
					"parent_item_group": "All Item Groups",
				}
			).insert()
		other_item = (
			frappe.get_doc(
				{
					"doctype": "Item",
					"item_code": f"ST Cross {frappe.generate_hash(length=5)}",
					"item_group": "ST Cross Group",
					"stock_uom": "Nos",
					"is_stock_item": 0,
				}
			)
			.insert()
			.name
		)
		first_item = get_test_item()  # of another item group
		customer = create_customer().name

		def order(day, lines):
			doc = frappe.get_doc(
				{
					"doctype": "Sales Order",
					"company": company,
					"customer": customer,
					"transaction_date": day,
					"delivery_date": "2026-12-31",
					"items": [
						{"item_code": item, "qty": 1, "rate": rate, "delivery_date": "2026-12-31"}
						for item, rate in lines
					],
					"sales_team": [{"sales_person": dept.nodes.rep_a1, "allocated_percentage": 100}],
				}
			).insert(ignore_permissions=True)
			doc.submit()

		order("2026-10-05", [(first_item, 100)])  # the first order: not a cross-sale
		order("2026-11-03", [(first_item, 100)])  # the same group again: not a cross-sale
		order("2026-11-09", [(first_item, 50), (other_item, 700)])  # a new group: a cross-sale of 700
		month = date(2026, 11, 1)
		self.assertEqual(self.facts("CROSS_SALES_COUNT")[(dept.nodes.rep_a1, month, "")], 1)
		self.assertEqual(self.facts("CROSS_SALES_AMOUNT")[(dept.nodes.group_a, month, "")], 700)


class TestFeedbackLevels(KPIDataTestCase):
	def test_quality_and_satisfaction_from_client_feedback(self):
		dept, month = self.dept, date(2026, 11, 1)
		customer = create_customer(st_responsible_sales_person=dept.nodes.rep_a1).name
		other = create_customer(st_responsible_sales_person=dept.nodes.rep_b1).name

		create_quality_feedback("Quality (SLA)", customer, [5, 4], "2026-11-10 10:00:00")  # 90 %
		create_quality_feedback("Quality (SLA)", other, [3], "2026-11-12 10:00:00")  # 60 %
		create_quality_feedback("Quality (SLA)", other, [1], "2026-10-12 10:00:00")  # another month
		create_quality_feedback("Satisfaction", customer, [5], "2026-11-10 10:00:00")
		quality = self.facts("QUALITY_LEVEL")
		self.assertEqual(quality[(dept.nodes.rep_a1, month, "")], 90)
		self.assertEqual(
			quality[(dept.nodes.department, month, "")], 80
		)  # (5 + 4 + 3) / 3 ratings, not (90 + 60) / 2
		self.assertEqual(self.facts("SATISFACTION_LEVEL")[(dept.nodes.group_a, month, "")], 100)


class TestChurn(KPIDataTestCase):
	def test_clients_who_bought_last_month_and_not_this_one(self):
		dept, month = self.dept, date(2026, 11, 1)
		staying = create_customer(st_responsible_sales_person=dept.nodes.rep_b1).name
		leaving = create_customer(st_responsible_sales_person=dept.nodes.rep_b1).name
		elsewhere = create_customer(st_responsible_sales_person=dept.nodes.rep_a2).name
		for customer in (staying, leaving, elsewhere):
			create_sales_invoice(customer, 100, posting_date="2026-10-15")
		create_sales_invoice(staying, 100, posting_date="2026-11-15")
		create_sales_invoice(elsewhere, 100, posting_date="2026-11-16")
		churn = self.facts("CLIENT_CHURN_PCT")
		self.assertEqual(churn[(dept.nodes.rep_b1, month, "")], 50)
		self.assertEqual(churn[(dept.nodes.rep_a2, month, "")], 0)
		self.assertAlmostEqual(churn[(dept.nodes.department, month, "")], 100 / 3, places=3)


class TestConversions(KPIDataTestCase):
	def test_a_party_converts_for_the_rep_who_called_before_its_meeting_only(self):
		"""The party's last meeting is looked up once for all the reps who called it: it counts for the
		rep who called before it, not for the one who called after."""
		dept, month = self.dept, date(2026, 11, 1)
		called_twice = create_customer().name
		add_activity(dept.nodes.rep_a2, called_twice, datetime(2026, 11, 3, 10))
		add_activity(dept.nodes.rep_a1, called_twice, datetime(2026, 11, 5, 10), activity_type="Cold meeting")
		add_activity(dept.nodes.rep_b1, called_twice, datetime(2026, 11, 20, 10))
		conversion = self.facts("CONV_COLD_CALL_TO_MEETING")
		self.assertEqual(conversion[(dept.nodes.rep_a2, month, "")], 100)
		# B1 called the class's customer before its meeting on the 18th, and this party after its meeting
		self.assertEqual(conversion[(dept.nodes.rep_b1, month, "")], 50)
		self.assertEqual(conversion[(dept.nodes.group_b, month, "")], 50)
		# both parties were called before a meeting by someone in the department
		self.assertEqual(conversion[(dept.nodes.department, month, "")], 100)


class TestWorkspaceNumbers(KPIDataTestCase):
	def test_plan_fulfilment_and_plan_against_fact_by_month(self):
		from sales_technology.tests.factories import create_sales_plan
		from sales_technology.workspace.figures import (
			plan_and_fact_by_month,
			plan_fulfilment,
			plan_summary_of,
		)

		rep, company = self.dept.nodes.rep_a1, get_company()
		year = create_sales_plan(rep, "Year", date(2026, 1, 1), {"TURNOVER": 14400})
		quarter = create_sales_plan(rep, "Quarter", date(2026, 10, 1), {"TURNOVER": 3600}, year.name)
		create_sales_plan(rep, "Month", date(2026, 11, 1), {"TURNOVER": 1200, "COLD_CALLS": 2}, quarter.name)
		# turnover 600 of 1200 (50 %), cold calls 3 of 2 (150 %): the extra calls do not make up for the
		# turnover: 75 % fulfilled, half the targets met
		self.assertEqual(plan_fulfilment(rep, company, "Month", date(2026, 11, 30)), 75)
		self.assertEqual(plan_summary_of(rep, company, "Month", date(2026, 11, 30)), (75, 50))
		self.assertIsNone(plan_fulfilment(rep, company, "Week", date(2026, 11, 30)))  # no week plan
		chart = plan_and_fact_by_month("TURNOVER", rep, company, date(2026, 11, 15))
		plan, fact = (dataset["values"] for dataset in chart["datasets"])
		november = chart["labels"].index("11.2026")
		self.assertEqual((plan[november], fact[november]), (1200, 600))
		self.assertEqual(fact[chart["labels"].index("10.2026")], 300)
		self.assertEqual(sum(plan), 1200)

	def test_a_kpi_whose_definition_broke_says_so_in_the_report_and_the_error_log(self):
		from sales_technology.sales_technology.report.plan_fulfilment.plan_fulfilment import execute
		from sales_technology.tests.factories import create_sales_plan

		custom_kpi(
			"ST_BROKEN_AMOUNT",
			aggregate="Sum",
			source_doctype="Sales Invoice",
			date_field="posting_date",
			value_field="base_net_total",
			attribution="Sales Team",
		)
		# a field removed after the KPI was written (the form refuses it, a later change of the site may not)
		frappe.db.set_value("Sales KPI", "ST_BROKEN_AMOUNT", "value_field", "st_removed_amount")
		rep = self.dept.nodes.rep_b1
		year = create_sales_plan(rep, "Year", date(2026, 1, 1), {"TURNOVER": 1})
		quarter = create_sales_plan(rep, "Quarter", date(2026, 10, 1), {"TURNOVER": 1}, year.name)
		create_sales_plan(
			rep, "Month", date(2026, 11, 1), {"ST_BROKEN_AMOUNT": 5, "TURNOVER": 1}, quarter.name
		)
		errors_before = frappe.db.count("Error Log")
		_columns, data, *_rest = execute(
			{"company": get_company(), "period_type": "Month", "date": "2026-11-15", "sales_person": rep}
		)
		row = next(row for row in data if row.get("kpi") == "ST_BROKEN_AMOUNT")
		self.assertIn("st_removed_amount", row["status"])
		self.assertGreater(frappe.db.count("Error Log"), errors_before)
		# the KPI beside it is computed all the same: the class's invoice of 500 in November
		turnover = next(row for row in data if row.get("kpi") == "TURNOVER")
		self.assertFalse(turnover.get("error"))
		self.assertEqual(turnover["fact"], 500)

	def test_todays_activities_against_the_norm(self):
		from sales_technology.activities.day_plans import share_of_day_done

		nodes = self.dept.nodes
		frappe.get_doc(
			{
				"doctype": "Sales Norm",
				"sales_person": nodes.group_a,
				"kpi": "COLD_CALLS",
				"period_type": "Day",
				"minimum": 2,
			}
		).insert()
		# on 18 November rep A1 made one cold call of the two asked, rep A2 none of two
		self.assertEqual(share_of_day_done([nodes.rep_a1, nodes.rep_a2], date(2026, 11, 18)), 25)
		self.assertEqual(share_of_day_done([nodes.rep_a1], date(2026, 11, 16)), 50)
		self.assertIsNone(share_of_day_done([nodes.rep_b1], date(2026, 11, 18)))  # nothing asked of B1

	def test_the_cards_follow_the_users_access(self):
		from sales_technology.shared.access import NodeAccessError
		from sales_technology.workspace.figures import dashboard_node, month_fulfilment

		nodes, users = self.dept.nodes, self.dept.users
		frappe.set_user(users.rep_a1)
		try:
			self.assertEqual(dashboard_node(), nodes.rep_a1)
			self.assertEqual(dashboard_node(nodes.group_a), nodes.group_a)  # above the rep: readable
			with self.assertRaises(NodeAccessError):
				dashboard_node(nodes.rep_b1)
			self.assertEqual(month_fulfilment()["fieldtype"], "Percent")
		finally:
			frappe.set_user("Administrator")


class TestFiscalQuarters(FrappeTestCase):
	def test_kpi_matrix_quarters_follow_the_fiscal_year(self):
		from sales_technology.sales_technology.report.kpi_matrix.kpi_matrix import execute

		settings = "Sales Technology Settings"
		previous = frappe.db.get_single_value(settings, "plan_year_alignment")
		frappe.db.set_single_value(settings, "plan_year_alignment", "ERPNext Fiscal Year")
		frappe.clear_document_cache(settings, settings)
		self.addCleanup(frappe.clear_document_cache, settings, settings)
		self.addCleanup(frappe.db.set_single_value, settings, "plan_year_alignment", previous)
		frappe.get_doc(
			{
				"doctype": "Fiscal Year",
				"year": f"ST FY 2090 {frappe.generate_hash(length=4)}",
				"year_start_date": date(2090, 2, 1),  # quarters Feb, May, Aug, Nov: none a calendar quarter
				"year_end_date": date(2091, 1, 31),
				"companies": [{"company": get_company()}],
			}
		).insert(ignore_permissions=True)
		columns, _data = execute(
			{"company": get_company(), "date": "2090-06-15", "span": "Year", "period_type": "Quarter"}
		)
		starts = [
			column["fieldname"].removesuffix("_target")
			for column in columns
			if column["fieldname"].endswith("_target")
		]
		self.assertEqual(starts, ["2090-02-01", "2090-05-01", "2090-08-01", "2090-11-01"])


class TestKPISources(DepartmentTestCase):
	"""A KPI is no back door: the head who writes one reads only the sales documents through it."""

	def test_a_kpi_over_private_e_mails_is_refused_when_saved_and_when_computed(self):
		from sales_technology.sales_technology.doctype.sales_kpi.sales_kpi import KPIDefinitionInvalid

		code = f"ST_MAIL_{frappe.generate_hash(length=5).upper()}"
		values = {
			"source_doctype": "Communication",
			"date_field": "communication_date",
			"aggregate": "Count",
			"attribution": "Owner User",
			"attribution_field": "sender",
			"dimension_field": "subject",
		}
		frappe.set_user(self.dept.users.head)
		with self.assertRaises(KPIDefinitionInvalid) as refused:
			custom_kpi(code, **values)
		self.assertIn("Communication", str(refused.exception))
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Sales KPI", code))
		# one written to the table directly (an import, an older version) is refused by the engine
		doc = frappe.get_doc(
			{
				"doctype": "Sales KPI",
				"code": code,
				"name": code,
				"kpi_name": code,
				"category": "Activity",
				"unit": "Count",
				"direction": "Higher is better",
				"for_month": 1,
				**values,
			}
		)
		doc.db_insert()
		frappe.set_user(self.dept.users.head)
		with self.assertRaises(KPIEngineError):
			compute([code], [self.dept.nodes.department], date(2026, 11, 1), date(2026, 11, 30))
