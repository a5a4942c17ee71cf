"""Numbers that cannot be rewritten: cancelling approved plans, amendments, concurrent corrections, the
plan's history and sharing, tried as the people of a department."""

from datetime import date

import frappe
from frappe.share import add as share
from frappe.tests.utils import FrappeTestCase

from sales_technology.plans.approval import ApprovalRefusedError, SelfApprovalError
from sales_technology.sales_technology.doctype.plan_correction.plan_correction import CorrectionRefused
from sales_technology.sales_technology.doctype.sales_plan.sales_plan import CorrectionDirectionRefused
from sales_technology.shared.access import ShareRefused
from sales_technology.tests.factories import apply_action as act
from sales_technology.tests.factories import as_user, create_department, create_sales_plan


class PlanIntegrityTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.dept = create_department()

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")

	def approved(self, node, period_type, start, targets, parent=None, sender=None, approver=None):
		users = self.dept.users
		plan = as_user(sender or users.head, create_sales_plan, node, period_type, start, targets, parent)
		act(plan, "Submit for Approval", sender or users.head)
		return act(plan, "Approve", approver or users.director)


class TestCancellation(PlanIntegrityTestCase):
	def test_a_year_plan_is_cancelled_only_by_the_director(self):
		users = self.dept.users
		year = self.approved(self.dept.nodes.department, "Year", date(2071, 1, 1), {"TURNOVER": 1000})
		with self.assertRaises(frappe.ValidationError):  # not in the head's Cancel transitions
			act(year, "Cancel", users.head)
		frappe.set_user(users.head)
		with self.assertRaises(
			(ApprovalRefusedError, frappe.PermissionError)
		):  # nor through the form or REST
			frappe.get_doc("Sales Plan", year.name).cancel()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Sales Plan", year.name, "docstatus"), 1)
		self.assertEqual(act(year, "Cancel", users.director).docstatus, 2)

	def test_a_month_is_cancelled_by_the_manager_above_it_never_its_own(self):
		users, nodes = self.dept.users, self.dept.nodes
		year = self.approved(nodes.department, "Year", date(2072, 1, 1), {"TURNOVER": 1000})
		quarter = self.approved(nodes.department, "Quarter", date(2072, 1, 1), {"TURNOVER": 250}, year.name)
		own = self.approved(nodes.department, "Month", date(2072, 1, 1), {"TURNOVER": 80}, quarter.name)
		with self.assertRaises(SelfApprovalError):
			act(own, "Cancel", users.head)
		second = self.approved(nodes.department, "Quarter", date(2072, 4, 1), {"TURNOVER": 250}, year.name)
		group = self.approved(
			nodes.group_a, "Month", date(2072, 4, 1), {"TURNOVER": 50}, second.name, approver=users.head
		)
		with self.assertRaises(frappe.ValidationError):  # a lead does not cancel months
			act(group, "Cancel", users.lead_a)
		self.assertEqual(act(group, "Cancel", users.head).docstatus, 2)

	def test_an_amendment_is_no_way_round_the_upward_only_rule(self):
		users, nodes = self.dept.users, self.dept.nodes
		year = self.approved(nodes.group_b, "Year", date(2073, 1, 1), {"TURNOVER": 1000, "CLAIMS_COUNT": 10})
		act(year, "Cancel", users.director)
		amended = frappe.copy_doc(frappe.get_doc("Sales Plan", year.name))
		amended.amended_from = year.name
		amended.docstatus = 0
		amended.workflow_state = "Draft"
		for row in amended.targets:
			row.target = {"TURNOVER": 900, "CLAIMS_COUNT": 10}[row.kpi]
		frappe.set_user(users.head)
		with self.assertRaises(CorrectionDirectionRefused):  # lower turnover
			amended.insert()
		for row in amended.targets:
			row.target = {"TURNOVER": 1100, "CLAIMS_COUNT": 12}[row.kpi]
		with self.assertRaises(CorrectionDirectionRefused):  # more claims allowed: less demanding
			amended.insert()
		amended.targets = [row for row in amended.targets if row.kpi == "TURNOVER"]
		with self.assertRaises(CorrectionDirectionRefused):  # a KPI dropped
			amended.insert()
		amended.append("targets", {"kpi": "CLAIMS_COUNT", "target": 8})
		amended.insert()
		frappe.set_user("Administrator")
		self.assertEqual(
			{row.kpi: row.target for row in amended.targets}, {"TURNOVER": 1100, "CLAIMS_COUNT": 8}
		)


class TestCorrections(PlanIntegrityTestCase):
	def correction(self, plan, new_target: float, user: str):
		return as_user(
			user,
			lambda: frappe.get_doc(
				{
					"doctype": "Plan Correction",
					"sales_plan": plan.name,
					"reason": "More is possible",
					"items": [{"kpi": "TURNOVER", "new_target": new_target}],
				}
			).insert(),
		)

	def test_two_corrections_of_one_plan_do_not_lose_each_other_and_leave_a_version(self):
		users, nodes = self.dept.users, self.dept.nodes
		year = self.approved(nodes.group_a, "Year", date(2074, 1, 1), {"TURNOVER": 1000})
		first = self.correction(year, 1200, users.head)
		second = self.correction(year, 1100, users.head)  # written against 1000, before the first
		act(first, "Submit for Approval", users.head)
		act(second, "Submit for Approval", users.head)
		act(first, "Approve", users.director)
		with self.assertRaises(CorrectionRefused):  # against 1200 now, 1100 would lower the plan
			act(second, "Approve", users.director)
		self.assertEqual(frappe.db.get_value("Sales Plan Target", {"parent": year.name}, "target"), 1200)
		versions = frappe.get_all(
			"Version", filters={"ref_doctype": "Sales Plan", "docname": year.name}, fields=["data", "owner"]
		)
		changes = [frappe.parse_json(v.data) for v in versions if v.owner == users.director]
		target_changes = [
			(parse_number(old), parse_number(new))  # Version keeps the values as the site formats them
			for data in changes
			for table, _idx, _row, fields in data.get("row_changed", [])
			if table == "targets"
			for fieldname, old, new in fields
			if fieldname == "target"
		]
		self.assertEqual(target_changes, [(1000.0, 1200.0)])


def parse_number(formatted) -> float:
	"""A number as the site's number format wrote it ("1,000.000", "1.000,000", "1 000,000")."""
	from frappe.utils import get_number_format_info

	decimal, group, _precision = get_number_format_info(frappe.db.get_default("number_format") or "#,###.##")
	text = str(formatted).replace(group, "").replace(" ", "") if group else str(formatted)
	return float(text.replace(decimal, "."))


class TestOnePlanPerNodeAndPeriod(PlanIntegrityTestCase):
	def test_the_database_keeps_one_live_plan_per_node_and_period(self):
		from unittest.mock import patch

		from sales_technology.sales_technology.doctype.sales_plan.sales_plan import SalesPlan

		node = self.dept.nodes.rep_a2
		first = create_sales_plan(node, "Year", date(2076, 1, 1), {"TURNOVER": 10})
		# two requests at the same moment both pass the application's check; the unique key stops one
		with patch.object(SalesPlan, "validate_unique_period"):
			with self.assertRaises(frappe.UniqueValidationError):
				create_sales_plan(node, "Year", date(2076, 1, 1), {"TURNOVER": 10})
		first = self.approved(node, "Year", date(2077, 1, 1), {"TURNOVER": 10})
		act(first, "Cancel", self.dept.users.director)
		again = create_sales_plan(
			node, "Year", date(2077, 1, 1), {"TURNOVER": 10}
		)  # a cancelled plan frees it
		self.assertTrue(again.plan_key.endswith("|Year|2077-01-01"))


class TestOneWayOfDistribution(PlanIntegrityTestCase):
	def test_a_plan_is_split_down_the_calendar_or_to_the_team_not_both(self):
		from sales_technology.plans.distribution import distribute_by_calendar, distribute_to_team
		from sales_technology.sales_technology.doctype.sales_plan.sales_plan import MixedDistributionError

		users, nodes = self.dept.users, self.dept.nodes
		year = self.approved(nodes.department, "Year", date(2078, 1, 1), {"TURNOVER": 1200})
		as_user(users.head, distribute_by_calendar, year.name)
		with self.assertRaises(MixedDistributionError):
			as_user(users.head, distribute_to_team, year.name)
		self.assertEqual(
			frappe.db.count(
				"Sales Plan", {"parent_plan": year.name, "sales_person": ("!=", nodes.department)}
			),
			0,
		)
		quarter = frappe.get_doc("Sales Plan", {"parent_plan": year.name, "period_start": date(2078, 1, 1)})
		act(quarter, "Submit for Approval", users.head)
		act(quarter, "Approve", users.director)
		as_user(users.head, distribute_to_team, quarter.name)
		with self.assertRaises(MixedDistributionError):
			as_user(users.head, distribute_by_calendar, quarter.name)


class TestSharing(PlanIntegrityTestCase):
	def test_a_plan_is_shared_only_within_its_line(self):
		users, nodes = self.dept.users, self.dept.nodes
		plan = as_user(
			users.head, create_sales_plan, nodes.group_a, "Year", date(2075, 1, 1), {"TURNOVER": 5}
		)
		frappe.set_user(users.head)
		with self.assertRaises(ShareRefused):
			share("Sales Plan", plan.name, users.rep_b1, read=1)
		with self.assertRaises(ShareRefused):
			share("Sales Plan", plan.name, everyone=1, read=1)
		share("Sales Plan", plan.name, users.rep_a1, read=1, write=1)  # a rep of the group reads it anyway
		frappe.set_user(users.rep_b1)
		self.assertFalse(frappe.has_permission("Sales Plan", "read", plan.name))
