"""Competitor intelligence as the department lives it: a rep records what they learned (from a checklist),
every sales role reads it, marketing and the head keep it; marketing's positioning shows on the rep's
deal and quotation and prints as a battle card; the monthly monitoring tasks and stale flags come once;
the deals lost to each competitor are counted by hand below."""

from __future__ import annotations

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from sales_technology.competitors.intel import IntelRefused, battle_cards
from sales_technology.competitors.monitoring import monitor_competitors
from sales_technology.sales_technology.report.lost_to_competitors.lost_to_competitors import execute
from sales_technology.shared.access import NodeAccessError
from sales_technology.tests.factories import (
	as_user,
	close_with_consent,
	create_customer,
	create_department,
	create_user,
	get_company,
	get_lost_reason,
	get_test_item,
	set_setting,
)


def get_competitor(name: str, monitored: int = 1) -> str:
	if not frappe.db.exists("Competitor", name):
		frappe.get_doc({"doctype": "Competitor", "competitor_name": name, "st_monitored": monitored}).insert(
			ignore_permissions=True
		)
	return name


def record_intel(user: str, competitor: str, **values) -> frappe.model.document.Document:
	def insert():
		return frappe.get_doc(
			{
				"doctype": "Competitor Intel",
				"competitor": competitor,
				"source": "Call to the Competitor",
				**values,
			}
		).insert()

	return as_user(user, insert)


class TestCompetitorIntel(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.dept = create_department()
		cls.users = cls.dept.users
		suffix = frappe.generate_hash(length=5)
		cls.rival = get_competitor(f"ST Rival {suffix}")
		cls.other_rival = get_competitor(f"ST Other Rival {suffix}")
		# rep A1's client: the quotation made for it is his too
		cls.customer = create_customer(st_responsible_sales_person=cls.dept.nodes.rep_a1).name

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")

	def test_a_rep_records_intel_from_a_checklist_everyone_reads_it_and_only_keepers_change_others(self):
		intel = record_intel(self.users.rep_a1, self.rival, checklist="Call to a competitor")
		self.assertEqual(len(intel.answers), 6)
		self.assertEqual(intel.answers[0].question, "Who answered, and how fast did they answer?")
		self.assertEqual(intel.collected_by, self.users.rep_a1)
		self.assertEqual(intel.sales_person, self.dept.nodes.rep_a1)
		self.assertEqual(
			getdate(frappe.db.get_value("Competitor", self.rival, "st_last_intel_on")), getdate(today())
		)

		for reader in ("rep_b1", "lead_b", "director", "analyst"):
			listed = as_user(
				self.users[reader],
				frappe.get_list,
				"Competitor Intel",
				filters={"competitor": self.rival},
				pluck="name",
			)
			self.assertEqual(listed, [intel.name], reader)

		def change(user):
			def save():
				doc = frappe.get_doc("Competitor Intel", intel.name)
				doc.weaknesses = f"Slow answers ({user})"
				doc.save()

			as_user(user, save)

		with self.assertRaises(frappe.PermissionError):
			change(self.users.rep_b1)
		with self.assertRaises(frappe.PermissionError):
			change(self.users.lead_a)  # a lead keeps no one else's intel, not even his rep's
		change(self.users.rep_a1)
		change(self.users.analyst)
		change(self.users.head)
		self.assertEqual(
			frappe.db.get_value("Competitor Intel", intel.name, "weaknesses"),
			f"Slow answers ({self.users.head})",
		)

	def test_intel_without_competitor_source_or_the_client_who_told_is_refused_and_nothing_saved(self):
		before = frappe.db.count("Competitor Intel")
		with self.assertRaisesRegex(IntelRefused, "its source"):
			record_intel(self.users.rep_a1, self.rival, source=None)
		with self.assertRaisesRegex(IntelRefused, "the competitor it is about"):
			record_intel(self.users.rep_a1, None)
		with self.assertRaisesRegex(IntelRefused, "client who told us"):
			record_intel(self.users.rep_a1, self.rival, source="A Client's Account")
		with self.assertRaisesRegex(IntelRefused, "future"):
			record_intel(self.users.rep_a1, self.rival, collected_on=add_days(today(), 1))
		self.assertEqual(frappe.db.count("Competitor Intel"), before)
		told = record_intel(
			self.users.rep_a1,
			self.rival,
			source="A Client's Account",
			party_type="Customer",
			party=self.customer,
			checklist="Client interview about a competitor",
		)
		self.assertEqual(len(told.answers), 5)

	def positioning(self, competitor: str, user: str | None = None):
		def insert():
			return frappe.get_doc(
				{
					"doctype": "Competitor Positioning",
					"competitor": competitor,
					"summary": "We deliver on time, with our own fleet",
					"positions": [
						{
							"criterion": "Reputation",
							"position_class": "Their Exclusive Weakness",
							"theirs": "Late",
						},
						{
							"criterion": "Own fleet",
							"position_class": "Our Exclusive Strength",
							"ours": "120 trucks",
						},
						{"criterion": "Insurance", "position_class": "Shared Strength"},
					],
				}
			).insert()

		return as_user(user or self.users.analyst, insert)

	def test_marketing_keeps_the_positioning_and_the_rep_sees_the_battle_card_on_his_deal_and_quotation(self):
		with self.assertRaises(frappe.PermissionError):
			self.positioning(self.rival, self.users.rep_a1)
		with self.assertRaisesRegex(IntelRefused, "twice"):

			def twice():
				doc = frappe.get_doc(
					{
						"doctype": "Competitor Positioning",
						"competitor": self.rival,
						"positions": [
							{"criterion": "Price", "position_class": "Shared Strength"},
							{"criterion": "price", "position_class": "Our Exclusive Strength"},
						],
					}
				)
				doc.insert()

			as_user(self.users.analyst, twice)
		positioning = self.positioning(self.rival)
		self.assertEqual(getdate(positioning.reviewed_on), getdate(today()))

		def open_deal():
			return frappe.get_doc(
				{
					"doctype": "Opportunity",
					"opportunity_from": "Customer",
					"party_name": self.customer,
					"company": get_company(),
					"opportunity_owner": self.users.rep_a1,
					"st_competing_with": [{"competitor": self.rival}, {"competitor": self.other_rival}],
				}
			).insert()

		deal = as_user(self.users.rep_a1, open_deal)
		cards = as_user(self.users.rep_a1, battle_cards, "Opportunity", deal.name)
		self.assertEqual([card["competitor"] for card in cards], [self.rival, self.other_rival])
		card, no_card = cards
		self.assertIsNone(no_card["positioning"])
		self.assertEqual(
			[(group["class"], [row["criterion"] for row in group["rows"]]) for group in card["classes"]],
			[
				("Our Exclusive Strength", ["Own fleet"]),
				("Shared Strength", ["Insurance"]),
				("Their Exclusive Weakness", ["Reputation"]),
			],
		)
		# a user who may not read the deal gets no cards
		outsider = create_user(
			f"st-outsider-{frappe.generate_hash(length=5)}@example.com", roles=("Blogger",)
		)
		with self.assertRaises(frappe.PermissionError):
			as_user(outsider, battle_cards, "Opportunity", deal.name)

		quotation = frappe.get_doc(
			{
				"doctype": "Quotation",
				"quotation_to": "Customer",
				"party_name": self.customer,
				"company": get_company(),
				"opportunity": deal.name,
				"items": [{"item_code": get_test_item(), "qty": 1, "rate": 100}],
			}
		).insert()
		cards = as_user(self.users.rep_a1, battle_cards, "Quotation", quotation.name)
		self.assertEqual([card["competitor"] for card in cards], [self.rival, self.other_rival])

	def test_the_battle_card_prints_for_a_rep_in_english_and_russian(self):
		positioning = self.positioning(self.other_rival)
		html = as_user(
			self.users.rep_a1, frappe.get_print, "Competitor Positioning", positioning.name, "Battle Card"
		)
		self.assertIn("Own fleet", html)
		self.assertLess(html.index("Our Exclusive Strength"), html.index("Their Exclusive Weakness"))
		self.assertIn("Never disparage the competitor.", html)
		lang = frappe.local.lang
		self.addCleanup(setattr, frappe.local, "lang", lang)
		frappe.local.lang = "ru"
		html = as_user(
			self.users.rep_a1, frappe.get_print, "Competitor Positioning", positioning.name, "Battle Card"
		)
		self.assertIn("Конкурента ругать нельзя", html)
		self.assertIn("Наше исключительное преимущество", html)

	def test_a_script_in_the_positioning_prints_on_the_battle_card_as_text(self):
		payload = '"<img src=x onerror=alert(1)>"'
		rival = get_competitor(f"ST Script Rival {frappe.generate_hash(length=5)}")

		def insert():
			return frappe.get_doc(
				{
					"doctype": "Competitor Positioning",
					"competitor": rival,
					"summary": payload,
					"positions": [
						{
							"criterion": payload,
							"position_class": "Shared Strength",
							"ours": payload,
							"theirs": payload,
						}
					],
				}
			).insert()

		positioning = as_user(self.users.analyst, insert)
		printed = as_user(
			self.users.rep_a1, frappe.get_print, "Competitor Positioning", positioning.name, "Battle Card"
		)
		self.assertNotIn("<img src=x", printed)
		self.assertGreaterEqual(printed.count("&lt;img src=x onerror=alert(1)&gt;"), 4)


class TestCompetitorMonitoring(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.dept = create_department()
		suffix = frappe.generate_hash(length=5)
		cls.fresh = get_competitor(f"ST Fresh Rival {suffix}")
		cls.unknown = get_competitor(f"ST Unknown Rival {suffix}")
		cls.ignored = get_competitor(f"ST Ignored Rival {suffix}", monitored=0)
		stale_days = frappe.db.get_single_value("Sales Technology Settings", "competitor_stale_days")
		cls.addClassCleanup(set_setting, "competitor_stale_days", stale_days)
		set_setting("competitor_stale_days", 45)

	def tasks(self, competitor: str) -> list[frappe._dict]:
		return frappe.get_all(
			"ToDo",
			filters={"reference_type": "Competitor", "reference_name": competitor, "st_monitoring": 1},
			fields=["allocated_to", "date"],
		)

	def test_each_monitored_competitor_gets_one_task_a_month_for_an_analyst_and_stale_ones_are_flagged_once(
		self,
	):
		record_intel(self.dept.users.analyst, self.fresh, collected_on=date(2026, 11, 20))
		day = date(2026, 12, 4)
		first = monitor_competitors(day)
		second = monitor_competitors(day)
		self.assertIn(self.fresh, first["tasks"])
		self.assertNotIn(self.fresh, second["tasks"])
		for competitor in (self.fresh, self.unknown):
			tasks = self.tasks(competitor)
			self.assertEqual(len(tasks), 1, competitor)
			self.assertEqual(tasks[0].date, date(2026, 12, 31))
			self.assertIn("Sales Analyst", frappe.get_roles(tasks[0].allocated_to))
		self.assertEqual(self.tasks(self.ignored), [])

		self.assertIn(self.unknown, first["stale"])
		self.assertNotIn(self.fresh, first["stale"])
		notices = frappe.get_all(
			"Notification Log",
			filters={
				"for_user": self.dept.users.analyst,
				"st_notification_key": f"competitor-stale:{self.unknown}:never",
			},
		)
		self.assertEqual(len(notices), 1)

		# 46 days after the intel the fresh one is stale too; January brings the next month's tasks
		later = monitor_competitors(date(2027, 1, 6))
		self.assertIn(self.fresh, later["stale"])
		self.assertEqual(len(self.tasks(self.fresh)), 2)
		self.assertEqual(
			len(
				frappe.get_all(
					"Notification Log",
					filters={
						"for_user": self.dept.users.head,
						"st_notification_key": f"competitor-stale:{self.fresh}:2026-11-20",
					},
				)
			),
			1,
		)


class TestLostToCompetitors(FrappeTestCase):
	"""Group A loses three deals: 100,000 to X (price, segment Retail), 50,000 to X and Y together (no
	budget), 20,000 to nobody named; group B loses 70,000 to X."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.dept = create_department()
		users = cls.dept.users
		suffix = frappe.generate_hash(length=5)
		cls.x = get_competitor(f"ST Rival X {suffix}")
		cls.y = get_competitor(f"ST Rival Y {suffix}")
		cls.segment = get_market_segment("ST Retail")
		cls.customer = create_customer().name
		cls.told_customer = create_customer().name
		price = get_lost_reason("ST Price")
		no_budget = get_lost_reason("ST No Budget")
		for owner, lead, amount, reason, competitors, segment in (
			(users.rep_a1, users.lead_a, 100_000, price, [cls.x], cls.segment),
			(users.rep_a2, users.lead_a, 50_000, no_budget, [cls.x, cls.y], None),
			(users.rep_a1, users.lead_a, 20_000, no_budget, [], None),
			(users.rep_b1, users.lead_b, 70_000, price, [cls.x], None),
		):
			deal = as_user(owner, open_deal, cls.customer, owner, amount, segment)
			close_with_consent(
				deal,
				owner,
				lead,
				"Lost",
				lost_reasons=[{"lost_reason": reason}],
				competitors=[{"competitor": name} for name in competitors],
			)
		record_intel(
			users.rep_b1,
			cls.y,
			source="A Client's Account",
			party_type="Customer",
			party=cls.told_customer,
		)

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")

	def run_report(self, user: str, node: str, **filters):
		values = {
			"company": get_company(),
			"sales_person": node,
			"from_date": add_days(today(), -1),
			"to_date": today(),
			**filters,
		}
		return as_user(user, execute, values)

	def test_the_groups_losses_per_competitor_with_reasons_segments_and_intel(self):
		_columns, rows, _message, _chart, summary = self.run_report(
			self.dept.users.lead_a, self.dept.nodes.group_a
		)
		by_name = {
			row["competitor"]: row
			for row in rows
			if row["competitor"] in (self.x, self.y, "No competitor named")
		}
		self.assertEqual(set(by_name), {self.x, self.y, "No competitor named"})
		x, y, unnamed = by_name[self.x], by_name[self.y], by_name["No competitor named"]
		self.assertEqual((x["deals_lost"], x["amount_lost"]), (2, 150_000))
		self.assertEqual(x["reasons"], "ST No Budget (1), ST Price (1)")
		self.assertEqual(x["segments"], "ST Retail (1)")
		self.assertEqual((y["deals_lost"], y["amount_lost"], y["intel_collected"]), (1, 50_000, 1))
		self.assertEqual((unnamed["deals_lost"], unnamed["amount_lost"]), (1, 20_000))
		self.assertEqual(rows[-1]["competitor"], "No competitor named")
		figures = {item["label"]: item["value"] for item in summary}
		self.assertEqual(figures["Deals Lost"], 3)  # the deal lost to X and Y counts once
		self.assertEqual(figures["Amount Lost"], 170_000)

		_columns, rows, *_rest = self.run_report(self.dept.users.head, self.dept.nodes.department)
		x = next(row for row in rows if row["competitor"] == self.x)
		self.assertEqual((x["deals_lost"], x["amount_lost"]), (3, 220_000))

	def test_a_rep_of_the_other_group_cannot_read_the_groups_losses(self):
		with self.assertRaises(NodeAccessError):
			self.run_report(self.dept.users.rep_b1, self.dept.nodes.group_a)

	def test_the_clients_a_competitor_holds_come_from_lost_deals_and_intel(self):
		_columns, rows = self.run_report(
			self.dept.users.head, self.dept.nodes.department, view="Clients They Hold", competitor=self.y
		)
		held = {(row["party"], row["deals_lost"], row["intel"]) for row in rows}
		self.assertEqual(held, {(self.customer, 1, 0), (self.told_customer, 0, 1)})
		_columns, rows = self.run_report(
			self.dept.users.lead_a, self.dept.nodes.group_a, view="Clients They Hold", competitor=self.x
		)
		self.assertEqual([(row["party"], row["deals_lost"]) for row in rows], [(self.customer, 2)])


def open_deal(customer: str, owner: str, amount: float, segment: str | None) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Opportunity",
				"opportunity_from": "Customer",
				"party_name": customer,
				"company": get_company(),
				"opportunity_owner": owner,
				"opportunity_amount": amount,
				"market_segment": segment,
			}
		)
		.insert()
		.name
	)


def get_market_segment(name: str) -> str:
	if not frappe.db.exists("Market Segment", name):
		frappe.get_doc({"doctype": "Market Segment", "market_segment": name}).insert(ignore_permissions=True)
	return name
