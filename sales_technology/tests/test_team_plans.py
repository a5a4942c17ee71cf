"""A node's plan is its own plan, else its team's: the department's month, planned through its groups (as
the methodology cascades it), reads as the groups' approved targets summed on every screen the head and
the director open first: the main KPIs, the fulfilment cards, Plan Fulfilment, KPI Matrix, the Plan vs
Fact chart and Prospective Clients."""

import frappe
from frappe.utils import add_days, getdate, today

from sales_technology.core.periods import PeriodType
from sales_technology.deals.forecast import plan_figures
from sales_technology.kpi.plan_fact import node_plan_rows, node_targets
from sales_technology.sales_technology.report.kpi_matrix.kpi_matrix import execute as kpi_matrix
from sales_technology.sales_technology.report.plan_fulfilment.plan_fulfilment import (
	execute as plan_fulfilment,
)
from sales_technology.shared.work_calendar import get_period
from sales_technology.tests.factories import DepartmentTestCase, as_user, get_company
from sales_technology.workspace.figures import plan_and_fact_by_month
from sales_technology.workspace.main_kpis import workspace_main_kpis

# group A's and group B's month targets: turnover adds up, a conversion does not
GROUP_A = {"TURNOVER": 100_000, "NEW_CLIENTS_COUNT": 2, "CONV_COLD_MEETING_TO_WORKING": 30}
GROUP_B = {"TURNOVER": 250_000, "NEW_CLIENTS_COUNT": 3, "CONV_COLD_MEETING_TO_WORKING": 50}


def approved_month(node: str, company: str, month, targets: dict[str, float], period_type="Month") -> str:
	"""A group's month as the cascade leaves it approved; stored without the year and quarter above it (the
	cascade itself is tested in test_seed_cascade), its targets described as the plan's validation does."""
	plan = frappe.get_doc(
		{
			"doctype": "Sales Plan",
			"company": company,
			"sales_person": node,
			"period_type": period_type,
			"period_start": month.start,
			"period_end": month.end,
			"docstatus": 1,
			"targets": [
				{
					"kpi": kpi,
					"target": target,
					**frappe.db.get_value(
						"Sales KPI", kpi, ["kpi_name", "additive", "direction", "unit"], as_dict=True
					),
				}
				for kpi, target in targets.items()
			],
		}
	)
	plan.flags.ignore_validate = True
	plan.flags.ignore_links = True
	return plan.insert(ignore_permissions=True).name


class TestTeamPlans(DepartmentTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.company = get_company()
		cls.month = get_period(cls.company, getdate(today()), PeriodType.MONTH)
		cls.plans = {}
		for group, targets in (("group_a", GROUP_A), ("group_b", GROUP_B)):
			cls.plans[group] = approved_month(cls.nodes[group], cls.company, cls.month, targets)

	def test_the_departments_month_is_its_groups_approved_months_summed(self):
		planned = node_targets([self.nodes.department], self.company, self.month)[self.nodes.department]
		self.assertIsNone(planned.plan)
		self.assertEqual(planned.team, (2, 2))
		targets = {target.kpi: target.target for target in planned.targets}
		self.assertEqual(targets, {"TURNOVER": 350_000, "NEW_CLIENTS_COUNT": 5})  # no common conversion
		rows = node_plan_rows(self.nodes.department, self.company, self.month)
		self.assertEqual({row["kpi"]: row["target"] for row in rows}, targets)
		self.assertTrue(all(row["fact"] is not None for row in rows))

	def test_only_approved_plans_of_the_team_count(self):
		frappe.db.set_value("Sales Plan", self.plans["group_b"], "docstatus", 0)
		self.addCleanup(frappe.db.set_value, "Sales Plan", self.plans["group_b"], "docstatus", 1)
		planned = node_targets([self.nodes.department], self.company, self.month)[self.nodes.department]
		self.assertEqual(planned.team, (1, 2))
		self.assertEqual({target.kpi: target.target for target in planned.targets}["TURNOVER"], 100_000)

	def test_the_head_and_the_director_see_the_department_planned(self):
		for person in ("head", "director"):
			user = self.users[person]
			if person == "head":  # the workspace opens on his own node (the director's on the tree's top)
				with self.subTest(person=person, screen="main KPIs"):
					figures = as_user(user, workspace_main_kpis)
					self.assertEqual(figures["node"], self.nodes.department)
					turnover = next(kpi for kpi in figures["kpis"] if kpi["kpi"] == "TURNOVER")
					self.assertEqual(turnover["target"], 350_000)
			with self.subTest(person=person, screen="Plan Fulfilment"):
				_columns, data, _message, chart, _summary = as_user(
					user,
					plan_fulfilment,
					{
						"company": self.company,
						"period_type": "Month",
						"date": today(),
						"sales_person": self.nodes.department,
					},
				)
				department = f"node::{self.nodes.department}"
				node_row = next(row for row in data if row.get("row_id") == department)
				self.assertEqual(node_row["team_planned"], "team's plans: 2 of 2")
				own = {
					row["kpi"]: row["target"]
					for row in data
					if row.get("parent_row") == department and not row.get("is_node")
				}
				self.assertEqual(own["TURNOVER"], 350_000)
				# the chart draws the department's own KPIs, labelled by KPI
				self.assertNotIn(self.nodes.group_a, " ".join(chart["data"]["labels"]))
			with self.subTest(person=person, screen="KPI Matrix"):
				_columns, data = as_user(
					user,
					kpi_matrix,
					{
						"company": self.company,
						"span": "Year",
						"period_type": "Month",
						"date": today(),
						"sales_person": self.nodes.department,
						"kpi": "TURNOVER",
					},
				)[:2]
				turnover = next(row for row in data if row["kpi"] == "TURNOVER")
				targets = [value for key, value in turnover.items() if key.endswith("_target")]
				self.assertIn(350_000, targets)

	def test_the_chart_and_prospective_clients_read_the_teams_month(self):
		chart = plan_and_fact_by_month("TURNOVER", self.nodes.department, self.company, getdate(today()))
		month = self.month.start.strftime("%m.%Y")
		plan = chart["datasets"][0]["values"][chart["labels"].index(month)]
		self.assertEqual(plan, 350_000)
		target, _fact, _projection = plan_figures(
			[self.nodes.department], self.company, self.month, getdate(today())
		)[self.nodes.department]
		self.assertEqual(target, 350_000)


class TestARepsMonthIsHisWeeks(DepartmentTestCase):
	def test_a_rep_without_a_month_plan_has_his_approved_weeks_that_start_in_it(self):
		company = get_company()
		month = get_period(company, getdate(today()), PeriodType.MONTH)
		first = get_period(company, month.start, PeriodType.WEEK)
		if first.start < month.start:  # the week the month begins in started in the month before
			first = get_period(company, add_days(first.end, 1), PeriodType.WEEK)
		second = get_period(company, add_days(first.end, 1), PeriodType.WEEK)
		for week, turnover in ((first, 10_000), (second, 15_000)):
			approved_month(self.nodes.rep_a1, company, week, {"TURNOVER": turnover}, period_type="Week")
		planned = node_targets([self.nodes.rep_a1], company, month)[self.nodes.rep_a1]
		self.assertEqual(planned.weeks, 2)
		self.assertEqual({target.kpi: target.target for target in planned.targets}, {"TURNOVER": 25_000})
		# and his group, which has no month plan either, holds his month
		group = node_targets([self.nodes.group_a], company, month)[self.nodes.group_a]
		self.assertEqual(group.team, (1, 2))
		self.assertEqual({target.kpi: target.target for target in group.targets}, {"TURNOVER": 25_000})
