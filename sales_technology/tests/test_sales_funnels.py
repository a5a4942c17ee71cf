"""The seed's funnel installed beside the site's own stages; a deal's funnel, stage and probability, tried
as the rep who moves it and the head who keeps the funnels."""

from __future__ import annotations

import frappe

from sales_technology.deals.funnels import StageRefused
from sales_technology.setup.standard_funnel import DEFAULT_FUNNEL, SEED_STAGES
from sales_technology.tests.factories import create_deal, get_company, get_test_item
from sales_technology.tests.test_sales_activities import ActivityTestCase, as_user


class TestSalesFunnels(ActivityTestCase):
	def deal(self, user, **values):
		as_user(user)
		return create_deal(user, self.customer, **values)

	def test_the_seeds_funnel_is_the_default_and_the_sites_stages_stay(self):
		funnel = frappe.get_doc("Sales Funnel", DEFAULT_FUNNEL)
		self.assertTrue(funnel.is_default)
		self.assertEqual([row.sales_stage for row in funnel.stages], [stage[0] for stage in SEED_STAGES])
		self.assertEqual(
			[row.sales_stage for row in funnel.stages if row.is_key_stage],
			["Meeting with the decision maker"],
		)
		self.assertTrue(frappe.db.exists("Sales Stage", "Prospecting"))  # ERPNext's own, untouched

	def test_a_deal_moves_along_its_funnels_stages_and_its_probability_follows(self):
		rep = self.dept.users.rep_a1
		deal = self.deal(rep)
		self.assertEqual(
			(deal.st_sales_funnel, deal.sales_stage, deal.probability), (DEFAULT_FUNNEL, "Target list", 5)
		)
		deal.sales_stage = "Meeting with the decision maker"
		deal.st_confirm_open_tasks = 1  # past the target list's open tasks (test_stage_playbooks)
		deal.save()
		self.assertEqual(deal.probability, 35)
		deal.sales_stage, deal.probability = "Commercial proposal sent", 50  # typed by hand: kept
		deal.save()
		self.assertEqual(deal.probability, 50)
		deal.sales_stage = "Prospecting"  # not a stage of this funnel
		with self.assertRaises(StageRefused):
			deal.save()

	def test_a_deal_goes_to_the_funnel_of_its_product(self):
		item = get_test_item()
		group = frappe.db.get_value("Item", item, "item_group")
		as_user(self.dept.users.rep_a1)
		with self.assertRaises(frappe.PermissionError):  # reps use the funnels, the head keeps them
			frappe.get_doc(
				{
					"doctype": "Sales Funnel",
					"funnel_name": "Rep's funnel",
					"stages": [{"sales_stage": "Prospecting"}],
				}
			).insert()
		as_user(self.dept.users.head)
		funnel = frappe.get_doc(
			{
				"doctype": "Sales Funnel",
				"funnel_name": f"Services {frappe.generate_hash(length=4)}",
				"item_group": group,
				"stages": [
					{"sales_stage": "Prospecting", "probability": 10},
					{"sales_stage": "Qualification", "probability": 30},
				],
			}
		).insert()
		deal = self.deal(self.dept.users.rep_a1, items=[{"item_code": item, "qty": 1, "rate": 1000}])
		self.assertEqual(
			(deal.st_sales_funnel, deal.sales_stage, deal.probability), (funnel.name, "Prospecting", 10)
		)
		with self.assertRaises(frappe.ValidationError):  # one default funnel
			as_user(self.dept.users.head)
			frappe.get_doc(
				{
					"doctype": "Sales Funnel",
					"funnel_name": "Second default",
					"is_default": 1,
					"stages": [{"sales_stage": "Prospecting"}],
				}
			).insert()
