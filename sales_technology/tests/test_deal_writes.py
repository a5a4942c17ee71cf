"""What the app adds to a deal's insert: ERPNext's copy of the party's values still happens, without a
question to the database about each field."""

import json
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_technology.tests.factories import create_customer, get_company


class TestDealWrites(FrappeTestCase):
	def test_a_new_deal_copies_the_party_without_asking_the_database_about_each_field(self):
		if not frappe.db.exists("Market Segment", "ST Mapped Segment"):
			frappe.get_doc({"doctype": "Market Segment", "market_segment": "ST Mapped Segment"}).insert()
		customer = create_customer(market_segment="ST Mapped Segment")
		read = []
		get_value = frappe.db.get_value

		def recording(doctype, *args, **kwargs):
			fieldname = args[1] if len(args) > 1 else kwargs.get("fieldname")
			read.append((doctype, (fieldname,) if isinstance(fieldname, str) else tuple(fieldname or ())))
			return get_value(doctype, *args, **kwargs)

		with patch.object(frappe.db, "field_exists", side_effect=AssertionError("asked the database")):
			with patch.object(frappe.db, "get_value", side_effect=recording):
				deal = frappe.get_doc(
					{
						"doctype": "Opportunity",
						"opportunity_from": "Customer",
						"party_name": customer.name,
						"company": get_company(),
						"opportunity_amount": 100,
					}
				).insert(ignore_permissions=True)
		self.assertEqual(deal.market_segment, "ST Mapped Segment")  # ERPNext's own mapping still runs
		# the party's values in one read, not one read per field
		mapping = [fields for doctype, fields in read if doctype == "Customer" and "market_segment" in fields]
		self.assertEqual(len(mapping), 1)
		copied = set(mapping[0])
		self.assertIn("market_segment", copied)
		# only the party's own fields are copied: not the app's, not a column the Customer lacks
		customer_fields = {
			df.fieldname for df in frappe.get_meta("Customer").fields if not df.get("is_custom_field")
		}
		self.assertFalse(copied - customer_fields)
		self.assertEqual([field for field in copied if field.startswith("st_")], [])

	def test_a_new_deal_is_assigned_its_playbook_to_dos_as_todo_would_assign_them(self):
		deal = frappe.get_doc(
			{
				"doctype": "Opportunity",
				"opportunity_from": "Customer",
				"party_name": create_customer().name,
				"company": get_company(),
				"opportunity_amount": 100,
			}
		).insert(ignore_permissions=True)
		todos = frappe.get_all(
			"ToDo", filters={"reference_type": "Opportunity", "reference_name": deal.name}, pluck="name"
		)
		self.assertTrue(todos, "the first stage's playbook gives the deal to-dos")
		written = frappe.db.get_value("Opportunity", deal.name, "_assign")
		self.assertEqual(len(json.loads(written)), len(todos))
		# what ToDo's own bookkeeping writes from the to-dos stored
		frappe.get_doc(
			{"doctype": "ToDo", "reference_type": "Opportunity", "reference_name": deal.name}
		).update_in_reference()
		self.assertEqual(frappe.db.get_value("Opportunity", deal.name, "_assign"), written)
