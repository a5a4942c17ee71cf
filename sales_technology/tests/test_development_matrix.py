"""The development matrix as the head, the director and the analyst read it: each industry × territory
cell's clients by category and level, pipeline, turnover against the head's target set from the
report, and the cells nobody worked in lately; the reps and leads do not run it."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import now_datetime, today

from sales_technology.core.development_matrix import NOT_SET
from sales_technology.deals.development_matrix import set_cell_target
from sales_technology.sales_technology.report.development_matrix.development_matrix import execute
from sales_technology.shared.validation import SalesRuleError
from sales_technology.tests.factories import (
	as_user,
	create_customer,
	create_department,
	create_sales_invoice,
	get_company,
)


def industry(name: str) -> str:
	if not frappe.db.exists("Industry Type", name):
		frappe.get_doc({"doctype": "Industry Type", "industry": name}).insert(ignore_permissions=True)
	return name


def territory(name: str) -> str:
	if not frappe.db.exists("Territory", name):
		frappe.get_doc(
			{"doctype": "Territory", "territory_name": name, "parent_territory": "All Territories"}
		).insert(ignore_permissions=True)
	return name


class TestDevelopmentMatrix(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.dept = create_department()
		suffix = frappe.generate_hash(length=5)
		cls.logistics, cls.retail = industry(f"ST Logistics {suffix}"), industry(f"ST Retail {suffix}")
		cls.moscow, cls.kazan = territory(f"ST Moscow {suffix}"), territory(f"ST Kazan {suffix}")
		nodes, users = cls.dept.nodes, cls.dept.users

		def client(name, industry, territory, node, category=None):
			return create_customer(
				f"ST {name} {suffix}",
				industry=industry,
				territory=territory,
				st_responsible_sales_person=node,
				st_client_category=category,
			).name

		cls.c1 = client("Cargo", cls.logistics, cls.moscow, nodes.rep_a1, "Target")
		cls.c2 = client("Freight", cls.logistics, cls.moscow, nodes.rep_a2, "Assigned")
		cls.c3 = client("Shop", cls.retail, cls.kazan, nodes.rep_b1)
		cls.c4 = client("Nowhere", None, cls.kazan, nodes.rep_a1)
		frappe.get_doc(
			{
				"doctype": "Lead",
				"lead_name": f"ST Lead {suffix}",
				"company_name": f"ST Trucks {suffix}",
				"industry": cls.logistics,
				"territory": cls.kazan,
				"st_responsible_sales_person": nodes.rep_a1,
			}
		).insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "Opportunity",
				"opportunity_from": "Customer",
				"party_name": cls.c1,
				"company": get_company(),
				"opportunity_owner": users.rep_a1,
				"opportunity_amount": 100_000,
				"industry": cls.logistics,
				"territory": cls.moscow,
			}
		).insert(ignore_permissions=True)
		create_sales_invoice(cls.c1, 50_000, posting_date=today(), sales_team={nodes.rep_a1: 100})
		create_sales_invoice(cls.c3, 20_000, posting_date=today(), sales_team={nodes.rep_b1: 100})
		# someone worked with Freight today; nobody ever with the Shop or the clients without an industry
		as_user(
			users.rep_a2,
			lambda: frappe.get_doc(
				{
					"doctype": "Sales Activity",
					"subject": "Call",
					"activity_type": "Establish contact",
					"status": "Done",
					"planned_on": now_datetime(),
					"done_at": now_datetime(),
					"party_type": "Customer",
					"party": cls.c2,
				}
			).insert(),
		)

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")

	def run_as(self, user, **filters):
		filters = {"company": get_company(), **filters}
		columns, rows, *_rest = as_user(user, execute, filters)
		return columns, rows

	def cells(self, user, **filters):
		_columns, rows = self.run_as(user, **filters)
		ours = {self.logistics, self.retail, NOT_SET}
		return {
			(row["industry"], row["territory"]): row
			for row in rows
			if row["industry"] in ours and row["territory"] in (self.moscow, self.kazan)
		}

	def test_each_cell_as_the_head_reads_it(self):
		as_user(
			self.dept.users.head,
			set_cell_target,
			get_company(),
			frappe.utils.getdate().year,
			self.logistics,
			self.moscow,
			3,
			200_000,
		)
		cells = self.cells(self.dept.users.head)
		self.assertEqual(
			set(cells),
			{
				(self.logistics, self.moscow),
				(self.retail, self.kazan),
				(self.logistics, self.kazan),
				(NOT_SET, self.kazan),
			},
		)
		moscow = cells[(self.logistics, self.moscow)]
		self.assertEqual(
			(
				moscow["clients"],
				moscow["category_target"],
				moscow["category_assigned"],
				moscow["level_buyer"],
				moscow["level_potential"],
			),
			(2, 1, 1, 1, 1),
		)
		self.assertEqual((moscow["pipeline"], moscow["turnover"]), (100_000, 50_000))
		self.assertEqual(
			(moscow["target_clients"], moscow["target_turnover"], moscow["fulfilment"]), (3, 200_000, 25.0)
		)
		self.assertEqual(moscow["idle"], 0)
		shop = cells[(self.retail, self.kazan)]
		self.assertEqual((shop["clients"], shop["turnover"], shop["idle"]), (1, 20_000, 1))
		self.assertEqual(cells[(self.logistics, self.kazan)]["clients"], 1)  # the lead
		self.assertEqual(cells[(NOT_SET, self.kazan)]["clients"], 1)

	def test_the_matrix_layout_pivots_one_measure(self):
		columns, rows = self.run_as(self.dept.users.head, layout="Matrix", measure="Turnover")
		by_label = {column["label"]: column["fieldname"] for column in columns}
		logistics = next(row for row in rows if row["industry"] == self.logistics)
		retail = next(row for row in rows if row["industry"] == self.retail)
		self.assertEqual(logistics[by_label[self.moscow]], 50_000)
		self.assertEqual(retail[by_label[self.kazan]], 20_000)

	def test_a_group_is_the_head_chosen_node_and_the_director_sees_all(self):
		cells = self.cells(self.dept.users.head, sales_person=self.dept.nodes.group_b)
		self.assertEqual(set(cells), {(self.retail, self.kazan)})
		self.assertIn((self.logistics, self.moscow), self.cells(self.dept.users.director))
		self.assertIn((self.logistics, self.moscow), self.cells(self.dept.users.analyst))

	def test_reps_and_leads_do_not_run_it_and_only_the_head_sets_targets(self):
		for user in (self.dept.users.rep_a1, self.dept.users.lead_a):
			with self.assertRaises(frappe.PermissionError):
				self.run_as(user)
		with self.assertRaises(frappe.PermissionError):
			as_user(
				self.dept.users.analyst, set_cell_target, get_company(), 2026, self.retail, self.kazan, 1, 0
			)
		for clients, turnover in ((-1, 0), (0, 0)):
			with self.assertRaises(SalesRuleError):
				as_user(
					self.dept.users.head,
					set_cell_target,
					get_company(),
					2026,
					self.retail,
					self.kazan,
					clients,
					turnover,
				)
		self.assertFalse(
			frappe.db.exists("Development Matrix Target", {"industry": self.retail, "territory": self.kazan})
		)
		# the same cell twice is one target, changed
		first = as_user(
			self.dept.users.director, set_cell_target, get_company(), 2026, self.retail, self.kazan, 2, 0
		)
		again = as_user(
			self.dept.users.head, set_cell_target, get_company(), 2026, self.retail, self.kazan, 4, 0
		)
		self.assertEqual(first, again)
		self.assertEqual(frappe.db.get_value("Development Matrix Target", first, "target_clients"), 4)
