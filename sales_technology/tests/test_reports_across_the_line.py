"""Reports as another group's users and as anyone asking too much: another group's node is refused, not
answered empty; a span with a column or row per day is bounded."""

from datetime import date

import frappe
from frappe.desk.query_report import run

from sales_technology.shared.access import NodeAccessError
from sales_technology.shared.report_filters import ReportFilterError
from sales_technology.shared.validation import SalesRuleError
from sales_technology.tests.factories import DepartmentTestCase, as_user, create_sales_plan, get_company


class TestReportsAcrossTheLine(DepartmentTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.plan = as_user(
			cls.dept.users.head,
			create_sales_plan,
			cls.dept.nodes.group_a,
			"Year",
			date(2083, 1, 1),
			{"TURNOVER": 100},
		)

	def cascade(self, user: str, node: str) -> list[dict]:
		return as_user(
			user,
			run,
			"Sales Plan Cascade",
			filters={"company": get_company(), "sales_person": node},
		)["result"]

	def test_the_cascade_of_another_groups_node_is_refused(self):
		rows = self.cascade(self.users.lead_a, self.nodes.group_a)
		self.assertIn(self.plan.name, [row.get("plan") for row in rows if isinstance(row, dict)])
		for user in (self.users.lead_b, self.users.rep_b1):
			with self.assertRaises(NodeAccessError, msg=user):
				self.cascade(user, self.nodes.group_a)

	def test_a_span_with_a_column_a_day_is_bounded(self):
		company = get_company()
		with self.assertRaisesRegex(SalesRuleError, "at most 366 days"):
			as_user(
				self.users.rep_a1,
				run,
				"Commercial Work Statistics",
				filters={"company": company, "from_date": "2016-01-01", "to_date": "2026-12-31"},
			)
		with self.assertRaisesRegex(SalesRuleError, "at most 366 days"):
			as_user(
				self.users.lead_a,
				run,
				"Daily Report Discipline",
				filters={"company": company, "from_date": "2016-01-01", "to_date": "2026-12-31"},
			)

		def matrix(span: str):
			filters = {"company": company, "date": "2026-06-01", "span": span, "period_type": "Day"}
			return as_user(
				self.users.head, run, "KPI Matrix", filters={**filters, "sales_person": self.nodes.department}
			)

		with self.assertRaisesRegex(SalesRuleError, "365 columns"):
			matrix("Year")
		matrix("Month")  # a month by days is what the report is for
		frappe.set_user("Administrator")

	def test_a_filter_of_the_wrong_type_gets_a_clear_error(self):
		company = get_company()
		cases = (
			("Commercial Work Statistics", {"from_date": "not a date", "to_date": "2026-11-30"}, "From Date"),
			(
				"Daily Report Discipline",
				{"from_date": "2026-11-01", "to_date": "2026-11-30", "sales_person": ["x", "y"]},
				"Sales Person",
			),
			("Stale Deals", {"sales_person": {"name": "x"}}, "Sales Person"),
			("Prospective Clients", {"on_date": "2026-99-99", "sales_person": self.nodes.group_a}, "On Date"),
		)
		for report, filters, named in cases:
			with self.subTest(report=report):
				with self.assertRaises(ReportFilterError) as refused:
					as_user(self.users.lead_a, run, report, filters={"company": company, **filters})
				self.assertIn(named, str(refused.exception))
		frappe.set_user("Administrator")


class TestOpenDealsCard(DepartmentTestCase):
	def test_the_card_counts_the_open_deals_the_reader_may_see(self):
		from sales_technology.tests.factories import create_customer, create_deal
		from sales_technology.workspace.figures import open_deals

		customer = create_customer().name
		create_deal(self.users.rep_a1, customer)
		replied = create_deal(self.users.rep_a1, customer)
		frappe.db.set_value("Opportunity", replied.name, "status", "Replied")  # still open
		lost = create_deal(self.users.rep_a1, customer)
		frappe.db.set_value("Opportunity", lost.name, "status", "Lost")
		for _ in range(3):
			create_deal(self.users.rep_b1, customer)

		def seen(user: str) -> int:
			return as_user(user, open_deals)["value"]

		self.assertEqual(seen(self.users.rep_a1), 2)
		self.assertEqual(seen(self.users.lead_a), 2)
		self.assertEqual(seen(self.users.rep_b1), 3)
		self.assertEqual(seen(self.users.lead_b), 3)
		self.assertEqual(seen(self.users.head), 5)
		self.assertGreaterEqual(seen(self.users.director), 5)
		frappe.set_user("Administrator")
