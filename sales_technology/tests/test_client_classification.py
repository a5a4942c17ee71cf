"""Client classification on a real site: purchases move the commitment level; conversions keep values."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_technology.tests.factories import create_customer, create_return, create_sales_invoice


def level(customer: str) -> str:
	return frappe.db.get_value("Customer", customer, "st_commitment_level")


class TestCommitmentLevel(FrappeTestCase):
	def test_submit_and_cancel_of_invoices_move_the_level(self):
		customer = create_customer().name
		self.assertEqual(level(customer), "Potential")
		first = create_sales_invoice(customer)
		self.assertEqual(level(customer), "Buyer")
		second = create_sales_invoice(customer)
		self.assertEqual(level(customer), "Client")
		second.cancel()
		self.assertEqual(level(customer), "Buyer")
		first.cancel()
		self.assertEqual(level(customer), "Potential")

	def test_drafts_returns_and_cancelled_returns_do_not_count(self):
		customer = create_customer().name
		create_sales_invoice(customer, submit=False)
		self.assertEqual(level(customer), "Potential")
		invoice = create_sales_invoice(customer)
		credit_note = create_return(invoice.name)
		self.assertEqual(level(customer), "Buyer")
		credit_note.cancel()
		self.assertEqual(level(customer), "Buyer")

	def test_visitor_is_kept_until_the_first_purchase(self):
		customer = create_customer(st_commitment_level="Visitor").name
		self.assertEqual(level(customer), "Visitor")
		create_sales_invoice(customer)
		self.assertEqual(level(customer), "Buyer")

	def test_adherent_is_kept_while_purchases_continue(self):
		customer = create_customer().name
		invoice = create_sales_invoice(customer)
		doc = frappe.get_doc("Customer", customer)
		doc.st_commitment_level = "Adherent"
		doc.save()
		self.assertEqual(level(customer), "Adherent")
		create_sales_invoice(customer)
		self.assertEqual(level(customer), "Adherent")
		invoice.cancel()
		self.assertEqual(level(customer), "Adherent")

	def test_buyer_typed_by_hand_without_purchases_is_not_kept(self):
		customer = create_customer(st_commitment_level="Client")
		self.assertEqual(customer.st_commitment_level, "Potential")
		customer.st_commitment_level = "Buyer"
		customer.save()
		self.assertEqual(level(customer.name), "Potential")

	def test_level_update_leaves_the_customer_modified_time(self):
		customer = create_customer()
		modified = frappe.db.get_value("Customer", customer.name, "modified")
		create_sales_invoice(customer.name)
		self.assertEqual(frappe.db.get_value("Customer", customer.name, "modified"), modified)


CLASSIFICATION = {
	"st_client_category": "Target",
	"st_temperature": "Hot",
	"st_is_partner": 1,
	"st_potential_value": 250000,
}


class TestClassificationCarriesOver(FrappeTestCase):
	def assert_classification(self, doc):
		for fieldname, value in CLASSIFICATION.items():
			self.assertEqual(doc.get(fieldname), value, f"{doc.doctype}.{fieldname}")
		self.assertEqual(doc.st_responsible_sales_person, self.sales_person)

	def setUp(self):
		from sales_technology.tests.factories import create_sales_person

		self.sales_person = create_sales_person()

	def test_lead_to_opportunity_to_customer(self):
		from erpnext.crm.doctype.lead.lead import make_opportunity
		from erpnext.crm.doctype.opportunity.opportunity import make_customer

		lead = frappe.get_doc(
			{
				"doctype": "Lead",
				"first_name": "Ivan",
				"last_name": frappe.generate_hash(length=6),
				"company_name": f"ST Lead Co {frappe.generate_hash(length=6)}",
				"st_commitment_level": "Visitor",
				"st_responsible_sales_person": self.sales_person,
				**CLASSIFICATION,
			}
		).insert()
		opportunity = make_opportunity(lead.name)
		self.assert_classification(opportunity)
		self.assertEqual(opportunity.st_commitment_level, "Visitor")
		opportunity.insert()
		customer = make_customer(opportunity.name)
		self.assert_classification(customer)
		customer.insert()
		customer.reload()
		self.assert_classification(customer)
		self.assertEqual(customer.st_commitment_level, "Visitor")

	def test_prospect_to_customer(self):
		from erpnext.crm.doctype.prospect.prospect import make_customer

		prospect = frappe.get_doc(
			{
				"doctype": "Prospect",
				"company_name": f"ST Prospect {frappe.generate_hash(length=6)}",
				"st_responsible_sales_person": self.sales_person,
				**CLASSIFICATION,
			}
		).insert()
		customer = make_customer(prospect.name)
		customer.insert()
		customer.reload()
		self.assert_classification(customer)


class TestClientCategoryLinks(FrappeTestCase):
	def test_an_unknown_category_is_refused(self):
		with self.assertRaises(frappe.LinkValidationError):
			create_customer(st_client_category="No Such Category")

	def test_a_negative_potential_value_is_refused(self):
		with self.assertRaises(frappe.ValidationError):
			create_customer(st_potential_value=-1)


class TestProspectFromLead(FrappeTestCase):
	def test_prospect_made_from_a_lead_takes_its_classification(self):
		lead = frappe.get_doc(
			{
				"doctype": "Lead",
				"first_name": "Olga",
				"company_name": f"ST Lead Co {frappe.generate_hash(length=6)}",
				"st_commitment_level": "Visitor",
				**CLASSIFICATION,
			}
		).insert()
		# what Lead's "Create > Prospect" button builds in the browser
		prospect = frappe.get_doc(
			{"doctype": "Prospect", "company_name": lead.company_name, "leads": [{"lead": lead.name}]}
		).insert()
		for fieldname, value in CLASSIFICATION.items():
			self.assertEqual(prospect.get(fieldname), value, fieldname)
		self.assertEqual(prospect.st_commitment_level, "Visitor")

	def test_values_typed_on_the_prospect_win(self):
		lead = frappe.get_doc(
			{"doctype": "Lead", "first_name": "Petr", "company_name": "ST Petr Co", "st_temperature": "Warm"}
		).insert()
		prospect = frappe.get_doc(
			{
				"doctype": "Prospect",
				"company_name": f"ST Prospect {frappe.generate_hash(length=6)}",
				"st_temperature": "Hot",
				"leads": [{"lead": lead.name}],
			}
		).insert()
		self.assertEqual(prospect.st_temperature, "Hot")


class TestClientFactsOfASiteWithHistory(FrappeTestCase):
	"""Customers who bought before the app arrived (or whose invoices were imported in bulk); the test
	company's fiscal years start in 2026, so "before" is earlier this year."""

	def test_install_and_migrate_derive_the_facts_from_the_invoices(self):
		from sales_technology.core.client_classification import commitment_level
		from sales_technology.overrides.customer import backfill_client_facts
		from sales_technology.setup.install import run_post_install_patches

		history = {  # customer: (posting dates of its invoices, level typed by hand)
			"once": (["2026-03-01"], None),
			"often": (["2026-01-10", "2026-02-20", "2026-05-07"], None),
			"loyal": (["2026-01-05", "2026-06-02"], "Adherent"),
			"visitor": ([], "Visitor"),
			"never": ([], None),
		}
		customers = {}
		for key, (dates, _typed) in history.items():
			customers[key] = create_customer().name
			for posting_date in dates:
				create_sales_invoice(customers[key], 100, posting_date=posting_date)
		returned = create_sales_invoice(customers["once"], 50, posting_date="2026-04-01")
		create_return(returned.name, posting_date="2026-04-02")  # the credit note is no purchase
		# as if the app had not been there: nothing derived yet
		for key, (_dates, typed) in history.items():
			frappe.db.set_value(
				"Customer",
				customers[key],
				{"st_commitment_level": typed or "Potential", "st_first_purchase_on": None},
				update_modified=False,
			)
		run_post_install_patches()  # what install-app runs (and the patches on an older site)
		expected = {
			"once": ("Client", "2026-03-01"),  # two invoices (the returned one too): a client
			"often": ("Client", "2026-01-10"),
			"loyal": ("Adherent", "2026-01-05"),
			"visitor": ("Visitor", None),
			"never": ("Potential", None),
		}
		for key, (level_, first) in expected.items():
			values = frappe.db.get_value(
				"Customer", customers[key], ["st_commitment_level", "st_first_purchase_on"], as_dict=True
			)
			self.assertEqual(
				(values.st_commitment_level, str(values.st_first_purchase_on or "") or None),
				(level_, first),
				key,
			)
		# the statement agrees with the rule of core/ for every customer
		for key, (dates, typed) in history.items():
			purchases = len(dates) + (key == "once")
			self.assertEqual(level(customers[key]), commitment_level(purchases, typed or "Potential"), key)
		backfill_client_facts()  # again: nothing changes
		self.assertEqual(level(customers["loyal"]), "Adherent")

	def test_the_head_recomputes_after_an_import_and_a_rep_may_not(self):
		from sales_technology.overrides.customer import recompute_client_facts
		from sales_technology.tests.factories import create_department

		dept = create_department()
		customer = create_customer().name
		create_sales_invoice(customer, 100, posting_date="2026-01-10")
		frappe.db.set_value("Customer", customer, "st_commitment_level", "Potential", update_modified=False)
		frappe.set_user(dept.users.rep_a1)
		try:
			with self.assertRaises(frappe.PermissionError):
				recompute_client_facts()
			frappe.set_user(dept.users.head)
			with patch("frappe.enqueue") as enqueue:
				recompute_client_facts()
			self.assertEqual(enqueue.call_args.kwargs["queue"], "long")
			self.assertEqual(level(customer), "Potential")  # not yet: queued
			# the job, as the head (Frappe's worker runs it as him), chunk by chunk with his progress
			with (
				# three chunks or more, however many customers the site has
				patch(
					"sales_technology.overrides.customer.CLIENT_FACTS_CHUNK", frappe.db.count("Customer") // 3
				),
				patch.object(frappe.db, "commit"),
				patch("frappe.publish_progress") as progress,
			):
				frappe.get_attr(enqueue.call_args.args[0])()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(level(customer), "Buyer")
		percents = [call.args[0] for call in progress.call_args_list]
		self.assertGreaterEqual(len(percents), 3)
		self.assertEqual(percents[-1], 100)
		self.assertEqual(percents, sorted(percents))
