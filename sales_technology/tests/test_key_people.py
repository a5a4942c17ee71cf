"""The people who matter at a client, as the rep keeps them and his lead is told: each contact's role in
the buying and attitude, his last contact from the rep's activities, the map the client's form draws;
a key client with no known decision maker is told to the lead once; another group reads none of it."""

from __future__ import annotations

from datetime import timedelta

import frappe
from frappe.utils import now_datetime

from sales_technology.deals.key_people import flag_key_clients_without_decision_maker, key_people
from sales_technology.shared.settings import get_settings
from sales_technology.tests.factories import DepartmentTestCase, as_user, create_customer
from sales_technology.tests.test_sales_activities import activity


def contact(customer: str, name: str, **values) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": name,
				"links": [{"link_doctype": "Customer", "link_name": customer}],
				**values,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


class TestKeyPeople(DepartmentTestCase):
	def setUp(self):
		super().setUp()
		frappe.db.savepoint("st_key_people")
		self.addCleanup(frappe.db.rollback, save_point="st_key_people")
		self.key = get_settings().key_client_category
		self.assertTrue(self.key, "the install sets the key clients' category")

	def client(self, rep: str) -> str:
		customer = create_customer().name
		frappe.db.set_value(
			"Customer",
			customer,
			{"st_responsible_sales_person": self.nodes[rep], "st_client_category": self.key},
		)
		return customer

	def test_the_rep_keeps_the_clients_people_and_reads_their_map(self):
		customer = self.client("rep_a1")
		boss = contact(
			customer,
			"ST Olga Director",
			designation="CEO",
			st_buying_role="Decision Maker",
			st_attitude="Supporter",
			st_next_step="Invite to the plant visit",
		)
		secretary = contact(
			customer, "ST Irina Secretary", st_buying_role="Gatekeeper", st_attitude="Neutral"
		)
		contact(customer, "ST Unknown Engineer")
		spoke = now_datetime() - timedelta(minutes=5)
		frappe.set_user(self.users.rep_a1)
		activity(sales_person=self.nodes.rep_a1, party=customer, contact=boss, when=spoke)
		frappe.set_user("Administrator")
		found = as_user(self.users.rep_a1, key_people, customer)
		people = {person.contact: person for person in found["people"]}
		self.assertEqual(len(people), 3)
		self.assertEqual(
			(people[boss].role, people[boss].attitude, people[boss].next_step, people[boss].last_contact),
			("Decision Maker", "Supporter", "Invite to the plant visit", spoke.date()),
		)
		self.assertEqual((people[secretary].role, people[secretary].last_contact), ("Gatekeeper", None))
		self.assertEqual((found["has_decision_maker"], found["is_key_client"]), (True, True))
		# his lead reads it; another group's rep and lead do not
		self.assertEqual(len(as_user(self.users.lead_a, key_people, customer)["people"]), 3)
		for user in (self.users.rep_b1, self.users.lead_b):
			with self.assertRaises(frappe.PermissionError):
				as_user(user, key_people, customer)

	def test_a_key_client_without_a_decision_maker_is_told_to_the_lead_once(self):
		without = self.client("rep_a1")
		contact(without, "ST Pavel Buyer", st_buying_role="Influencer")
		with_one = self.client("rep_a2")
		contact(with_one, "ST Anna Owner", st_buying_role="Decision Maker")
		told = flag_key_clients_without_decision_maker()
		self.assertIn(self.users.lead_a, told)
		logs = frappe.get_all(
			"Notification Log",
			filters={"for_user": self.users.lead_a, "document_type": "Customer"},
			pluck="document_name",
		)
		self.assertIn(without, logs)
		self.assertNotIn(with_one, logs)
		self.assertNotIn(self.users.lead_b, told)
		flag_key_clients_without_decision_maker()
		self.assertEqual(
			frappe.db.count(
				"Notification Log",
				{"for_user": self.users.lead_a, "document_type": "Customer", "document_name": without},
			),
			1,
		)
		self.assertFalse(as_user(self.users.rep_a1, key_people, without)["has_decision_maker"])
