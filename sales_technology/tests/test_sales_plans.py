"""Cascading sales plans on a real site: rules, approvals, distribution, corrections and access."""

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from sales_technology.plans.approval import SelfApprovalError, get_transitions
from sales_technology.plans.distribution import (
	DistributionRefused,
	distribute_by_calendar,
	distribute_to_team,
	push_increase,
)
from sales_technology.sales_technology.doctype.plan_correction.plan_correction import CorrectionRefused
from sales_technology.sales_technology.doctype.sales_plan.sales_plan import DuplicatePlanError
from sales_technology.shared.validation import SalesRuleError
from sales_technology.tests.factories import apply_action, create_department, create_sales_plan

YEAR = date(2027, 1, 1)
YEAR_TARGETS = {"TURNOVER": 1_200_000.0, "NEW_CLIENTS_COUNT": 25, "QUALITY_LEVEL": 95, "CLAIMS_COUNT": 12}


def targets_of(plan: str) -> dict[str, float]:
	return {
		row.kpi: row.target
		for row in frappe.get_all(
			"Sales Plan Target",
			filters={"parent": plan, "parenttype": "Sales Plan"},
			fields=["kpi", "target"],
		)
	}


def children_of(plan: str) -> list[frappe._dict]:
	return frappe.get_all(
		"Sales Plan",
		filters={"parent_plan": plan, "docstatus": ("<", 2)},
		fields=["name", "sales_person", "period_type", "period_start", "period_end"],
		order_by="period_start, sales_person",
	)


def approved_year_plan(dept, targets=None, start=YEAR, node=None):
	plan = create_sales_plan(node or dept.nodes.department, "Year", start, targets or YEAR_TARGETS)
	apply_action(plan, "Submit for Approval", dept.users.head)
	return apply_action(plan, "Approve", dept.users.director)


class SalesPlanTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.dept = create_department()

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")


class TestSalesKPICatalogue(FrappeTestCase):
	def test_the_standard_kpis_are_installed_once(self):
		from sales_technology.setup.install import create_standard_kpis
		from sales_technology.setup.standard_kpis import STANDARD_KPIS

		# the methodology's 39, the funnel's 4, 6 conversion parts, the receivables' 2
		self.assertEqual(len(STANDARD_KPIS), 51)
		self.assertEqual(frappe.db.count("Sales KPI", {"is_standard": 1}), 51)
		create_standard_kpis()
		self.assertEqual(frappe.db.count("Sales KPI", {"is_standard": 1}), 51)
		turnover = frappe.get_doc("Sales KPI", "TURNOVER")
		self.assertEqual((turnover.for_year, turnover.for_week, turnover.additive), (1, 0, 1))
		self.assertEqual(turnover.seed_name, "Сумма оборота")

	def test_a_definition_naming_a_missing_field_is_refused(self):
		kpi = frappe.get_doc(
			{
				"doctype": "Sales KPI",
				"code": "st_test_amount",
				"kpi_name": "Test amount",
				"category": "Result",
				"unit": "Currency",
				"direction": "Higher is better",
				"for_month": 1,
				"aggregate": "Sum",
				"source_doctype": "Sales Invoice",
				"date_field": "posting_date",
				"value_field": "no_such_field",
				"attribution": "Sales Team",
			}
		)
		with self.assertRaises(SalesRuleError) as raised:
			kpi.insert()
		self.assertIn("no_such_field", str(raised.exception))
		kpi.value_field = "base_net_total"
		kpi.insert()
		self.assertEqual(kpi.name, "ST_TEST_AMOUNT")

	def test_an_incomplete_definition_is_refused(self):
		kpi = frappe.get_doc(
			{
				"doctype": "Sales KPI",
				"code": "ST_RATIO",
				"kpi_name": "Test ratio",
				"category": "Conversion",
				"unit": "Percent",
				"direction": "Higher is better",
				"for_month": 1,
				"aggregate": "Ratio",
				"numerator_kpi": "COLD_CALLS",
			}
		)
		with self.assertRaises(SalesRuleError) as raised:
			kpi.insert()
		self.assertIn("Denominator KPI", str(raised.exception))

	def test_standard_kpis_cannot_be_deleted(self):
		with self.assertRaises(SalesRuleError):
			frappe.delete_doc("Sales KPI", "TURNOVER")


class TestSalesPlanRules(SalesPlanTestCase):
	def test_period_is_derived(self):
		plan = create_sales_plan(self.dept.nodes.rep_b1, "Year", date(2031, 1, 1), {"TURNOVER": 10})
		self.assertEqual((plan.period_end, plan.period_label), (date(2031, 12, 31), "2031"))
		self.assertEqual(plan.plan_kind, "Strategic")
		self.assertEqual(plan.workflow_state, "Draft")

	def test_misaligned_period_is_refused(self):
		with self.assertRaises(SalesRuleError) as raised:
			create_sales_plan(self.dept.nodes.rep_b1, "Year", date(2031, 2, 1), {"TURNOVER": 10})
		self.assertIn("2031-01-01", str(raised.exception))

	def test_parent_must_be_one_level_up_and_cover_the_period(self):
		year = create_sales_plan(self.dept.nodes.department, "Year", date(2032, 1, 1), {"TURNOVER": 10})
		with self.assertRaises(SalesRuleError):  # a month under a year
			create_sales_plan(
				self.dept.nodes.department, "Month", date(2032, 1, 1), {"TURNOVER": 1}, year.name
			)
		with self.assertRaises(SalesRuleError):  # a quarter of another year
			create_sales_plan(
				self.dept.nodes.department, "Quarter", date(2033, 1, 1), {"TURNOVER": 1}, year.name
			)
		with self.assertRaises(SalesRuleError):  # a quarter without a parent
			create_sales_plan(self.dept.nodes.department, "Quarter", date(2032, 1, 1), {"TURNOVER": 1})
		quarter = create_sales_plan(
			self.dept.nodes.group_a, "Quarter", date(2032, 4, 1), {"TURNOVER": 1}, year.name
		)
		self.assertEqual(quarter.parent_plan, year.name)

	def test_parent_must_be_the_node_or_above_it(self):
		group_plan = create_sales_plan(self.dept.nodes.group_b, "Year", date(2034, 1, 1), {"TURNOVER": 10})
		with self.assertRaises(SalesRuleError) as raised:
			create_sales_plan(
				self.dept.nodes.rep_a1, "Quarter", date(2034, 1, 1), {"TURNOVER": 1}, group_plan.name
			)
		self.assertIn(self.dept.nodes.group_b, str(raised.exception))

	def test_year_plan_has_no_parent(self):
		year = create_sales_plan(self.dept.nodes.department, "Year", date(2035, 1, 1), {"TURNOVER": 10})
		with self.assertRaises(SalesRuleError):
			create_sales_plan(self.dept.nodes.rep_a1, "Year", date(2035, 1, 1), {"TURNOVER": 1}, year.name)

	def test_kpi_must_apply_to_the_period_and_appear_once(self):
		with self.assertRaises(SalesRuleError) as raised:
			create_sales_plan(self.dept.nodes.rep_b1, "Year", date(2036, 1, 1), {"COLD_CALLS": 100})
		self.assertIn("COLD_CALLS", str(raised.exception))
		plan = frappe.get_doc(
			{
				"doctype": "Sales Plan",
				"company": frappe.db.get_value("Company", {}),
				"sales_person": self.dept.nodes.rep_b1,
				"period_type": "Year",
				"period_start": date(2036, 1, 1),
				"targets": [{"kpi": "TURNOVER", "target": 1}, {"kpi": "TURNOVER", "target": 2}],
			}
		)
		with self.assertRaises(SalesRuleError):
			plan.insert()

	def test_negative_target_is_refused(self):
		with self.assertRaises(frappe.ValidationError):
			create_sales_plan(self.dept.nodes.rep_b1, "Year", date(2037, 1, 1), {"TURNOVER": -5})

	def test_one_plan_per_node_and_period(self):
		create_sales_plan(self.dept.nodes.rep_b1, "Year", date(2038, 1, 1), {"TURNOVER": 10})
		with self.assertRaises(DuplicatePlanError):
			create_sales_plan(self.dept.nodes.rep_b1, "Year", date(2038, 1, 1), {"TURNOVER": 20})


class TestSalesPlanApproval(SalesPlanTestCase):
	def test_year_plan_is_approved_by_the_general_director_only(self):
		plan = create_sales_plan(self.dept.nodes.department, "Year", YEAR, YEAR_TARGETS)
		plan = apply_action(plan, "Submit for Approval", self.dept.users.head)
		self.assertEqual(
			(plan.workflow_state, plan.sent_for_approval_by), ("Pending Approval", self.dept.users.head)
		)
		with self.assertRaises(frappe.ValidationError):  # the head may not approve a year plan
			apply_action(plan, "Approve", self.dept.users.head)
		plan = apply_action(plan, "Approve", self.dept.users.director)
		self.assertEqual((plan.docstatus, plan.workflow_state), (1, "Approved"))
		self.assertEqual({row.kpi: row.approved_target for row in plan.targets}, YEAR_TARGETS)
		plan.reload()
		plan.targets[0].target = 1
		with self.assertRaises(frappe.ValidationError):  # approved targets change only through corrections
			plan.save()

	def test_nobody_approves_a_plan_of_their_own_node(self):
		year = approved_year_plan(self.dept, start=date(2039, 1, 1))
		quarter = create_sales_plan(
			self.dept.nodes.department, "Quarter", date(2039, 1, 1), {"TURNOVER": 1}, year.name
		)
		apply_action(quarter, "Submit for Approval", self.dept.users.head)
		apply_action(quarter, "Approve", self.dept.users.director)
		month = create_sales_plan(
			self.dept.nodes.department, "Month", date(2039, 1, 1), {"COLD_CALLS": 100}, quarter.name
		)
		apply_action(month, "Submit for Approval", self.dept.users.director)  # whoever sent it
		with self.assertRaises(SelfApprovalError):
			apply_action(month, "Approve", self.dept.users.head)
		self.assertEqual(frappe.db.get_value("Sales Plan", month.name, "docstatus"), 0)
		self.assertEqual(apply_action(month, "Approve", self.dept.users.director).docstatus, 1)

	def test_a_manager_approves_only_below_their_own_node(self):
		year = approved_year_plan(self.dept, start=date(2040, 1, 1))
		quarter = create_sales_plan(
			self.dept.nodes.department, "Quarter", date(2040, 1, 1), {"TURNOVER": 1}, year.name
		)
		apply_action(quarter, "Submit for Approval", self.dept.users.head)
		apply_action(quarter, "Approve", self.dept.users.director)
		month = create_sales_plan(
			self.dept.nodes.group_b, "Month", date(2040, 1, 1), {"COLD_CALLS": 100}, quarter.name
		)
		apply_action(month, "Submit for Approval", self.dept.users.head)
		apply_action(month, "Approve", self.dept.users.head)
		week = create_sales_plan(
			self.dept.nodes.rep_b1, "Week", date(2040, 1, 2), {"COLD_CALLS": 20}, month.name
		)
		apply_action(week, "Submit for Approval", self.dept.users.lead_b)
		with self.assertRaises(frappe.PermissionError):  # group A's lead does not even see rep B1's week
			apply_action(week, "Approve", self.dept.users.lead_a)
		with self.assertRaises(frappe.ValidationError):  # nor does the rep approve his own week
			apply_action(week, "Approve", self.dept.users.rep_b1)
		self.assertEqual(apply_action(week, "Approve", self.dept.users.lead_b).docstatus, 1)
		# the department's own week: its lead reads it (it is above him) but does not stand above it
		quarter = create_sales_plan(
			self.dept.nodes.department, "Quarter", date(2040, 4, 1), {"TURNOVER": 1}, year.name
		)
		apply_action(quarter, "Submit for Approval", self.dept.users.head)
		apply_action(quarter, "Approve", self.dept.users.director)
		month = create_sales_plan(
			self.dept.nodes.department, "Month", date(2040, 4, 1), {"COLD_CALLS": 100}, quarter.name
		)
		apply_action(month, "Submit for Approval", self.dept.users.head)
		apply_action(month, "Approve", self.dept.users.director)
		week = create_sales_plan(
			self.dept.nodes.department, "Week", date(2040, 4, 2), {"COLD_CALLS": 20}, month.name
		)
		apply_action(week, "Submit for Approval", self.dept.users.head)
		frappe.set_user(self.dept.users.lead_a)
		self.assertEqual(get_transitions(frappe.get_doc("Sales Plan", week.name)), [])  # no action offered
		frappe.set_user("Administrator")
		with self.assertRaises(frappe.PermissionError):
			apply_action(week, "Approve", self.dept.users.lead_a)
		with self.assertRaises(SelfApprovalError):
			apply_action(week, "Approve", self.dept.users.head)
		self.assertEqual(apply_action(week, "Approve", self.dept.users.director).docstatus, 1)

	def test_rejected_plan_goes_back_to_draft(self):
		plan = create_sales_plan(self.dept.nodes.department, "Year", date(2041, 1, 1), YEAR_TARGETS)
		apply_action(plan, "Submit for Approval", self.dept.users.head)
		plan = apply_action(plan, "Reject", self.dept.users.director)
		self.assertEqual((plan.workflow_state, plan.docstatus), ("Rejected", 0))
		plan = apply_action(plan, "Revise", self.dept.users.head)
		self.assertEqual(plan.workflow_state, "Draft")

	def test_month_and_week_plans_are_approved_at_their_level(self):
		year = approved_year_plan(self.dept, start=date(2042, 1, 1))
		quarter = create_sales_plan(
			self.dept.nodes.department, "Quarter", date(2042, 1, 1), {"TURNOVER": 1}, year.name
		)
		apply_action(quarter, "Submit for Approval", self.dept.users.head)
		apply_action(quarter, "Approve", self.dept.users.director)
		month = create_sales_plan(
			self.dept.nodes.group_a, "Month", date(2042, 1, 1), {"COLD_CALLS": 100}, quarter.name
		)
		apply_action(month, "Submit for Approval", self.dept.users.lead_a)
		with self.assertRaises(frappe.ValidationError):  # a lead approves weeks, and not of his own node
			apply_action(month, "Approve", self.dept.users.lead_a)
		month = apply_action(month, "Approve", self.dept.users.head)
		self.assertEqual(month.docstatus, 1)
		week = create_sales_plan(
			self.dept.nodes.rep_a1, "Week", date(2042, 1, 6), {"COLD_CALLS": 20}, month.name
		)
		apply_action(week, "Submit for Approval", self.dept.users.head)
		self.assertEqual(apply_action(week, "Approve", self.dept.users.lead_a).docstatus, 1)

	def test_day_plan_is_confirmed_by_the_rep(self):
		dept = self.dept
		year = approved_year_plan(dept, start=date(2043, 1, 1))
		quarter = create_sales_plan(
			dept.nodes.department, "Quarter", date(2043, 1, 1), {"TURNOVER": 1}, year.name
		)
		month = create_sales_plan(
			dept.nodes.department, "Month", date(2043, 1, 1), {"COLD_CALLS": 100}, quarter.name
		)
		week = create_sales_plan(dept.nodes.rep_a1, "Week", date(2043, 1, 5), {"COLD_CALLS": 20}, month.name)
		frappe.set_user(dept.users.rep_a1)
		day = create_sales_plan(dept.nodes.rep_a1, "Day", date(2043, 1, 7), {"COLD_CALLS": 4}, week.name)
		self.assertEqual(day.plan_kind, "Operational")
		day = apply_action(day, "Confirm", dept.users.rep_a1)
		self.assertEqual(day.docstatus, 1)


class TestDistribution(SalesPlanTestCase):
	def test_a_year_plan_down_to_days(self):
		dept = self.dept
		year = approved_year_plan(dept, node=dept.nodes.group_a)
		result = distribute_by_calendar(year.name, "Month")
		self.assertEqual(len(result["created"]), 16)  # 4 quarters and their 12 months
		quarters = children_of(year.name)
		self.assertEqual([q.period_type for q in quarters], ["Quarter"] * 4)
		self.assertEqual(sum(targets_of(q.name)["TURNOVER"] for q in quarters), 1_200_000)
		self.assertEqual(sum(targets_of(q.name)["NEW_CLIENTS_COUNT"] for q in quarters), 25)
		self.assertTrue(all(targets_of(q.name)["QUALITY_LEVEL"] == 95 for q in quarters))
		months = [m for q in quarters for m in children_of(q.name)]
		self.assertEqual(len(months), 12)
		self.assertEqual(round(sum(targets_of(m.name)["TURNOVER"] for m in months), 2), 1_200_000)
		self.assertTrue(all(float(targets_of(m.name)["NEW_CLIENTS_COUNT"]).is_integer() for m in months))
		self.assertEqual(sum(targets_of(m.name)["NEW_CLIENTS_COUNT"] for m in months), 25)
		# the year is fully covered
		self.assertEqual(frappe.db.get_value("Sales Plan", year.name, "has_uncovered_targets"), 0)
		# running it again creates nothing twice
		again = distribute_by_calendar(year.name, "Month")
		self.assertEqual((len(again["created"]), len(again["skipped"])), (0, 4))

		# May 2027 gets cold calls and goes down to weeks and days
		may = frappe.get_doc("Sales Plan", next(m.name for m in months if m.period_start == date(2027, 5, 1)))
		may.append("targets", {"kpi": "COLD_CALLS", "target": 420})
		may.save()
		apply_action(may, "Submit for Approval", dept.users.lead_a)
		apply_action(may, "Approve", dept.users.head)
		distribute_by_calendar(may.name)
		weeks = children_of(may.name)
		self.assertEqual([w.period_start.day for w in weeks], [1, 3, 10, 17, 24, 31])
		week_calls = [targets_of(w.name).get("COLD_CALLS", 0) for w in weeks]
		self.assertEqual(sum(week_calls), 420)
		self.assertEqual(week_calls[0], 0)  # Saturday 1 and Sunday 2 May: no working day
		self.assertTrue(all("TURNOVER" not in targets_of(w.name) for w in weeks))  # not a weekly KPI
		week = frappe.get_doc("Sales Plan", weeks[1].name)
		apply_action(week, "Submit for Approval", dept.users.lead_a)
		apply_action(week, "Approve", dept.users.head)  # group A's own week: above its lead
		distribute_by_calendar(week.name)
		days = children_of(week.name)
		self.assertEqual([d.period_start for d in days], [date(2027, 5, d) for d in (3, 4, 5, 6, 7)])
		self.assertEqual(sum(targets_of(d.name)["COLD_CALLS"] for d in days), week_calls[1])

	def test_by_a_monthly_distribution(self):
		months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
			"October", "November", "December"]  # fmt: skip
		shares = dict.fromkeys(months, 6.0) | {"November": 15.0, "December": 25.0}
		name = f"ST Seasonal {frappe.generate_hash(length=6)}"
		frappe.get_doc(
			{
				"doctype": "Monthly Distribution",
				"distribution_id": name,
				"percentages": [{"month": m, "percentage_allocation": shares[m]} for m in months],
			}
		).insert()
		plan = create_sales_plan(
			self.dept.nodes.group_b,
			"Year",
			date(2053, 1, 1),
			{"TURNOVER": 1_000_000},
			monthly_distribution=name,
		)
		apply_action(plan, "Submit for Approval", self.dept.users.head)
		apply_action(plan, "Approve", self.dept.users.director)
		distribute_by_calendar(plan.name, "Month")
		quarters = children_of(plan.name)
		self.assertEqual(
			[targets_of(q.name)["TURNOVER"] for q in quarters], [180_000, 180_000, 180_000, 460_000]
		)
		self.assertEqual(frappe.db.get_value("Sales Plan", quarters[3].name, "monthly_distribution"), name)
		last = [targets_of(m.name)["TURNOVER"] for m in children_of(quarters[3].name)]
		self.assertEqual(last, [60_000, 150_000, 250_000])

	@change_settings("Sales Technology Settings", {"working_day_source": "Monday to Friday"})
	def test_a_day_plan_cannot_be_distributed_and_drafts_neither(self):
		plan = create_sales_plan(self.dept.nodes.department, "Year", date(2044, 1, 1), YEAR_TARGETS)
		with self.assertRaises(DistributionRefused):
			distribute_by_calendar(plan.name)

	def test_to_the_team_by_weights(self):
		dept = self.dept
		year = approved_year_plan(dept, start=date(2045, 1, 1))
		quarter = create_sales_plan(
			dept.nodes.department,
			"Quarter",
			date(2045, 1, 1),
			{"TURNOVER": 900_000, "QUALITY_LEVEL": 90},
			year.name,
		)
		apply_action(quarter, "Submit for Approval", dept.users.head)
		apply_action(quarter, "Approve", dept.users.director)
		frappe.set_user(dept.users.head)
		result = distribute_to_team(quarter.name, {dept.nodes.group_a: 2, dept.nodes.group_b: 1})
		frappe.set_user("Administrator")
		self.assertEqual(len(result["created"]), 6)  # 3 months x 2 groups
		children = children_of(quarter.name)
		by_group = {}
		for child in children:
			self.assertEqual(child.period_type, "Month")
			by_group.setdefault(child.sales_person, 0)
			by_group[child.sales_person] += targets_of(child.name)["TURNOVER"]
			self.assertEqual(targets_of(child.name)["QUALITY_LEVEL"], 90)
		self.assertEqual(round(sum(by_group.values()), 2), 900_000)
		self.assertAlmostEqual(by_group[dept.nodes.group_a], 600_000, delta=0.05)

	def test_a_lead_cannot_distribute_another_groups_plan(self):
		dept = self.dept
		year = approved_year_plan(dept, start=date(2046, 1, 1))
		frappe.set_user(dept.users.lead_b)
		with self.assertRaises(frappe.PermissionError):
			distribute_to_team(year.name)


class TestPlanCorrection(SalesPlanTestCase):
	def correction(self, plan, new_targets: dict, reason="Market grew"):
		return frappe.get_doc(
			{
				"doctype": "Plan Correction",
				"sales_plan": plan.name,
				"reason": reason,
				"items": [{"kpi": kpi, "new_target": value} for kpi, value in new_targets.items()],
			}
		)

	def test_a_downward_correction_is_refused(self):
		year = approved_year_plan(self.dept, start=date(2047, 1, 1))
		with self.assertRaises(CorrectionRefused) as raised:
			self.correction(year, {"TURNOVER": 1_000_000}).insert()
		message = str(raised.exception)
		self.assertIn("TURNOVER", message)
		self.assertIn("1200000", message.replace(",", "").replace(".0", ""))
		with self.assertRaises(CorrectionRefused):  # lower is better: claims may only go down
			self.correction(year, {"CLAIMS_COUNT": 15}).insert()

	def test_an_approved_upward_correction_changes_the_plan_and_its_history(self):
		dept = self.dept
		year = approved_year_plan(dept, start=date(2048, 1, 1))
		distribute_by_calendar(year.name)
		for quarter in children_of(year.name)[:2]:
			doc = frappe.get_doc("Sales Plan", quarter.name)
			apply_action(doc, "Submit for Approval", dept.users.head)
			apply_action(doc, "Approve", dept.users.director)
		frappe.set_user(dept.users.head)
		correction = self.correction(year, {"TURNOVER": 1_500_000, "CLAIMS_COUNT": 10}).insert()
		frappe.set_user("Administrator")
		self.assertEqual(correction.items[0].current_target, 1_200_000)
		apply_action(correction, "Submit for Approval", dept.users.head)
		with self.assertRaises(frappe.ValidationError):  # the head cannot approve a year-level correction
			apply_action(correction, "Approve", dept.users.head)
		apply_action(correction, "Approve", dept.users.director)
		year.reload()
		self.assertEqual(targets_of(year.name)["TURNOVER"], 1_500_000)
		self.assertEqual(targets_of(year.name)["CLAIMS_COUNT"], 10)
		turnover = next(row for row in year.targets if row.kpi == "TURNOVER")
		self.assertEqual(turnover.approved_target, 1_200_000)
		log = {row.kpi: row for row in year.corrections}
		self.assertEqual((log["TURNOVER"].from_target, log["TURNOVER"].to_target), (1_200_000, 1_500_000))
		self.assertEqual(log["TURNOVER"].approved_by, dept.users.director)
		self.assertEqual(log["TURNOVER"].reason, "Market grew")
		# the parent now shows the raise its children do not cover
		self.assertEqual(year.has_uncovered_targets, 1)
		self.assertEqual(turnover.uncovered, 300_000)
		# and pushes it down: drafts are updated, approved children get draft corrections
		before = {q.name: targets_of(q.name)["TURNOVER"] for q in children_of(year.name)}
		result = push_increase(year.name)
		self.assertEqual((len(result["updated"]), len(result["corrections"])), (2, 2))
		raised = {name: targets_of(name)["TURNOVER"] - before[name] for name in result["updated"]}
		for name in result["corrections"]:
			pending = frappe.get_doc("Plan Correction", name)
			self.assertEqual(pending.docstatus, 0)
			item = next(i for i in pending.items if i.kpi == "TURNOVER")
			self.assertEqual(item.current_target, before[pending.sales_plan])
			raised[pending.sales_plan] = item.new_target - item.current_target
		self.assertEqual(round(sum(raised.values()), 2), 300_000)
		self.assertTrue(all(value > 0 for value in raised.values()))

	def test_a_correction_of_an_ended_or_draft_plan_is_refused(self):
		draft = create_sales_plan(self.dept.nodes.rep_b1, "Year", date(2049, 1, 1), {"TURNOVER": 10})
		with self.assertRaises(SalesRuleError):
			self.correction(draft, {"TURNOVER": 20}).insert()
		past = create_sales_plan(self.dept.nodes.rep_b1, "Year", date(2020, 1, 1), {"TURNOVER": 10})
		apply_action(past, "Submit for Approval", self.dept.users.head)
		apply_action(past, "Approve", self.dept.users.director)
		with self.assertRaises(SalesRuleError):
			self.correction(past, {"TURNOVER": 20}).insert()


class TestPlanAccess(SalesPlanTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		dept = cls.dept
		cls.dept_plan = create_sales_plan(dept.nodes.department, "Year", date(2050, 1, 1), {"TURNOVER": 100})
		cls.group_a_plan = create_sales_plan(dept.nodes.group_a, "Year", date(2050, 1, 1), {"TURNOVER": 60})
		cls.rep_a1_plan = create_sales_plan(dept.nodes.rep_a1, "Year", date(2050, 1, 1), {"TURNOVER": 30})
		cls.rep_a2_plan = create_sales_plan(dept.nodes.rep_a2, "Year", date(2050, 1, 1), {"TURNOVER": 30})
		cls.group_b_plan = create_sales_plan(dept.nodes.group_b, "Year", date(2050, 1, 1), {"TURNOVER": 40})
		cls.all_plans = {
			cls.dept_plan.name,
			cls.group_a_plan.name,
			cls.rep_a1_plan.name,
			cls.rep_a2_plan.name,
			cls.group_b_plan.name,
		}

	def visible(self, user: str) -> set[str]:
		frappe.set_user(user)
		names = set(frappe.get_list("Sales Plan", filters={"period_start": date(2050, 1, 1)}, pluck="name"))
		frappe.set_user("Administrator")
		return names & self.all_plans

	def test_a_rep_sees_their_own_and_their_ancestors_plans(self):
		self.assertEqual(
			self.visible(self.dept.users.rep_a1),
			{self.dept_plan.name, self.group_a_plan.name, self.rep_a1_plan.name},
		)

	def test_a_lead_sees_their_group_and_above_but_not_another_group(self):
		self.assertEqual(self.visible(self.dept.users.lead_b), {self.dept_plan.name, self.group_b_plan.name})
		frappe.set_user(self.dept.users.lead_b)
		self.assertFalse(frappe.has_permission("Sales Plan", "read", self.rep_a1_plan.name))
		self.assertFalse(frappe.has_permission("Sales Plan", "write", self.group_a_plan.name))
		self.assertTrue(frappe.has_permission("Sales Plan", "read", self.dept_plan.name))
		self.assertFalse(frappe.has_permission("Sales Plan", "write", self.dept_plan.name))

	def test_the_head_and_the_director_see_everything(self):
		self.assertEqual(self.visible(self.dept.users.head), self.all_plans)
		self.assertEqual(self.visible(self.dept.users.director), self.all_plans)
		self.assertEqual(self.visible(self.dept.users.analyst), self.all_plans)
		frappe.set_user(self.dept.users.analyst)
		self.assertFalse(frappe.has_permission("Sales Plan", "write", self.rep_a1_plan.name))

	def test_a_rep_edits_only_own_day_plans_and_weeks_opened_to_them(self):
		frappe.set_user(self.dept.users.rep_a1)
		self.assertFalse(frappe.has_permission("Sales Plan", "write", self.rep_a1_plan.name))
		self.assertFalse(frappe.has_permission("Sales Plan", "write", self.rep_a2_plan.name))
		week = frappe._dict(
			doctype="Sales Plan",
			sales_person=self.dept.nodes.rep_a1,
			period_type="Week",
			docstatus=0,
			rep_may_edit=0,
		)
		from sales_technology.shared.access import has_plan_permission

		self.assertFalse(has_plan_permission(week, "write", self.dept.users.rep_a1))
		week.rep_may_edit = 1
		self.assertIsNone(has_plan_permission(week, "write", self.dept.users.rep_a1))
		day = frappe._dict(week, period_type="Day", rep_may_edit=0)
		self.assertIsNone(has_plan_permission(day, "write", self.dept.users.rep_a1))
		self.assertFalse(has_plan_permission(frappe._dict(day, docstatus=1), "write", self.dept.users.rep_a1))

	def test_child_tables_listed_on_their_own_follow_their_parents(self):
		from frappe.client import get_list

		def target_parents(user):
			frappe.set_user(user)
			try:
				rows = get_list(
					"Sales Plan Target",
					fields=["parent"],
					filters={"parent": ("in", list(self.all_plans))},
					parent="Sales Plan",
					limit_page_length=0,
				)
			finally:
				frappe.set_user("Administrator")
			return {row.parent for row in rows}

		self.assertEqual(
			target_parents(self.dept.users.rep_b1), {self.dept_plan.name, self.group_b_plan.name}
		)
		self.assertEqual(
			target_parents(self.dept.users.lead_a),
			{self.dept_plan.name, self.group_a_plan.name, self.rep_a1_plan.name, self.rep_a2_plan.name},
		)
		self.assertEqual(target_parents(self.dept.users.director), self.all_plans)

	def test_link_search_respects_the_tree(self):
		from frappe.desk.search import search_widget

		frappe.set_user(self.dept.users.rep_a2)
		results = {row[0] for row in search_widget("Sales Plan", txt="", page_length=100, as_dict=False)}
		self.assertIn(self.rep_a2_plan.name, results)
		self.assertNotIn(self.rep_a1_plan.name, results)
		self.assertNotIn(self.group_b_plan.name, results)


class TestPlanCascadeReport(SalesPlanTestCase):
	def test_the_cascade_shows_plans_as_a_tree_with_coverage(self):
		from sales_technology.sales_technology.report.sales_plan_cascade.sales_plan_cascade import execute

		dept = self.dept
		year = approved_year_plan(dept, start=date(2051, 1, 1))
		distribute_by_calendar(year.name)
		first_quarter = children_of(year.name)[0].name
		frappe.db.set_value(
			"Sales Plan Target", {"parent": first_quarter, "kpi": "TURNOVER"}, "target", 100
		)  # the quarters now cover less than the year
		company = frappe.db.get_value("Sales Plan", year.name, "company")
		columns, data, _message, _chart, summary = execute(
			{"company": company, "sales_plan": year.name, "from_date": "2051-01-01", "to_date": "2051-12-31"}
		)
		self.assertIn("coverage", [column["fieldname"] for column in columns])
		self.assertEqual([row["indent"] for row in data], [0, 1, 1, 1, 1])
		self.assertEqual(data[0]["plan"], year.name)
		self.assertTrue(all(row["parent_plan"] == year.name for row in data[1:]))
		self.assertLess(data[0]["coverage"], 100)
		self.assertEqual(data[0]["not_covered"], 1)  # TURNOVER only; NEW_CLIENTS_COUNT is still covered
		self.assertEqual(summary[0]["value"], 5)

	def test_a_rep_sees_only_their_part_of_the_cascade(self):
		from sales_technology.sales_technology.report.sales_plan_cascade.sales_plan_cascade import execute

		dept = self.dept
		plan = create_sales_plan(dept.nodes.group_b, "Year", date(2052, 1, 1), {"TURNOVER": 10})
		company = frappe.db.get_value("Sales Plan", plan.name, "company")
		frappe.set_user(dept.users.rep_a1)
		_columns, data, *_rest = execute(
			{"company": company, "from_date": "2052-01-01", "to_date": "2052-12-31"}
		)
		self.assertNotIn(plan.name, [row["plan"] for row in data])
