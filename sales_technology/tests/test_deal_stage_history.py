"""Each deal's way through the funnel, recorded as the rep moves it and rebuilt for the deals that
existed before the app; tried as the rep, another group's rep and the lead."""

from __future__ import annotations

import json

import frappe

from sales_technology.deals.stage_history import backfill_stage_history
from sales_technology.tests.factories import close_with_consent, create_deal, create_user, get_company
from sales_technology.tests.test_sales_activities import ActivityTestCase, as_user

CALL = "Cold call: find the decision maker"  # stages of the seed's default funnel
PROPOSAL = "Commercial proposal sent"


class TestDealStageHistory(ActivityTestCase):
	def opportunity(self, user, stage=None):
		as_user(user)
		return create_deal(user, self.customer, **({"sales_stage": stage} if stage else {}))

	def steps(self, deal):
		return frappe.get_all(
			"Deal Stage Change",
			filters={"opportunity": deal},
			fields=["event", "from_stage", "to_stage", "to_status", "sales_person", "changed_by", "source"],
			order_by="changed_at asc, creation asc",
		)

	def test_every_move_of_the_deal_is_recorded_once(self):
		users, nodes = self.dept.users, self.dept.nodes
		deal = self.opportunity(users.rep_a1)  # on the default funnel's first stage
		deal.sales_stage = CALL
		deal.st_confirm_open_tasks = 1  # past the target list's open tasks (test_stage_playbooks)
		deal.save()
		deal.save()  # nothing moved: nothing recorded
		frappe.set_user("Administrator")
		# the rep closes it by asking; his lead's consent closes it (test_deal_control)
		close_with_consent(deal.name, users.rep_a1, users.lead_a, "Disqualified", comment="Not our segment")
		self.assertEqual(
			[(s.event, s.from_stage, s.to_stage, s.to_status) for s in self.steps(deal.name)],
			[
				("Opened", None, "Target list", "Open"),
				("Stage Changed", "Target list", CALL, "Open"),
				("Closed", CALL, CALL, "Closed"),
			],
		)
		self.assertEqual({s.sales_person for s in self.steps(deal.name)}, {nodes.rep_a1})
		self.assertEqual([s.changed_by for s in self.steps(deal.name)], [users.rep_a1] * 2 + [users.lead_a])

	def test_deals_end_by_closing_and_only_the_system_manager_deletes_one_with_its_history(self):
		"""A rep, a lead and the head close deals; deleting one (and its history with it) is refused to
		them. The System Manager deletes a duplicate, and its steps go with it (they link it)."""
		users = self.dept.users
		deal = self.opportunity(users.rep_a1)
		self.assertTrue(frappe.db.exists("Deal Stage Change", {"opportunity": deal.name}))
		for user in (users.rep_a1, users.lead_a, users.head):
			with self.assertRaises(frappe.PermissionError, msg=user):
				as_user(user)
				frappe.delete_doc("Opportunity", deal.name)
			frappe.set_user("Administrator")
			self.assertTrue(frappe.db.exists("Opportunity", deal.name))
			self.assertTrue(frappe.db.exists("Deal Stage Change", {"opportunity": deal.name}))
		admin = create_user(
			f"st-sysadmin-{frappe.generate_hash(length=6)}@example.com", ("System Manager", "Sales Manager")
		)
		as_user(admin)
		frappe.delete_doc("Opportunity", deal.name)
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Opportunity", deal.name))
		self.assertFalse(frappe.db.exists("Deal Stage Change", {"opportunity": deal.name}))
		# a new deal of the same name (the series reverted) starts a history of its own
		again = self.opportunity(users.rep_a1)
		self.assertEqual([s.event for s in self.steps(again.name)], ["Opened"])

	def test_the_deals_history_is_seen_along_the_tree(self):
		users = self.dept.users
		deal = self.opportunity(users.rep_a1)
		for user, sees in (
			(users.rep_a1, True),
			(users.lead_a, True),
			(users.head, True),
			(users.rep_b1, False),
			(users.lead_b, False),
		):
			as_user(user)
			listed = frappe.get_list("Deal Stage Change", filters={"opportunity": deal.name}, pluck="name")
			self.assertEqual(bool(listed), sees, user)
		as_user(users.rep_a1)
		self.assertFalse(frappe.has_permission("Deal Stage Change", "create"))  # the app writes it

	def test_a_deal_from_before_the_app_gets_its_history_from_the_version_log(self):
		users = self.dept.users
		logged = self.opportunity(users.rep_a1)
		plain = self.opportunity(users.rep_a1, stage=PROPOSAL)
		frappe.set_user("Administrator")
		frappe.db.delete("Deal Stage Change", {"opportunity": ("in", [logged.name, plain.name])})
		frappe.db.set_value("Opportunity", logged.name, "sales_stage", "Value Proposition")
		frappe.get_doc(
			{
				"doctype": "Version",
				"ref_doctype": "Opportunity",
				"docname": logged.name,
				"data": json.dumps({"changed": [["sales_stage", "Prospecting", "Value Proposition"]]}),
			}
		).insert(ignore_permissions=True)
		self.assertGreaterEqual(backfill_stage_history(), 3)
		self.assertEqual(
			[(s.event, s.from_stage, s.to_stage, s.source) for s in self.steps(logged.name)],
			[
				("Opened", None, "Prospecting", "Version Log"),
				("Stage Changed", "Prospecting", "Value Proposition", "Version Log"),
			],
		)
		self.assertEqual(
			[(s.event, s.to_stage, s.source) for s in self.steps(plain.name)],
			[("Opened", PROPOSAL, "Before the App")],
		)
		self.assertEqual({s.sales_person for s in self.steps(plain.name)}, {self.dept.nodes.rep_a1})
		self.assertEqual(backfill_stage_history(), 0)  # once
