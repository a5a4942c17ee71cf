"""The department's main KPIs and its key stage, first on the workspace and in Plan Fulfilment, seen by
each position; chosen by the head in the settings."""

from __future__ import annotations

from datetime import datetime

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today

from sales_technology.core.main_kpis import DEFAULT_MAIN_KPIS
from sales_technology.sales_technology.report.plan_fulfilment.plan_fulfilment import execute
from sales_technology.setup.main_kpis_block import MAIN_KPIS_BLOCK
from sales_technology.setup.standard_funnel import DEFAULT_FUNNEL, SEED_STAGES
from sales_technology.shared.validation import SalesRuleError
from sales_technology.tests.factories import as_user, create_customer, create_department, get_company
from sales_technology.tests.test_positions import workspace_as
from sales_technology.workspace.main_kpis import workspace_main_kpis

KEY_STAGE = next(stage[0] for stage in SEED_STAGES if stage[5])
BEFORE_KEY = SEED_STAGES[[stage[0] for stage in SEED_STAGES].index(KEY_STAGE) - 1][0]


def main_kpis_setting() -> list[str]:
	return [row.kpi for row in frappe.get_single("Sales Technology Settings").main_kpis]


class TestMainKPIs(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.dept = create_department()

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")

	def test_installed_with_the_defaults_and_the_default_funnels_key_stage(self):
		self.assertEqual(main_kpis_setting(), list(DEFAULT_MAIN_KPIS))
		self.assertEqual(
			frappe.db.get_single_value("Sales Technology Settings", "key_funnel"), DEFAULT_FUNNEL
		)

	def test_the_head_chooses_at_most_five_each_once(self):
		head = self.dept.users.head
		before = main_kpis_setting()

		def choose(kpis):
			settings = frappe.get_single("Sales Technology Settings")
			settings.set("main_kpis", [{"kpi": kpi} for kpi in kpis])
			settings.save()

		six = [*DEFAULT_MAIN_KPIS, "COLD_CALLS"]
		for bad in (six, ["TURNOVER", "TURNOVER"]):
			with self.subTest(bad=bad), self.assertRaises(SalesRuleError):
				as_user(head, choose, bad)
		self.assertEqual(main_kpis_setting(), before)
		with self.assertRaises(frappe.PermissionError):
			as_user(self.dept.users.rep_a1, choose, ["COLD_CALLS"])
		as_user(head, choose, ["COLD_CALLS", "TURNOVER"])
		self.addCleanup(choose, before)
		self.assertEqual(main_kpis_setting(), ["COLD_CALLS", "TURNOVER"])

	def test_each_position_sees_the_block_with_its_own_figures(self):
		users, nodes = self.dept.users, self.dept.nodes
		# this month A1 moved a deal from the stage before the key stage into it and on: the key stage's
		# conversion of A1, group A and the department is 100 %
		deal = frappe.get_doc(
			{
				"doctype": "Opportunity",
				"opportunity_from": "Customer",
				"party_name": create_customer().name,
				"company": get_company(),
				"opportunity_owner": users.rep_a1,
			}
		).insert(ignore_permissions=True)
		now = datetime.combine(getdate(today()), datetime.min.time()).replace(hour=1)
		for event, from_stage, to_stage, moved in (
			("Stage Changed", BEFORE_KEY, KEY_STAGE, 1),
			("Stage Changed", KEY_STAGE, SEED_STAGES[5][0], 1),
		):
			frappe.get_doc(
				{
					"doctype": "Deal Stage Change",
					"opportunity": deal.name,
					"sales_funnel": DEFAULT_FUNNEL,
					"event": event,
					"sales_person": nodes.rep_a1,
					"changed_at": now,
					"from_stage": from_stage,
					"to_stage": to_stage,
					"moved_forward": moved,
					"source": "Recorded",
				}
			).insert(ignore_permissions=True)
		for position, node, conversion in (
			("rep_a1", nodes.rep_a1, 100),
			("lead_a", nodes.group_a, 100),
			("rep_b1", nodes.rep_b1, None),
		):
			with self.subTest(position=position):
				page = workspace_as(users[position])
				self.assertEqual(
					[block.custom_block_name for block in page["custom_blocks"]["items"]], [MAIN_KPIS_BLOCK]
				)
				figures = as_user(users[position], workspace_main_kpis)
				self.assertEqual(figures["node"], node)
				self.assertEqual([kpi["kpi"] for kpi in figures["kpis"]], list(DEFAULT_MAIN_KPIS))
				self.assertEqual(figures["key_stage"]["stage"], KEY_STAGE)
				self.assertEqual(figures["key_stage"]["conversion"], conversion)
		# the block's code is the one the app ships, readable by the rep
		block = as_user(users.rep_a1, frappe.get_doc, "Custom HTML Block", MAIN_KPIS_BLOCK)
		self.assertIn("workspace_main_kpis", block.script)

	def test_plan_fulfilment_shows_the_main_kpis_first(self):
		head, nodes = self.dept.users.head, self.dept.nodes
		year = getdate(today()).replace(month=1, day=1)
		targets = {"NEW_CONTRACTS_COUNT": 3, "PILOTS_COUNT": 1, "TURNOVER": 1000, "NEW_CLIENTS_COUNT": 2}
		as_user(
			head,
			lambda: frappe.get_doc(
				{
					"doctype": "Sales Plan",
					"company": get_company(),
					"sales_person": nodes.department,
					"period_type": "Year",
					"period_start": year,
					"targets": [{"kpi": kpi, "target": target} for kpi, target in targets.items()],
				}
			).insert(),
		)
		errors_before = frappe.db.count("Error Log")
		_columns, data, _message, _chart, summary = as_user(
			head,
			execute,
			{
				"company": get_company(),
				"period_type": "Year",
				"date": today(),
				"sales_person": nodes.department,
			},
		)
		rows = [
			row for row in data if not row.get("is_node") and row["parent_row"] == f"node::{nodes.department}"
		]
		self.assertEqual(
			[row["kpi"] for row in rows],
			["TURNOVER", "NEW_CLIENTS_COUNT", "NEW_CONTRACTS_COUNT", "PILOTS_COUNT"],
		)
		self.assertEqual([row["is_main"] for row in rows], [1, 1, 0, 0])
		# above the table: the five main KPIs (fulfilment where planned), then the key stage
		self.assertEqual(len(summary), len(DEFAULT_MAIN_KPIS) + 1)
		self.assertEqual(summary[0]["datatype"], "Percent")  # turnover is planned
		self.assertIn(KEY_STAGE, summary[-1]["label"])
		# a main KPI not computed by the year (needs meetings are planned by the month) is left blank,
		# not logged as broken
		self.assertEqual(frappe.db.count("Error Log"), errors_before)
