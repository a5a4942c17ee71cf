"""What each position gets from its Role Profile, tried as that person: the workspace's numbers, the
reports' filters, and a warning for a profile given to someone who is not on the Sales Person tree."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_technology.core.roles import ROLE_PROFILES
from sales_technology.tests.factories import create_department, create_user, get_company

WORKSPACE_CARDS = {
	"Activities Against Norm Today",
	"Week Fulfilment",
	"Month Fulfilment",
	"Month Targets Met",
	"Open Deals",
	"Activities Done Today",
	"Activities Planned Today",
	"Plans Not Covered",
	"My Open Agreements",
	"My Overdue Agreements",
	"Stale Deals",
	"Closing Requests Waiting",
	"New Reps' Overdue Steps",
	"Standards Not Confirmed",
}
WORKSPACE_CHARTS = {"Plan vs Fact by Month", "Activities Done by Week"}


def workspace_as(user: str) -> dict:
	"""The workspace page the desk loads for the user."""
	from frappe.desk.desktop import get_desktop_page

	frappe.set_user(user)
	try:
		return get_desktop_page(
			json.dumps({"name": "Sales Technology", "title": "Sales Technology", "public": 1})
		)
	finally:
		frappe.set_user("Administrator")


class TestPositions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.dept = create_department()

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")

	def test_a_role_profile_per_position_bundles_the_erpnext_roles(self):
		for profile, roles in ROLE_PROFILES.items():
			installed = {row.role for row in frappe.get_doc("Role Profile", profile).roles}
			self.assertTrue(set(roles) <= installed, profile)
		# a Russian user reads the plans' Approval Status in Russian, not only the form's indicator
		self.assertEqual(frappe.get_meta("Workflow State").translated_doctype, 1)
		head_roles = set(frappe.get_roles(self.dept.users.head))
		self.assertTrue({"Sales Head", "Sales User", "Sales Manager"} <= head_roles)
		self.assertNotIn("System Manager", head_roles)

	def test_every_position_sees_every_card_and_chart_of_the_workspace(self):
		users = self.dept.users
		for position in ("rep_a1", "lead_a", "head", "director", "analyst"):
			page = workspace_as(users[position])
			cards = {card.number_card_name for card in page["number_cards"]["items"]}
			charts = {chart.chart_name for chart in page["charts"]["items"]}
			self.assertEqual(cards, WORKSPACE_CARDS, position)
			self.assertEqual(charts, WORKSPACE_CHARTS, position)

	def test_each_position_gets_its_onboarding_and_the_forms_their_tours(self):
		expected = {
			"rep_a1": {"Your Day in Sales Technology"},
			"lead_a": {"Lead Your Group"},
			"head": {"Set Up Your Sales Department"},
		}
		for position, titles in expected.items():
			page = workspace_as(self.dept.users[position])
			self.assertEqual({item["title"] for item in page["onboardings"]["items"]}, titles, position)
		for doctype in ("Sales Plan", "Sales Activity", "Daily Sales Report"):
			tour = frappe.get_doc("Form Tour", doctype)
			fields = {df.fieldname for df in frappe.get_meta(doctype).fields}
			self.assertTrue(tour.steps and all(step.fieldname in fields for step in tour.steps), doctype)

	def test_the_cards_values_come_as_the_person(self):
		from sales_technology.workspace.figures import (
			activities_against_norm,
			month_fulfilment,
			week_fulfilment,
		)

		frappe.set_user(self.dept.users.rep_a1)
		for card in (activities_against_norm, week_fulfilment, month_fulfilment):
			self.assertEqual(card()["fieldtype"], "Percent")
		frappe.set_user(self.dept.users.head)
		chart = frappe.get_attr(
			"sales_technology.sales_technology.dashboard_chart_source.plan_vs_fact_by_month"
			".plan_vs_fact_by_month.get"
		)(filters=json.dumps({"kpi": "TURNOVER", "company": get_company()}))
		self.assertEqual(len(chart["labels"]), 12)

	def test_the_head_runs_plan_fulfilment_with_its_company_filter(self):
		from sales_technology.sales_technology.report.plan_fulfilment.plan_fulfilment import execute

		frappe.set_user(self.dept.users.head)
		# the report's Company filter searches and validates the company: read access, from Sales User
		self.assertTrue(frappe.has_permission("Company", "read", doc=get_company()))
		self.assertTrue(frappe.has_permission("Report", doc="Plan Fulfilment"))
		columns, _data, *_rest = execute(
			frappe._dict(
				company=get_company(),
				sales_person=self.dept.nodes.department,
				period_type="Month",
				date="2026-11-15",
			)
		)
		self.assertTrue(columns)

	def test_a_profile_given_to_someone_off_the_tree_warns_how_to_fix_it(self):
		frappe.clear_messages()
		create_user(f"st-newrep-{frappe.generate_hash(length=6)}@example.com", profile="Sales Rep")
		self.assertIn("is not a Sales Person", " ".join(str(m) for m in frappe.get_message_log()))
		frappe.clear_messages()
		create_user(f"st-newdir-{frappe.generate_hash(length=6)}@example.com", profile="General Director")
		self.assertFalse(frappe.get_message_log())  # the director stands outside the tree

	def test_a_rep_logs_work_only_for_himself_a_lead_for_his_group(self):
		from sales_technology.shared.access import my_sales_person, sales_person_query

		nodes = self.dept.nodes

		def offered(user):
			frappe.set_user(user)
			try:
				return {
					row[0] for row in sales_person_query("Sales Person", "", "name", 0, 500, {})
				}, my_sales_person()
			finally:
				frappe.set_user("Administrator")

		self.assertEqual(offered(self.dept.users.rep_a1), ({nodes.rep_a1}, nodes.rep_a1))
		lead_nodes, lead_default = offered(self.dept.users.lead_a)
		self.assertEqual(lead_nodes, {nodes.group_a, nodes.rep_a1, nodes.rep_a2})
		self.assertEqual(lead_default, nodes.group_a)

	def test_the_demo_refuses_a_live_site_and_anyone_but_a_system_manager(self):
		from sales_technology.demo import DemoRefused, create, refuse_a_live_site
		from sales_technology.tests.factories import create_customer, create_sales_invoice

		create_sales_invoice(create_customer().name, 100)  # a site with sales documents
		with self.assertRaises(DemoRefused):
			refuse_a_live_site(force=False)
		refuse_a_live_site(force=True)  # forced: the demo goes beside the site's own data
		frappe.set_user(self.dept.users.head)
		with self.assertRaises(frappe.PermissionError):
			create(force=1)
