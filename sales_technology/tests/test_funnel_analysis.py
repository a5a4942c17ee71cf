"""The funnel's KPIs and the Funnel Analysis report on a hand-counted stage history, tried as the head,
the group leads and a rep; and the steps ERPNext's own flows (quotation, lost, won) record.

The history (S0..S2 are the default funnel's first three stages, days in brackets are spent in the stage
left):

	D1 (A1) opened S0 2 Nov; S0→S1 4 Nov (2); S1→S2 10 Nov (6); won on S2 20 Nov (10); amount 1,000
	D2 (A1) opened S0 3 Nov; S0→S1 5 Nov (2); S1→S0 8 Nov (3, back); lost on S0 12 Nov (4); 2,000
	D3 (A2) opened S0 5 Nov; S0→S2 7 Nov (2, skipping S1); lost on S2 25 Nov (18); 3,000
	D4 (B1) opened S0 6 Nov; S0→S1 16 Nov (10); 4,000
	D5 (A1) opened S0 10 Oct; S0→S1 20 Oct (10); S1→S2 3 Nov (14); 500
	D6 (A1) opened S0 12 Oct; lost on S0 30 Oct (18); 600
"""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime

import frappe
from frappe.desk.form.load import getdoc
from frappe.tests.utils import FrappeTestCase

from sales_technology.core.stage_history import ENTERING, moved_on_afterwards
from sales_technology.deals.stage_history import deal_story
from sales_technology.kpi.engine import compute
from sales_technology.people.trainings import plan_training_for_stage
from sales_technology.sales_technology.report.funnel_analysis.funnel_analysis import execute
from sales_technology.setup.standard_funnel import DEFAULT_FUNNEL, SEED_STAGES
from sales_technology.shared.access import NodeAccessError
from sales_technology.tests.factories import (
	as_user,
	close_with_consent,
	create_customer,
	create_deal,
	create_department,
	get_company,
	set_setting,
)

S0, S1, S2, S3 = (stage[0] for stage in SEED_STAGES[:4])
NOVEMBER = date(2026, 11, 1)

# (deal, rep, [(event, when, from, to, days, moved on)]), in the order of the module's docstring
HISTORY = (
	(
		"D1",
		"rep_a1",
		[
			("Opened", datetime(2026, 11, 2, 10), None, S0, 0, 0),
			("Stage Changed", datetime(2026, 11, 4, 10), S0, S1, 2, 1),
			("Stage Changed", datetime(2026, 11, 10, 10), S1, S2, 6, 1),
			("Won", datetime(2026, 11, 20, 10), S2, S2, 10, 1),
		],
	),
	(
		"D2",
		"rep_a1",
		[
			("Opened", datetime(2026, 11, 3, 10), None, S0, 0, 0),
			("Stage Changed", datetime(2026, 11, 5, 10), S0, S1, 2, 1),
			("Stage Changed", datetime(2026, 11, 8, 10), S1, S0, 3, 0),
			("Lost", datetime(2026, 11, 12, 10), S0, S0, 4, 0),
		],
	),
	(
		"D3",
		"rep_a2",
		[
			("Opened", datetime(2026, 11, 5, 10), None, S0, 0, 0),
			("Stage Changed", datetime(2026, 11, 7, 10), S0, S2, 2, 1),
			("Lost", datetime(2026, 11, 25, 10), S2, S2, 18, 0),
		],
	),
	(
		"D4",
		"rep_b1",
		[
			("Opened", datetime(2026, 11, 6, 10), None, S0, 0, 0),
			("Stage Changed", datetime(2026, 11, 16, 10), S0, S1, 10, 1),
		],
	),
	(
		"D5",
		"rep_a1",
		[
			("Opened", datetime(2026, 10, 10, 10), None, S0, 0, 0),
			("Stage Changed", datetime(2026, 10, 20, 10), S0, S1, 10, 1),
			("Stage Changed", datetime(2026, 11, 3, 10), S1, S2, 14, 1),
		],
	),
	(
		"D6",
		"rep_a1",
		[
			("Opened", datetime(2026, 10, 12, 10), None, S0, 0, 0),
			("Lost", datetime(2026, 10, 30, 10), S0, S0, 18, 0),
		],
	),
)
AMOUNTS = {"D1": 1000, "D2": 2000, "D3": 3000, "D4": 4000, "D5": 500, "D6": 600}
STATUS = {"D1": "Converted", "D2": "Lost", "D3": "Lost", "D4": "Open", "D5": "Open", "D6": "Lost"}

# {KPI: {(node, stage): November's fact}}, counted from the history above
NOVEMBER_FACTS = {
	# entries (opened, moved to, reopened on) by the stage entered; D2 entered S0 twice
	"STAGE_ENTRIES": {
		("rep_a1", S0): 3,
		("rep_a1", S1): 2,
		("rep_a1", S2): 2,
		("rep_a2", S0): 1,
		("rep_a2", S2): 1,
		("rep_b1", S0): 1,
		("rep_b1", S1): 1,
		("group_a", S0): 4,
		("group_a", S1): 2,
		("group_a", S2): 3,
		("group_b", S0): 1,
		("group_b", S1): 1,
		("department", S0): 5,
		("department", S1): 3,
		("department", S2): 3,
	},
	# moves on (to a later stage, or won) by the stage left
	"STAGE_ADVANCES": {
		("rep_a1", S0): 2,
		("rep_a1", S1): 2,
		("rep_a1", S2): 1,
		("rep_a2", S0): 1,
		("rep_b1", S0): 1,
		("group_a", S0): 3,
		("group_a", S1): 2,
		("group_a", S2): 1,
		("group_b", S0): 1,
		("department", S0): 4,
		("department", S1): 2,
		("department", S2): 1,
	},
	# advances / entries in percent, wherever something entered
	"STAGE_CONVERSION": {
		("rep_a1", S0): 66.6667,
		("rep_a1", S1): 100,
		("rep_a1", S2): 50,
		("rep_a2", S0): 100,
		("rep_a2", S2): 0,
		("rep_b1", S0): 100,
		("rep_b1", S1): 0,
		("group_a", S0): 75,
		("group_a", S1): 100,
		("group_a", S2): 33.3333,
		("group_b", S0): 100,
		("group_b", S1): 0,
		("department", S0): 80,
		("department", S1): 66.6667,
		("department", S2): 33.3333,
	},
	# the days spent in the stage left, averaged over the steps that left it
	"STAGE_DAYS": {
		("rep_a1", S0): 2.6667,  # 2, 2, 4
		("rep_a1", S1): 7.6667,  # 6, 3, 14
		("rep_a1", S2): 10,
		("rep_a2", S0): 2,
		("rep_a2", S2): 18,
		("rep_b1", S0): 10,
		("group_a", S0): 2.5,
		("group_a", S1): 7.6667,
		("group_a", S2): 14,
		("group_b", S0): 10,
		("department", S0): 4,
		("department", S1): 7.6667,
		("department", S2): 14,
	},
}


class FunnelTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.dept = create_department()
		cls.customer = create_customer().name
		frappe.set_user("Administrator")
		cls.deals = {}
		for deal, rep, steps in HISTORY:
			opportunity = frappe.get_doc(
				{
					"doctype": "Opportunity",
					"opportunity_from": "Customer",
					"party_name": cls.customer,
					"company": get_company(),
					"opportunity_owner": cls.dept.users[rep],
					"opportunity_amount": AMOUNTS[deal],
					"sales_stage": S0,
				}
			).insert(ignore_permissions=True)
			frappe.db.set_value(
				"Opportunity", opportunity.name, "status", STATUS[deal], update_modified=False
			)
			# the history is the hand-written one, not what inserting recorded today; the flags the app
			# keeps on each step (moved on, won afterwards, the amount) as recording would have set them
			frappe.db.delete("Deal Stage Change", {"opportunity": opportunity.name})
			afterwards = moved_on_afterwards([(e, f, t, bool(m)) for e, _at, f, t, _d, m in steps])
			for (event, at, from_stage, to_stage, days, moved), later in zip(steps, afterwards, strict=True):
				frappe.get_doc(
					{
						"doctype": "Deal Stage Change",
						"opportunity": opportunity.name,
						"sales_funnel": DEFAULT_FUNNEL,
						"event": event,
						"sales_person": cls.dept.nodes[rep],
						"changed_at": at,
						"changed_by": cls.dept.users[rep],
						"from_stage": from_stage,
						"to_stage": to_stage,
						"days_in_stage": days,
						"moved_forward": moved,
						"moved_on_later": int(later),
						"won_later": int(STATUS[deal] == "Converted" and event in ENTERING),
						"amount": AMOUNTS[deal],
						"source": "Recorded",
					}
				).insert(ignore_permissions=True)
			cls.deals[deal] = opportunity.name
		set_setting("funnel_training_gap", 10)

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")

	def report(self, user, **filters):
		filters = {"from_date": "2026-11-01", "to_date": "2026-11-30", "funnel": DEFAULT_FUNNEL, **filters}
		return as_user(user, execute, filters)

	def rows(self, data, key=None):
		return {
			row["stage"]: row for row in data if (key is None and row["bold"]) or (key and row["key"] == key)
		}


class TestFunnelKPIs(FunnelTestCase):
	def test_each_funnel_kpi_for_november(self):
		nodes = self.dept.nodes
		by_name = {name: key for key, name in nodes.items()}
		for kpi, expected in NOVEMBER_FACTS.items():
			with self.subTest(kpi=kpi):
				facts = compute([kpi], list(nodes.values()), NOVEMBER, date(2026, 11, 30), "Month")[kpi]
				got = {
					(by_name[node], stage): round(value, 4)
					for (node, day, stage), value in facts.items()
					if day == NOVEMBER
				}
				self.assertEqual(got, expected)

	def test_a_week_counts_its_own_entries(self):
		nodes = self.dept.nodes
		facts = compute(["STAGE_ENTRIES"], [nodes.rep_a1], date(2026, 11, 2), date(2026, 11, 8), "Week")
		# 2–8 November: D1 and D2 opened on S0, D2 back to S0; D1 and D2 to S1; D5 to S2
		self.assertEqual(
			{stage: value for (_n, _d, stage), value in facts["STAGE_ENTRIES"].items()},
			{S0: 3, S1: 2, S2: 1},
		)

	def test_a_stage_can_be_planned(self):
		"""The stage KPIs take a target per stage in a plan, like the KPIs by segment."""
		plan = frappe.get_doc(
			{
				"doctype": "Sales Plan",
				"company": get_company(),
				"sales_person": self.dept.nodes.department,
				"period_type": "Year",
				"period_start": "2031-01-01",
				"targets": [
					{"kpi": "STAGE_ENTRIES", "dimension_value": S0, "target": 20},
					{"kpi": "STAGE_CONVERSION", "dimension_value": S0, "target": 60},
				],
			}
		)
		as_user(self.dept.users.head, plan.insert)
		self.assertEqual([row.dimension for row in plan.targets], ["Sales Stage", "Sales Stage"])


class TestFunnelAnalysis(FunnelTestCase):
	def test_the_departments_funnel_for_november(self):
		_columns, data, _message, chart, summary = self.report(self.dept.users.head, group_by="")
		total = self.rows(data)
		# the entries of November (D2 entered S0 twice), those that moved on afterwards and were won: the
		# conversions are the STAGE_CONVERSION KPI's
		self.assertEqual(
			{stage: (r["entered"], r["moved_on"], r["won"], r["conversion"]) for stage, r in total.items()},
			{
				S0: (5, 4, 1, 80.0),  # D1 D2 D3 D4 moved on; D2 back on S0 was lost there
				S1: (3, 1, 1, 33.3),  # D1 (on), D2 (back), D4 (stays)
				S2: (3, 1, 1, 33.3),  # D1 (won), D3 (lost), D5 (stays)
				**{stage[0]: (0, 0, 0, None) for stage in SEED_STAGES[3:]},
			},
		)
		self.assertEqual(total[S0]["amount"], 12000)  # D1, D2 twice, D3, D4
		self.assertEqual(total[S0]["to_won"], 20.0)
		# days in the stage left in November: S0 2, 2, 4, 2, 10; S1 6, 3, 14; S2 10, 18
		self.assertEqual((total[S0]["median_days"], total[S0]["p80_days"]), (2, 5.2))
		self.assertEqual((total[S1]["median_days"], total[S1]["p80_days"]), (6, 10.8))
		self.assertEqual((total[S2]["median_days"], total[S2]["p80_days"]), (14, 16.4))
		# October, the period before: D5 and D6 entered S0, D5 moved on; D5 entered S1 and moved on
		self.assertEqual((total[S0]["reference_entered"], total[S0]["reference_conversion"]), (2, 50.0))
		self.assertEqual(total[S0]["conversion_change"], 30.0)
		self.assertEqual(chart["data"]["datasets"][0]["values"][:3], [5, 3, 3])
		self.assertEqual(summary[0]["value"], 5)
		self.assertEqual(len(data), len(SEED_STAGES))  # nothing grouped: the node's own funnel
		# grouped by rep or segment, the node's rows are its keys' added up: the same figures
		fields = ("entered", "moved_on", "won", "amount", "median_days", "p80_days", "reference_conversion")
		for group_by in ("Sales Person", "Market Segment", "Group", "Product"):
			_c, grouped, *_rest = self.report(self.dept.users.head, group_by=group_by)
			node_rows = self.rows(grouped)
			for stage, row in total.items():
				with self.subTest(group_by=group_by, stage=stage):
					self.assertEqual([node_rows[stage][f] for f in fields], [row[f] for f in fields])

	def test_the_training_list_against_the_reps_own_previous_period(self):
		nodes = self.dept.nodes
		_c, data, message, _chart, summary = self.report(self.dept.users.head, group_by="Sales Person")
		a1 = self.rows(data, nodes.rep_a1)
		self.assertEqual((a1[S0]["entered"], a1[S0]["moved_on"], a1[S0]["conversion"]), (3, 2, 66.7))
		# A1 converted S1 at 100 % in October (D5) and at 50 % in November (D1 on, D2 back)
		self.assertEqual((a1[S1]["conversion"], a1[S1]["reference_conversion"]), (50.0, 100.0))
		weak = [(row["key"], row["stage"]) for row in data if row["weak"]]
		self.assertEqual(weak, [(nodes.rep_a1, S1)])
		self.assertIn(nodes.rep_a1, message)
		self.assertIn("corrective-decision/new", message)  # the head may open a Corrective Decision
		self.assertEqual(summary[-1]["value"], 1)

	def test_the_training_list_plans_a_training_and_shows_the_month_after(self):
		nodes, users = self.dept.nodes, self.dept.users
		frappe.db.savepoint("st_funnel_training")
		self.addCleanup(frappe.db.rollback, save_point="st_funnel_training")
		_c, _data, message, _chart, _summary = self.report(users.lead_a, group_by="Sales Person")
		links = re.findall(r'<a href="#" class="st-plan-training" ([^>]*)>', message)
		self.assertEqual(len(links), 1)
		data = {key: html.unescape(value) for key, value in re.findall(r'data-([\w-]+)="([^"]*)"', links[0])}
		self.assertEqual((data["stage"], json.loads(data["reps"])), (S1, [nodes.rep_a1]))
		# another group's lead cannot plan it for group A's rep, and nothing is made
		before = frappe.db.count("Sales Training")
		with self.assertRaises(frappe.PermissionError):
			as_user(users.lead_b, plan_training_for_stage, S1, data["reps"], data["conversions"])
		self.assertEqual(frappe.db.count("Sales Training"), before)
		# the rep is offered no such link
		self.assertNotIn("st-plan-training", self.report(users.rep_a1, group_by="Sales Person")[2] or "")

		name = as_user(
			users.lead_a,
			plan_training_for_stage,
			data["stage"],
			data["reps"],
			data["conversions"],
			data["from-date"],
			data["to-date"],
		)
		doc = frappe.get_doc("Sales Training", name)
		self.assertEqual((doc.sales_person, doc.sales_stage, doc.status), (nodes.group_a, S1, "Planned"))
		self.assertEqual(
			[(row.sales_person, row.sent_conversion) for row in doc.participants], [(nodes.rep_a1, 50.0)]
		)
		self.assertEqual((str(doc.sent_from), str(doc.sent_to)), ("2026-11-01", "2026-11-30"))
		# December: A1 enters S1 three times and moves on twice; B1's entry is not his
		for n, (rep, moved_on) in enumerate(
			((nodes.rep_a1, 1), (nodes.rep_a1, 1), (nodes.rep_a1, 0), (nodes.rep_b1, 1))
		):
			frappe.get_doc(
				{
					"doctype": "Deal Stage Change",
					"name": f"ST-DEC-{frappe.generate_hash(length=8)}-{n}",
					"opportunity": f"ST-DEC-DEAL-{n}",
					"sales_funnel": DEFAULT_FUNNEL,
					"event": "Stage Changed",
					"sales_person": rep,
					"changed_at": datetime(2026, 12, 3 + n, 10),
					"to_stage": S1,
					"moved_on_later": moved_on,
				}
			).db_insert()
		frappe.response.pop("docs", None)  # what an earlier form load left in this response
		as_user(users.lead_a, getdoc, "Sales Training", name)
		rows = frappe.response.docs[-1].get("__onload").stage_by_participant
		self.assertEqual(
			[(row["sales_person"], row["before"], row["after"], row["entered_after"]) for row in rows],
			[(nodes.rep_a1, 50.0, 66.7, 3)],
		)
		self.assertEqual((str(rows[0]["after_from"]), str(rows[0]["after_to"])), ("2026-12-01", "2026-12-31"))

	def test_the_training_list_against_the_team(self):
		nodes = self.dept.nodes
		_c, data, message, _chart, _summary = self.report(
			self.dept.users.head, group_by="Sales Person", compare_with="Team"
		)
		# the department converts S0 at 80 %, S1 and S2 at 33.3 %: A1 (66.7 % on S0), B1 (0 % on S1) and
		# A2 (0 % on S2) are more than 10 points below
		weak = [(row["key"], row["stage"]) for row in data if row["weak"]]
		self.assertEqual(sorted(weak), sorted([(nodes.rep_a1, S0), (nodes.rep_b1, S1), (nodes.rep_a2, S2)]))
		set_setting("funnel_training_gap", 40)
		self.addCleanup(set_setting, "funnel_training_gap", 10)
		_c, data, message, _chart, _summary = self.report(
			self.dept.users.head, group_by="Sales Person", compare_with="Team"
		)
		self.assertEqual([row for row in data if row["weak"]], [])
		self.assertIsNone(message)

	def test_by_group(self):
		nodes = self.dept.nodes
		_c, data, *_ = self.report(self.dept.users.head, group_by="Group", compare_with="Team")
		group_a, group_b = self.rows(data, nodes.group_a), self.rows(data, nodes.group_b)
		self.assertEqual((group_a[S0]["entered"], group_a[S2]["entered"]), (4, 3))
		self.assertEqual((group_b[S0]["entered"], group_b[S1]["entered"], group_b[S1]["moved_on"]), (1, 1, 0))

	def test_each_person_sees_their_own_part_of_the_tree(self):
		users, nodes = self.dept.users, self.dept.nodes
		# a rep's funnel is their own deals: A1's D1 and D2 entered S0, D2 twice
		_c, data, *_ = self.report(users.rep_a1, group_by="")
		self.assertEqual(self.rows(data)[S0]["entered"], 3)
		self.assertEqual({row["key"] for row in data}, {nodes.rep_a1})
		# the group lead of B sees group B only, and not group A
		_c, data, *_ = self.report(users.lead_b, sales_person=nodes.group_b, group_by="Sales Person")
		self.assertEqual({row["key"] for row in data if not row["bold"]}, {nodes.rep_b1})
		for user, node in (
			(users.lead_b, nodes.group_a),
			(users.rep_b1, nodes.department),
			(users.rep_a2, nodes.rep_a1),
		):
			with self.subTest(user=user, node=node):
				with self.assertRaises(NodeAccessError):
					self.report(user, sales_person=node)

	def test_bad_filters_are_refused(self):
		head = self.dept.users.head
		with self.assertRaises(frappe.ValidationError):
			self.report(head, from_date="2026-11-30", to_date="2026-11-01")
		with self.assertRaises(frappe.ValidationError):
			self.report(head, group_by="Colour")
		with self.assertRaises(frappe.ValidationError):
			self.report(head, group_by="", compare_with="Team")


class TestStepsThroughERPNextFlows(FrappeTestCase):
	"""What ERPNext's own buttons do to a deal is recorded too, with its funnel and whether it moved on."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.dept = create_department()
		cls.customer = create_customer().name

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")

	def deal(self):
		return create_deal(self.dept.users.rep_a1, self.customer)

	def steps(self, deal):
		return [
			(s.event, s.from_stage, s.to_stage, s.moved_forward, s.sales_funnel)
			for s in frappe.get_all(
				"Deal Stage Change",
				filters={"opportunity": deal},
				fields=["event", "from_stage", "to_stage", "moved_forward", "sales_funnel"],
				order_by="changed_at asc, creation asc",
			)
		]

	def move(self, deal, stage):
		def save():
			doc = frappe.get_doc("Opportunity", deal)
			doc.sales_stage = stage
			doc.st_confirm_open_tasks = 1  # past the stage's open tasks (test_stage_playbooks)
			doc.save()

		as_user(self.dept.users.rep_a1, save)

	def test_forward_back_and_declared_lost(self):
		deal = self.deal().name
		self.move(deal, S2)
		self.move(deal, S1)

		# declared lost by the rep through ERPNext's Declare Lost, with his lead's consent
		close_with_consent(deal, self.dept.users.rep_a1, self.dept.users.lead_a)
		self.assertEqual(
			self.steps(deal),
			[
				("Opened", None, S0, 0, DEFAULT_FUNNEL),
				("Stage Changed", S0, S2, 1, DEFAULT_FUNNEL),
				("Stage Changed", S2, S1, 0, DEFAULT_FUNNEL),
				("Lost", S1, S1, 0, DEFAULT_FUNNEL),
			],
		)
		# the steps into a stage know whether the deal moved on from it afterwards: only S0 it did
		flags = frappe.get_all(
			"Deal Stage Change",
			filters={"opportunity": deal},
			fields=["to_stage", "moved_on_later", "won_later"],
			order_by="changed_at asc, creation asc",
			as_list=True,
		)
		self.assertEqual([tuple(row) for row in flags], [(S0, 1, 0), (S2, 0, 0), (S1, 0, 0), (S1, 0, 0)])

	def test_won_through_a_quotation_and_an_order(self):
		from erpnext.crm.doctype.opportunity.opportunity import make_quotation
		from erpnext.selling.doctype.quotation.quotation import make_sales_order

		from sales_technology.tests.factories import get_test_item

		opportunity = self.deal()
		self.move(opportunity.name, S3)
		item = get_test_item()

		def sell():
			quotation = make_quotation(opportunity.name)
			quotation.append("items", {"item_code": item, "qty": 1, "rate": 100})
			quotation.insert()
			quotation.submit()
			order = make_sales_order(quotation.name)
			order.delivery_date = frappe.utils.add_days(frappe.utils.today(), 7)
			order.insert()
			order.submit()

		frappe.set_user("Administrator")
		sell()  # the quotation and the order are the back office's, as ERPNext's flow goes
		events = self.steps(opportunity.name)
		self.assertEqual(events[-1][:4], ("Won", S3, S3, 1))
		# every step into a stage was of a deal won afterwards
		entries = frappe.get_all(
			"Deal Stage Change",
			filters={"opportunity": opportunity.name, "event": ("in", ["Opened", "Stage Changed"])},
			pluck="won_later",
		)
		self.assertEqual(entries, [1] * len(entries))
		self.assertTrue(entries)
		self.assertEqual(frappe.db.get_value("Opportunity", opportunity.name, "status"), "Converted")


class TestDealStory(FunnelTestCase):
	def test_the_deals_form_tells_its_stages_and_days_to_who_reads_the_deal(self):
		deal, _rep, steps = HISTORY[0]
		for user in ("rep_a1", "lead_a", "head"):
			story = as_user(self.dept.users[user], deal_story, self.deals[deal])
			self.assertEqual(
				[(step.event, step.from_stage, step.to_stage, step.days_in_stage) for step in story],
				[(event, from_stage, to_stage, days) for event, _at, from_stage, to_stage, days, _m in steps],
			)
		self.assertTrue(story[-1].changed_by_name)
		for user in ("rep_b1", "lead_b"):
			with self.assertRaises(frappe.PermissionError):
				as_user(self.dept.users[user], deal_story, self.deals[deal])
