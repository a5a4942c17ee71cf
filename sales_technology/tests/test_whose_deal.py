"""Whose a deal is, decided once (shared/clients_and_deals.py) and read the same by the stage history,
the KPI engine, Prospective Clients, the Open Deals card and deal control: its owner's Sales Person, else
its client's, else its creator's."""

from datetime import timedelta

import frappe
from frappe.utils import add_days, getdate, today

from sales_technology.deals.closing import deal_node
from sales_technology.deals.forecast import open_deal_figures
from sales_technology.kpi.engine import compute
from sales_technology.tests.factories import DepartmentTestCase, as_user, create_customer, get_company
from sales_technology.workspace.figures import open_deals


class TestWhoseDeal(DepartmentTestCase):
	def open_without_owner(self, user: str, customer: str) -> str:
		"""A deal opened in the desk with its Opportunity Owner left empty."""

		def insert():
			doc = frappe.get_doc(
				{
					"doctype": "Opportunity",
					"opportunity_from": "Customer",
					"party_name": customer,
					"company": get_company(),
					"opportunity_amount": 40_000,
				}
			)
			doc.insert()
			if doc.opportunity_owner:  # ERPNext may fill it from the session: empty it, as an import would
				frappe.db.set_value("Opportunity", doc.name, "opportunity_owner", None)
				doc.reload()
				doc.save()
			return doc.name

		return as_user(user, insert)

	def test_a_deal_without_an_owner_is_its_clients_reps_everywhere(self):
		customer = create_customer(st_responsible_sales_person=self.nodes.rep_b1).name
		deal = self.open_without_owner(self.users.lead_b, customer)
		frappe.set_user("Administrator")
		rep = self.nodes.rep_b1
		self.assertEqual(frappe.db.get_value("Opportunity", deal, "st_responsible_sales_person"), rep)
		self.assertEqual(deal_node(frappe.get_doc("Opportunity", deal)), rep)
		# the stage history (and so Funnel Analysis and the stage KPIs)
		steps = frappe.get_all("Deal Stage Change", filters={"opportunity": deal}, pluck="sales_person")
		self.assertTrue(steps)
		self.assertEqual(set(steps), {rep})
		# the KPI engine: current clients in work, by the deal's Sales Person
		day = getdate(today())
		week = (day - timedelta(days=day.weekday()), day - timedelta(days=day.weekday()) + timedelta(days=6))
		in_work = compute(["CURRENT_CLIENTS_IN_WORK_AMOUNT"], [rep], *week, "Week")[
			"CURRENT_CLIENTS_IN_WORK_AMOUNT"
		]
		self.assertEqual(sum(in_work.values()), 40_000)
		# Prospective Clients
		figures = open_deal_figures([rep], get_company(), add_days(day, 30), add_days(day, 90))
		self.assertEqual(figures[rep].open_deals, 1)
		# the Open Deals card of the rep and of his lead
		self.assertEqual(as_user(self.users.rep_b1, open_deals)["value"], 1)
		self.assertEqual(as_user(self.users.lead_b, open_deals)["value"], 1)
		self.assertEqual(as_user(self.users.rep_a1, open_deals)["value"], 0)
		# access: the deal opens for its client's rep and his lead, not for another group's rep
		for user in ("rep_b1", "lead_b", "head"):
			self.assertEqual(as_user(self.users[user], frappe.client.get, "Opportunity", deal)["name"], deal)
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.rep_a1, frappe.client.get, "Opportunity", deal)
		frappe.set_user("Administrator")

	def test_without_an_owner_or_a_client_rep_the_deal_is_its_creators(self):
		customer = create_customer().name
		deal = self.open_without_owner(self.users.rep_a2, customer)
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Opportunity", deal, "st_responsible_sales_person"), self.nodes.rep_a2
		)

	def test_the_owner_wins_and_nobody_types_whose_it_is(self):
		customer = create_customer(st_responsible_sales_person=self.nodes.rep_b1).name

		def insert():
			return frappe.get_doc(
				{
					"doctype": "Opportunity",
					"opportunity_from": "Customer",
					"party_name": customer,
					"company": get_company(),
					"opportunity_owner": self.users.rep_a1,
					"st_responsible_sales_person": self.nodes.rep_b1,  # typed: not what decides
				}
			).insert()

		deal = as_user(self.users.rep_a1, insert)
		frappe.set_user("Administrator")
		self.assertEqual(deal.st_responsible_sales_person, self.nodes.rep_a1)
		self.assertEqual(frappe.get_meta("Opportunity").get_field("st_responsible_sales_person").read_only, 1)


class TestHandover(DepartmentTestCase):
	def test_the_lead_hands_a_leaving_reps_clients_and_open_work_to_another_rep(self):
		from sales_technology.deals.handover import hand_over
		from sales_technology.shared.access import NodeAccessError
		from sales_technology.strategies.cadences import start_cadence
		from sales_technology.tests.factories import create_activity, create_deal
		from sales_technology.tests.test_sales_cadences import create_lead

		leaving, taking = self.nodes.rep_a1, self.nodes.rep_a2
		customer = create_customer(st_responsible_sales_person=leaving).name
		lead = create_lead(leaving)
		open_deal = create_deal(self.users.rep_a1, customer).name
		lost = create_deal(self.users.rep_a1, customer).name
		frappe.db.set_value("Opportunity", lost, "status", "Lost")
		planned = create_activity(
			self.users.rep_a1, leaving, planned_on=f"{add_days(today(), 3)} 10:00:00"
		).name
		run = as_user(self.users.rep_a1, start_cadence, "Intercept", "Lead", lead)
		history = frappe.get_all(
			"Deal Stage Change", filters={"opportunity": open_deal}, pluck="sales_person"
		)

		# neither the rep himself nor another group's lead hands them over
		for user in (self.users.rep_a1, self.users.lead_b):
			with self.assertRaises(NodeAccessError, msg=user):
				as_user(user, hand_over, leaving, taking)
		self.assertEqual(frappe.db.get_value("Customer", customer, "st_responsible_sales_person"), leaving)

		moved = as_user(self.users.lead_a, hand_over, leaving, taking)
		frappe.set_user("Administrator")
		self.assertEqual((moved["Customer"], moved["Lead"], moved["Opportunity"]), (1, 1, 1))
		self.assertGreaterEqual(moved["Sales Activity"], 2)  # the planned call and the cadence's first step
		self.assertEqual(moved["Sales Cadence Run"], 1)
		self.assertEqual(frappe.db.get_value("Customer", customer, "st_responsible_sales_person"), taking)
		self.assertEqual(frappe.db.get_value("Lead", lead, "st_responsible_sales_person"), taking)
		self.assertNotEqual(frappe.db.get_value("Lead", lead, "lead_owner"), self.users.rep_a1)
		self.assertEqual(
			frappe.db.get_value(
				"Opportunity", open_deal, ["opportunity_owner", "st_responsible_sales_person"]
			),
			(self.users.rep_a2, taking),
		)
		self.assertEqual(frappe.db.get_value("Opportunity", lost, "st_responsible_sales_person"), leaving)
		self.assertEqual(frappe.db.get_value("Sales Activity", planned, "sales_person"), taking)
		self.assertEqual(frappe.db.get_value("Sales Cadence Run", run, "sales_person"), taking)
		# what was done stays whose it was: the deal's history
		self.assertEqual(
			frappe.get_all("Deal Stage Change", filters={"opportunity": open_deal}, pluck="sales_person"),
			history,
		)
		# and the new rep now counts the deal among his open ones
		self.assertEqual(as_user(self.users.rep_a2, open_deals)["value"], 1)
		frappe.set_user("Administrator")
