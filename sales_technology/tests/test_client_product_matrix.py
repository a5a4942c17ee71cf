"""The Client Product Matrix on hand-counted deals and invoices, read by the head, a lead and a rep.

Group A's rep A1: customer C1 — a deal for pumps on the meeting with the decision maker (interested 2),
a won deal for valves (sold 4), invoiced for the test service (sold 4); lead L1 — a deal for pumps on
the proposal sent (informed 1) and one on the target list (not informed yet). Group B's rep B1:
customer C2 — a deal for pumps in the development plan (negotiating 3).
"""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_technology.sales_technology.report.client_product_matrix.client_product_matrix import execute
from sales_technology.shared.access import NodeAccessError
from sales_technology.tests.factories import (
	as_user,
	create_customer,
	create_department,
	create_sales_invoice,
	get_company,
	get_test_item,
	item_of_group,
)

PUMPS, VALVES = "ST Matrix Pumps", "ST Matrix Valves"


class TestClientProductMatrix(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.dept = create_department()
		users, nodes = cls.dept.users, cls.dept.nodes
		cls.c1 = create_customer(st_responsible_sales_person=nodes.rep_a1, st_client_category="Target").name
		cls.c2 = create_customer(st_responsible_sales_person=nodes.rep_b1).name
		cls.l1 = (
			frappe.get_doc(
				{"doctype": "Lead", "first_name": "ST Matrix", "company_name": "ST Matrix Lead Co"}
			)
			.insert(ignore_permissions=True)
			.name
		)
		cls.service_group = frappe.db.get_value("Item", get_test_item(), "item_group")
		for party_type, party, owner, group, stage, status in (
			("Customer", cls.c1, users.rep_a1, PUMPS, "Meeting with the decision maker", None),
			("Customer", cls.c1, users.rep_a1, VALVES, "Commercial proposal sent", "Converted"),
			("Lead", cls.l1, users.rep_a1, PUMPS, "Commercial proposal sent", None),
			("Lead", cls.l1, users.rep_a1, PUMPS, "Target list", None),
			("Customer", cls.c2, users.rep_b1, PUMPS, "Client development plan in progress", None),
		):
			deal = frappe.get_doc(
				{
					"doctype": "Opportunity",
					"opportunity_from": party_type,
					"party_name": party,
					"company": get_company(),
					"opportunity_owner": owner,
					"sales_stage": stage,
					"items": [{"item_code": item_of_group(group), "qty": 1, "rate": 100}],
				}
			).insert(ignore_permissions=True)
			if status:
				frappe.db.set_value("Opportunity", deal.name, "status", status)
		create_sales_invoice(cls.c1)

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")

	def report(self, user, **filters):
		columns, data, _message, chart, summary = as_user(
			user, execute, {"company": get_company(), **filters}
		)
		products = {
			column["fieldname"]: column["label"]
			for column in columns
			if column["fieldname"].startswith("product_")
		}
		cells = {
			(row["party"], products[field]): row[field]
			for row in data
			for field in products
			if row.get(field)
		}
		return cells, {row["party"]: row["funnel_index"] for row in data}, summary, chart

	def test_the_departments_matrix_and_its_funnel_index(self):
		cells, index, summary, chart = self.report(self.dept.users.head)
		self.assertEqual(
			cells,
			{
				(self.c1, PUMPS): 2,
				(self.c1, VALVES): 4,
				(self.c1, self.service_group): 4,
				(self.l1, PUMPS): 1,
				(self.c2, PUMPS): 3,
			},
		)
		self.assertEqual(index, {self.c1: 10, self.l1: 1, self.c2: 3})
		self.assertEqual([s["value"] for s in summary], [3, 14, 4.67])
		# pumps: one client informed (L1), one interested (C1), one negotiating (C2)
		pumps = chart["data"]["labels"].index(PUMPS)
		self.assertEqual([dataset["values"][pumps] for dataset in chart["data"]["datasets"]], [1, 1, 1, 0])

	def test_each_sees_their_own_part_of_the_tree(self):
		users, nodes = self.dept.users, self.dept.nodes
		cells, index, _summary, _chart = self.report(users.lead_a)
		self.assertEqual(index, {self.c1: 10, self.l1: 1})
		cells, index, _summary, _chart = self.report(users.rep_b1)
		self.assertEqual(cells, {(self.c2, PUMPS): 3})
		with self.assertRaises(NodeAccessError):
			self.report(users.rep_b1, sales_person=nodes.group_a)

	def test_filtered_by_category_and_segment(self):
		_cells, index, _summary, _chart = self.report(self.dept.users.head, client_category="Target")
		self.assertEqual(index, {self.c1: 10})
		_cells, index, _summary, _chart = self.report(
			self.dept.users.head, market_segment="ST No Such Segment"
		)
		self.assertEqual(index, {})
