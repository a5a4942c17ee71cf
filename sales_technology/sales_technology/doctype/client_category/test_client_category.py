# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_technology.sales_technology.doctype.client_category.client_category import (
	StandardClientCategoryError,
)


class TestClientCategory(FrappeTestCase):
	def test_standard_categories_cannot_be_deleted(self):
		with self.assertRaises(StandardClientCategoryError):
			frappe.delete_doc("Client Category", "Target")
		self.assertTrue(frappe.db.exists("Client Category", "Target"))

	def test_a_department_can_add_and_delete_its_own_category(self):
		category = frappe.get_doc(
			{"doctype": "Client Category", "category_name": "ST Tender Only", "description": "Tenders"}
		).insert()
		self.assertEqual(category.is_standard, 0)
		frappe.delete_doc("Client Category", category.name)
		self.assertFalse(frappe.db.exists("Client Category", "ST Tender Only"))

	def test_category_names_are_unique(self):
		with self.assertRaises(frappe.DuplicateEntryError):
			frappe.get_doc({"doctype": "Client Category", "category_name": "Target"}).insert()

	def test_a_category_in_use_cannot_be_deleted(self):
		from sales_technology.tests.factories import create_customer

		frappe.get_doc({"doctype": "Client Category", "category_name": "ST In Use"}).insert()
		create_customer(st_client_category="ST In Use")
		with self.assertRaises(frappe.LinkExistsError):
			frappe.delete_doc("Client Category", "ST In Use")
