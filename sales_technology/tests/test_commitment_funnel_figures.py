"""Commitment Funnel Figures on hand-counted work and invoices of rep A1 (group A), November 2026 to the
end of this year, read by the lead, the director and another group's rep.

- lead L (potential): three cold calls that reached someone, one with no answer; a meeting booked
  (registered today) — 3 productive calls per sold meeting;
- customer V (visitor): two incoming requests;
- customer B: first bought on 10 November (paid), 10 days after it was entered; one incoming request —
  one first invoice, paid: 100 %, 10 days, (2 + 1) requests per paid first invoice;
- customer C: first bought on 1 October, again on 20 November (unpaid) and 25 November (paid); two
  outgoing calls and a meeting — repeat sales: 1 paid of 2 (50 %), 50 and 5 days after the invoice
  before (27.5), 3 contacts per repeat sale.
"""

from __future__ import annotations

from datetime import datetime

import frappe

from sales_technology.sales_technology.report.commitment_funnel_figures.commitment_funnel_figures import (
	execute,
)
from sales_technology.shared.access import NodeAccessError
from sales_technology.tests.factories import as_user, create_customer, create_sales_invoice, get_company
from sales_technology.tests.test_sales_activities import COLD_CALL, NEEDS_MEETING, ActivityTestCase

EXPECTED = {
	"Productive calls": 3,
	"Meetings sold": 1,
	"Calls per sold meeting": 3.0,
	"Invoices issued": 1,
	"Requests per invoice": 2.0,
	"Paid invoices": 1,
	"Days to the first deal": 10,
	"Requests per paid invoice": 3.0,
	"Outgoing contacts": 3,
	"Repeat sales (paid invoices)": 1,
	"Days of a repeat deal": 27.5,
	"Contacts per repeat sale": 3.0,
}


class TestCommitmentFunnelFigures(ActivityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		nodes = cls.dept.nodes
		rep = nodes.rep_a1
		lead = frappe.get_doc({"doctype": "Lead", "first_name": "ST Ladder", "company_name": "ST Ladder Co"})
		lead.insert(ignore_permissions=True)
		visitor = create_customer(st_responsible_sales_person=rep)
		frappe.db.set_value("Customer", visitor.name, "st_commitment_level", "Visitor")
		buyer = create_customer(st_responsible_sales_person=rep)
		frappe.db.set_value("Customer", buyer.name, "creation", "2026-10-31 12:00:00", update_modified=False)
		client = create_customer(st_responsible_sales_person=rep)

		def log(party_type, party, activity_type, when, **values):
			frappe.get_doc(
				{
					"doctype": "Sales Activity",
					"activity_type": activity_type,
					"subject": "Ladder",
					"status": "Done",
					"sales_person": rep,
					"party_type": party_type,
					"party": party,
					"planned_on": when,
					"done_at": when,
					**values,
				}
			).insert(ignore_permissions=True)

		for day, result in (
			(2, "Reached the decision maker"),
			(3, "Refused"),
			(4, "Got the decision maker's contacts"),
			(5, "No answer"),
		):
			log("Lead", lead.name, COLD_CALL, datetime(2026, 11, day, 10), result=result, channel="Phone")
		for day in (9, 10):
			log("Customer", visitor.name, COLD_CALL, datetime(2026, 11, day, 11), direction="Incoming")
		log("Customer", buyer.name, COLD_CALL, datetime(2026, 11, 6, 11), direction="Incoming")
		for day in (16, 17):
			log("Customer", client.name, COLD_CALL, datetime(2026, 11, day, 12), direction="Outgoing")
		log("Customer", client.name, NEEDS_MEETING, datetime(2026, 11, 18, 12), direction="Outgoing")
		frappe.get_doc(
			{
				"doctype": "Sales Activity",
				"activity_type": NEEDS_MEETING,
				"subject": "Ladder meeting",
				"status": "Planned",
				"sales_person": rep,
				"party_type": "Lead",
				"party": lead.name,
				"planned_on": frappe.utils.add_days(frappe.utils.now_datetime(), 2),
			}
		).insert(ignore_permissions=True)

		def invoice(customer, day, paid):
			doc = create_sales_invoice(customer, posting_date=day)
			if paid:
				frappe.db.set_value("Sales Invoice", doc.name, "outstanding_amount", 0)

		invoice(buyer.name, "2026-11-10", paid=True)
		invoice(client.name, "2026-10-01", paid=True)
		invoice(client.name, "2026-11-20", paid=False)
		invoice(client.name, "2026-11-25", paid=True)
		cls.customers = frappe._dict(visitor=visitor.name, buyer=buyer.name, client=client.name)

	def figures(self, user, **filters):
		columns, data, _message, chart = as_user(
			user,
			execute,
			{"company": get_company(), "from_date": "2026-11-01", "to_date": "2026-12-31", **filters},
		)
		nodes = {
			column["fieldname"]: column["label"]
			for column in columns
			if column["fieldname"].startswith("node_")
		}
		by_node = {label: {} for label in nodes.values()}
		for row in data:
			for field, label in nodes.items():
				if field in row:
					by_node[label].setdefault(row["measure"], row[field])
		return by_node, chart

	def test_the_ladders_figures_for_the_rep_his_group_and_the_department(self):
		nodes = self.dept.nodes
		self.assertEqual(
			frappe.db.get_value(
				"Customer", self.customers.buyer, ["st_commitment_level", "st_first_purchase_on"]
			),
			("Buyer", frappe.utils.getdate("2026-11-10")),
		)
		by_node, chart = self.figures(self.dept.users.director, sales_person=nodes.department)
		self.assertEqual(list(by_node), [nodes.department, nodes.group_a, nodes.group_b])
		for node in (nodes.department, nodes.group_a):
			got = {measure: by_node[node][measure] for measure in EXPECTED}
			self.assertEqual(got, EXPECTED, node)
		self.assertEqual(by_node[nodes.department]["Share of invoices paid"], 100.0)  # first of the row order
		self.assertEqual(by_node[nodes.group_b]["Productive calls"], 0)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [3.0, 2.0, 3.0, 3.0])

	def test_each_person_sees_their_line_only(self):
		users, nodes = self.dept.users, self.dept.nodes
		by_node, _chart = self.figures(users.lead_a)
		self.assertEqual(list(by_node), [nodes.group_a, nodes.rep_a1, nodes.rep_a2])
		self.assertEqual(by_node[nodes.rep_a1]["Calls per sold meeting"], 3.0)
		by_node, _chart = self.figures(users.rep_a1)
		self.assertEqual(list(by_node), [nodes.rep_a1])
		with self.assertRaises(NodeAccessError):
			self.figures(users.rep_b1, sales_person=nodes.group_a)
