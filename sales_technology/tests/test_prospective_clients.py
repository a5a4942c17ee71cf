"""The prospective clients report against hand-computed figures, as the lead and the head run it on a
Monday; the weekly job keeps each node's picture, and the next report shows it beside the new one."""

from __future__ import annotations

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_technology.deals.forecast import store_weekly_forecast
from sales_technology.sales_technology.report.prospective_clients.prospective_clients import execute
from sales_technology.setup.standard_funnel import SEED_STAGES
from sales_technology.shared.access import NodeAccessError
from sales_technology.tests.factories import (
	as_user,
	close_with_consent,
	create_customer,
	create_deal,
	create_department,
	create_sales_invoice,
	create_sales_plan,
	get_company,
	set_setting,
)

MONDAY = date(2026, 11, 9)  # the report of the week 2 to 8 November
STAGE_1, STAGE_2, STAGE_3 = (stage[0] for stage in SEED_STAGES[:3])
# November 2026 has 21 working days Monday to Friday, 6 of them by the 9th; the fourth quarter 66, 28
MONTH_DAYS, MONTH_ELAPSED, QUARTER_DAYS, QUARTER_ELAPSED = 21, 6, 66, 28


class TestProspectiveClients(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		set_setting("working_day_source", "Monday to Friday")
		cls.dept = create_department()
		cls.customer = create_customer().name
		users, nodes = cls.dept.users, cls.dept.nodes
		cls.deals = {
			# owner, amount, probability, expected closing
			"D1": cls.deal(users.rep_a1, 100_000, 50, "2026-11-20"),
			"D2": cls.deal(users.rep_a1, 200_000, 25, "2026-12-15"),
			"D3": cls.deal(users.rep_a1, 80_000, 100, None),
			"D4": cls.deal(users.rep_a2, 40_000, 50, "2026-11-01"),  # overdue: still expected this month
			"D5": cls.deal(users.rep_b1, 60_000, 10, "2026-11-30"),
			"D6": cls.deal(users.rep_a1, 500_000, 90, "2026-11-10"),  # won below
			"D7": cls.deal(users.rep_b1, 70_000, 20, "2026-11-10"),  # lost below
		}
		d = cls.deals
		# the rep keeps the probability he typed as the deals move (else it follows the stage)
		cls.move(users.rep_a1, d["D1"], STAGE_2, 50)
		cls.move(users.rep_a1, d["D2"], STAGE_3, 30)
		cls.move(users.rep_a1, d["D2"], STAGE_2, 25)
		frappe.get_doc("Opportunity", d["D6"]).set_status(update=True, status="Converted")
		close_with_consent(d["D7"], users.rep_b1, users.lead_b)
		# the week's steps: D1 opened and moved on, D2 moved back, D6 won, D7 lost; the rest happened
		# outside the week
		cls.date_steps(d["D1"], {"Opened": "2026-11-03 10:00:00", "Stage Changed": "2026-11-04 10:00:00"})
		step = frappe.qb.DocType("Deal Stage Change")
		changes = frappe.get_all(
			"Deal Stage Change",
			filters={"opportunity": d["D2"], "event": "Stage Changed"},
			fields=["name", "moved_forward"],
		)
		for row in changes:
			frappe.qb.update(step).set(
				step.changed_at, "2026-11-06 10:00:00" if not row.moved_forward else "2026-10-20 10:00:00"
			).where(step.name == row.name).run()
		cls.date_steps(d["D6"], {"Won": "2026-11-05 10:00:00"})
		cls.date_steps(d["D7"], {"Lost": "2026-11-06 12:00:00"})
		# the plan: 1.2 M a year, 300 k the quarter, 100 k November for A1; 30 k invoiced on 4 November
		year = create_sales_plan(nodes.rep_a1, "Year", date(2026, 1, 1), {"TURNOVER": 1_200_000})
		quarter = create_sales_plan(
			nodes.rep_a1, "Quarter", date(2026, 10, 1), {"TURNOVER": 300_000}, year.name
		)
		create_sales_plan(nodes.rep_a1, "Month", date(2026, 11, 1), {"TURNOVER": 100_000}, quarter.name)
		create_sales_invoice(cls.customer, 30_000, posting_date="2026-11-04", sales_team={nodes.rep_a1: 100})

	@classmethod
	def tearDownClass(cls):
		set_setting("working_day_source", "Company Holiday List")
		super().tearDownClass()

	@classmethod
	def deal(cls, owner, amount, probability, closing) -> str:
		name = create_deal(
			owner,
			cls.customer,
			opportunity_amount=amount,
			probability=probability,
			expected_closing=closing,
		).name
		cls.date_steps(name, {"Opened": "2026-10-15 10:00:00"})
		return name

	@classmethod
	def move(cls, user, deal, stage, probability):
		def save():
			doc = frappe.get_doc("Opportunity", deal)
			doc.sales_stage = stage
			doc.st_confirm_open_tasks = 1
			doc.save()
			doc.probability = probability  # typed after the move, it stays
			doc.save()

		as_user(user, save)

	@classmethod
	def date_steps(cls, deal, when: dict[str, str]):
		step = frappe.qb.DocType("Deal Stage Change")
		for event, at in when.items():
			frappe.qb.update(step).set(step.changed_at, at).where(step.opportunity == deal).where(
				step.event == event
			).run()

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")

	def report(self, user, node=None, on=MONDAY, show_deals=1):
		filters = {"company": get_company(), "on_date": on, "show_deals": show_deals}
		if node:
			filters["sales_person"] = node
		_columns, rows, message, chart, summary = as_user(user, execute, filters)
		return rows, message, chart, summary

	def node_row(self, rows, node):
		return next(row for row in rows if row["sales_person"] == node and not row.get("opportunity"))

	def test_the_figures_of_each_node_as_hand_computed(self):
		nodes = self.dept.nodes
		rows, message, _chart, summary = self.report(self.dept.users.head, nodes.department)
		expected = {
			# open deals, pipeline, weighted month, weighted quarter, new, forward, back, won, lost
			nodes.rep_a1: (3, 380_000, 50_000, 100_000, 1, 1, 1, 1, 0),
			nodes.rep_a2: (1, 40_000, 20_000, 20_000, 0, 0, 0, 0, 0),
			nodes.group_a: (4, 420_000, 70_000, 120_000, 1, 1, 1, 1, 0),
			nodes.rep_b1: (1, 60_000, 6_000, 6_000, 0, 0, 0, 0, 1),
			nodes.department: (5, 480_000, 76_000, 126_000, 1, 1, 1, 1, 1),
		}
		fields = (
			"open_deals",
			"amount",
			"weighted_month",
			"weighted_quarter",
			"new_deals",
			"moved_forward",
			"moved_back",
			"deals_won",
			"deals_lost",
		)
		for node, figures in expected.items():
			row = self.node_row(rows, node)
			self.assertEqual(tuple(row[field] for field in fields), figures, node)
		a1 = self.node_row(rows, nodes.rep_a1)
		self.assertEqual((a1["month_target"], a1["month_fact"]), (100_000, 30_000))
		self.assertAlmostEqual(a1["month_projection"], 30_000 * MONTH_DAYS / MONTH_ELAPSED, places=2)
		self.assertEqual((a1["quarter_target"], a1["quarter_fact"]), (300_000, 30_000))
		self.assertAlmostEqual(a1["quarter_projection"], 30_000 * QUARTER_DAYS / QUARTER_ELAPSED, places=2)
		# the group has no plan of its own; its fact is its reps'
		group = self.node_row(rows, nodes.group_a)
		self.assertEqual((group["month_target"], group["month_fact"]), (None, 30_000))
		# the deals under their rep, weighted
		deals = {row["opportunity"]: row for row in rows if row.get("opportunity")}
		self.assertEqual(set(deals), {self.deals[key] for key in ("D1", "D2", "D3", "D4", "D5")})
		self.assertEqual(deals[self.deals["D2"]]["weighted_month"], 50_000)
		self.assertEqual(deals[self.deals["D1"]]["indent"], self.node_row(rows, nodes.rep_a1)["indent"] + 1)
		self.assertEqual({item["label"]: item["value"] for item in summary}["Open Deals"], 5)
		self.assertIn(frappe.format(date(2026, 11, 2), "Date"), message)
		self.assertIn(frappe.format(date(2026, 11, 8), "Date"), message)

	def test_the_lead_sees_his_group_and_not_the_other(self):
		nodes = self.dept.nodes
		rows, *_rest = self.report(self.dept.users.lead_a)
		self.assertEqual({row["sales_person"] for row in rows}, {nodes.group_a, nodes.rep_a1, nodes.rep_a2})
		with self.assertRaises(NodeAccessError):
			self.report(self.dept.users.lead_a, nodes.group_b)
		rows, *_rest = self.report(self.dept.users.rep_a1, show_deals=0)
		self.assertEqual([row["sales_person"] for row in rows], [nodes.rep_a1])

	def test_the_weekly_picture_is_kept_and_compared(self):
		nodes, company = self.dept.nodes, get_company()
		store_weekly_forecast(MONDAY, company)
		store_weekly_forecast(MONDAY, company)  # again: replaced, not doubled
		kept = frappe.get_all(
			"Sales Forecast Snapshot",
			filters={"sales_person": nodes.department, "week_start": date(2026, 11, 2)},
			fields=["open_deals", "weighted_month", "month_fact", "deals_lost", "week_end"],
		)
		self.assertEqual(len(kept), 1)
		self.assertEqual(
			(kept[0].open_deals, kept[0].weighted_month, kept[0].month_fact, kept[0].deals_lost),
			(5, 76_000, 30_000, 1),
		)
		# a week later the report shows the stored week beside the new figures, and charts the weeks
		rows, _message, chart, _summary = self.report(
			self.dept.users.head, nodes.department, date(2026, 11, 16)
		)
		self.assertEqual(self.node_row(rows, nodes.department)["weighted_month_before"], 76_000)
		self.assertIn(76_000, chart["data"]["datasets"][0]["values"])
		# the pictures follow the tree too
		seen = as_user(
			self.dept.users.rep_b1,
			frappe.get_list,
			"Sales Forecast Snapshot",
			filters={"week_start": date(2026, 11, 2), "sales_person": ("in", list(nodes.values()))},
			pluck="sales_person",
		)
		self.assertEqual(seen, [nodes.rep_b1])
