"""Partners (seed 000, 2.18–2.19) as the people who work them: the head names a Sales Partner's responsible
rep and its onboarding programme starts; the rep marks the agreement signed; the first Sales Order with the
partner completes the first joint deal; the Partners report gives the lead each partner's progress, joint
deals and turnover through it against its own target, counted by hand; another group cannot read it."""

from __future__ import annotations

import frappe
from frappe.desk.query_report import run
from frappe.utils import add_days, getdate, nowdate, today

from sales_technology.shared.access import NodeAccessError
from sales_technology.tests.factories import (
	DepartmentTestCase,
	as_user,
	create_customer,
	create_sales_invoice,
	get_company,
	get_test_item,
)


def submit_order(customer: str, amount: float, partner: str) -> str:
	company = get_company()
	order = frappe.get_doc(
		{
			"doctype": "Sales Order",
			"company": company,
			"customer": customer,
			"currency": frappe.get_cached_value("Company", company, "default_currency"),
			"conversion_rate": 1,
			"plc_conversion_rate": 1,
			"transaction_date": nowdate(),
			"delivery_date": add_days(nowdate(), 14),
			"sales_partner": partner,
			"items": [
				{
					"item_code": get_test_item(),
					"qty": 1,
					"rate": amount,
					"delivery_date": add_days(nowdate(), 14),
				}
			],
		}
	).insert(ignore_permissions=True)
	order.submit()
	return order.name


class TestPartners(DepartmentTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		tag = frappe.generate_hash(length=6)
		cls.client = create_customer(st_responsible_sales_person=cls.nodes.rep_a1).name
		year = frappe.db.get_value(
			"Fiscal Year", {"year_start_date": ("<=", today()), "year_end_date": (">=", today())}
		)

		distribution = f"ST Even {tag}"
		months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
			"October", "November", "December"]  # fmt: skip
		frappe.get_doc(
			{
				"doctype": "Monthly Distribution",
				"distribution_id": distribution,
				"percentages": [{"month": month, "percentage_allocation": 100 / 12} for month in months],
			}
		).insert(ignore_permissions=True)

		def make_partner():
			return (
				frappe.get_doc(
					{
						"doctype": "Sales Partner",
						"partner_name": f"ST Partner {tag}",
						"territory": frappe.db.get_value("Territory", {"is_group": 0}) or "All Territories",
						"commission_rate": 5,
						"st_responsible_sales_person": cls.nodes.rep_a1,
						"st_customer": cls.client,
						"targets": [
							{"fiscal_year": year, "target_amount": 10000, "distribution_id": distribution}
						]
						if year
						else [],
					}
				)
				.insert()
				.name
			)

		cls.partner = as_user(cls.users.head, make_partner)
		cls.has_year = bool(year)

	def programme(self) -> frappe.model.document.Document:
		return frappe.get_doc("Partner Programme", {"sales_partner": self.partner})

	def test_naming_the_rep_starts_the_programme_and_the_first_order_completes_the_joint_deal(self):
		programme = self.programme()
		self.assertEqual(programme.sales_person, self.nodes.rep_a1)
		self.assertEqual(
			[(step.kind, str(step.due_date)) for step in programme.steps],
			[
				("Agreement", str(add_days(getdate(today()), 14))),
				("Training", str(add_days(getdate(today()), 30))),
				("First Joint Deal", str(add_days(getdate(today()), 60))),
			],
		)
		self.assertEqual(
			(programme.steps_done, programme.steps_total, programme.next_step),
			(0, 3, programme.steps[0].step),
		)

		# the rep marks the agreement signed in his programme
		def sign():
			doc = frappe.get_doc("Partner Programme", programme.name)
			doc.steps[0].status = "Done"
			doc.steps[0].evidence = "Agreement 12/2026"
			doc.save()

		as_user(self.users.rep_a1, sign)
		# the back office submits the first order with the partner: the first joint deal is done
		order = submit_order(self.client, 1500, self.partner)
		programme.reload()
		joint = programme.steps[2]
		self.assertEqual((joint.status, joint.evidence, str(joint.done_on)), ("Done", order, today()))
		self.assertEqual((programme.steps_done, programme.next_step), (2, programme.steps[1].step))

	def test_the_partners_report_counts_joint_deals_and_turnover_against_the_target(self):
		submit_order(self.client, 1500, self.partner)
		create_sales_invoice(self.client, 1200, sales_partner=self.partner)
		create_sales_invoice(self.client, 300, sales_partner=self.partner)
		create_sales_invoice(self.client, 999)  # without the partner: not through it
		result = as_user(
			self.users.lead_a,
			run,
			"Partners",
			filters={"sales_person": self.nodes.group_a, "from_date": today(), "to_date": today()},
		)
		rows = [row for row in result["result"] if isinstance(row, dict)]
		row = next(row for row in rows if row["sales_partner"] == self.partner)
		# orders this test and the other may have submitted with the partner today: at least this one
		self.assertGreaterEqual(row["joint_deals"], 1)
		self.assertEqual((row["sales_person"], row["turnover"]), (self.nodes.rep_a1, 1500))
		self.assertTrue(self.has_year, "the site has a fiscal year for today")
		self.assertEqual((row["target"], row["fulfilment"]), (10000, 15.0))
		# the rep reads his own partners; another group's lead is refused group A
		mine = as_user(self.users.rep_a1, run, "Partners", filters={"from_date": today(), "to_date": today()})
		self.assertIn(self.partner, {row["sales_partner"] for row in mine["result"] if isinstance(row, dict)})
		with self.assertRaises(NodeAccessError):
			as_user(self.users.lead_b, run, "Partners", filters={"sales_person": self.nodes.group_a})

	def test_another_groups_rep_and_lead_neither_read_nor_take_the_programme(self):
		name = self.programme().name
		for outsider, own in (("rep_b1", self.nodes.rep_b1), ("lead_b", self.nodes.group_b)):
			with self.assertRaises(frappe.PermissionError):
				as_user(self.users[outsider], frappe.client.get, "Partner Programme", name)
			with self.assertRaises(frappe.PermissionError):
				as_user(
					self.users[outsider],
					frappe.client.set_value,
					"Partner Programme",
					name,
					"sales_person",
					own,
				)
			with self.assertRaises(frappe.PermissionError):
				as_user(self.users[outsider], frappe.delete_doc, "Partner Programme", name)
		self.assertEqual(frappe.db.get_value("Partner Programme", name, "sales_person"), self.nodes.rep_a1)
		self.assertEqual(
			as_user(self.users.lead_a, frappe.client.get, "Partner Programme", name)["name"], name
		)
