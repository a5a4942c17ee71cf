"""Receivables as the rep, his lead and the head read them, from ERPNext's own invoices, payment schedules
and payments, with every figure counted by hand: what each client owes on a day, what of it is overdue
and how long, the ageing per rep and client; another group's rep and lead are refused."""

from __future__ import annotations

from datetime import date

import frappe
from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
from frappe.desk.query_report import run
from frappe.utils import getdate, today

from sales_technology.core.periods import PeriodType
from sales_technology.kpi.engine import compute
from sales_technology.receivables.collection import plan_collection_calls
from sales_technology.receivables.credit import deal_credit
from sales_technology.shared.access import NodeAccessError
from sales_technology.shared.work_calendar import get_period
from sales_technology.tests.factories import (
	DepartmentTestCase,
	as_user,
	create_customer,
	create_deal,
	create_sales_invoice,
	get_company,
	set_setting,
)
from sales_technology.tests.test_team_plans import approved_month

AS_OF = "2026-12-07"


class TestReceivables(DepartmentTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		clients = {}
		for key in ("rep_a1", "rep_a2", "rep_b1"):
			clients[key] = create_customer().name
			frappe.db.set_value("Customer", clients[key], "st_responsible_sales_person", cls.nodes[key])
		cls.clients = clients
		# A1's client: 1,000 due 10 September, 300 of it paid on 1 October
		cls.i1 = create_sales_invoice(
			clients["rep_a1"], 1000, posting_date="2026-09-01", due_date="2026-09-10"
		).name
		payment = get_payment_entry("Sales Invoice", cls.i1, party_amount=300)
		payment.update(
			{"posting_date": "2026-10-01", "reference_no": "ST-REC-1", "reference_date": "2026-10-01"}
		)
		payment.references[0].allocated_amount = 300
		payment.insert(ignore_permissions=True)
		payment.submit()
		# A1's client again: 2,000 in two terms, 10 November and 31 December
		cls.i2 = create_sales_invoice(
			clients["rep_a1"],
			2000,
			posting_date="2026-11-01",
			due_date="2026-12-31",
			payment_schedule=[
				{"due_date": "2026-11-10", "invoice_portion": 50, "payment_amount": 1000},
				{"due_date": "2026-12-31", "invoice_portion": 50, "payment_amount": 1000},
			],
		).name
		cls.i3 = create_sales_invoice(
			clients["rep_a2"], 500, posting_date="2026-06-01", due_date="2026-06-15"
		).name
		cls.i4 = create_sales_invoice(
			clients["rep_b1"], 800, posting_date="2026-11-01", due_date="2026-11-20"
		).name

	def desk(self, user, report, **filters):
		"""The report as the desk runs it for the user (its role and reference doctype checked too):
		(columns, rows, message, chart, summary)."""
		result = as_user(user, run, report, filters={"as_of": AS_OF, **filters})
		rows = [frappe._dict(row) for row in result["result"] if isinstance(row, dict)]
		return (
			result["columns"],
			rows,
			result.get("message"),
			result.get("chart"),
			result.get("report_summary"),
		)

	def mine(self, user, **filters):
		return self.desk(user, "My Receivables", **filters)

	def group(self, user, **filters):
		return self.desk(user, "Group Receivables", **filters)[:4]

	def test_the_rep_sees_what_his_clients_owe_and_how_long_overdue(self):
		_columns, rows, _message, _chart, summary = self.mine(self.users.rep_a1)
		by_invoice = {
			row.invoice: (row.outstanding, row.overdue, row.days_overdue, str(row.next_due)) for row in rows
		}
		self.assertEqual(
			by_invoice,
			{
				self.i1: (700, 700, 88, "2026-09-10"),  # 10 September to 7 December
				self.i2: (2000, 1000, 27, "2026-11-10"),  # the first term overdue, the second not due
			},
		)
		figures = {figure["label"]: figure["value"] for figure in summary}
		self.assertEqual(
			(figures["Owed"], figures["Overdue"], figures["Share of Overdue, %"]), (2700, 1700, 63.0)
		)
		# the oldest first; the day before the payment, the first invoice still owed all of it
		self.assertEqual(rows[0].invoice, self.i1)
		rows = self.mine(self.users.rep_a1, as_of="2026-09-30")[1]
		self.assertEqual(
			[(row.invoice, row.outstanding, row.days_overdue) for row in rows], [(self.i1, 1000, 20)]
		)
		# only what is overdue
		rows = self.mine(self.users.rep_a1, only_overdue=1, as_of="2026-11-05")[1]
		self.assertEqual([row.invoice for row in rows], [self.i1])

	def test_the_lead_reads_his_groups_ageing_per_rep_and_client(self):
		_columns, rows, _message, chart = self.group(self.users.lead_a)
		totals = {row.sales_person: row for row in rows if row.get("bold")}
		self.assertEqual(set(totals), {self.nodes.rep_a1, self.nodes.rep_a2})
		a1 = totals[self.nodes.rep_a1]
		self.assertEqual(
			(a1.outstanding, a1.not_due, a1["0-30"], a1["31-60"], a1["61-90"], a1["90+"], a1.overdue),
			(2700, 1000, 1000, 0, 700, 0, 1700),
		)
		self.assertEqual((a1.invoices, a1.share_overdue), (2, 63.0))
		a2 = totals[self.nodes.rep_a2]
		self.assertEqual((a2.outstanding, a2["90+"], a2.overdue), (500, 500, 500))  # 175 days overdue
		client = next(row for row in rows if row.get("customer") == self.clients["rep_a1"])
		self.assertEqual((client.outstanding, client["61-90"], client.indent), (2700, 700, 1))
		self.assertEqual(chart["data"]["labels"], [self.nodes.rep_a1, self.nodes.rep_a2])
		# the head reads the department: every rep's clients
		head = {row.sales_person for row in self.group(self.users.head)[1] if row.get("bold")}
		self.assertEqual(head, {self.nodes.rep_a1, self.nodes.rep_a2, self.nodes.rep_b1})
		director = self.group(self.users.director, sales_person=self.nodes.department)[1]
		b1 = next(row for row in director if row.get("bold") and row.sales_person == self.nodes.rep_b1)
		self.assertEqual((b1.outstanding, b1["0-30"]), (800, 800))  # due 20 November: 17 days

	def test_another_groups_rep_and_lead_are_refused(self):
		lead_b = {row.sales_person for row in self.group(self.users.lead_b)[1] if row.get("bold")}
		self.assertEqual(lead_b, {self.nodes.rep_b1})
		with self.assertRaises(NodeAccessError):
			self.group(self.users.lead_b, sales_person=self.nodes.group_a)
		with self.assertRaises(NodeAccessError):
			self.mine(self.users.rep_b1, sales_person=self.nodes.rep_a1)
		with self.assertRaises(NodeAccessError):
			self.mine(self.users.rep_a2, sales_person=self.nodes.rep_a1)
		self.assertEqual({row.invoice for row in self.mine(self.users.rep_b1)[1]}, {self.i4})
		# a rep does not open the group's report
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.rep_a1, run, "Group Receivables", filters={"as_of": AS_OF})

	def test_the_overdue_kpis_through_the_engine_and_in_plan_fulfilment(self):
		"""At each bucket's end: 30 September, A1's first invoice all unpaid (1,000) and A2's (500), both
		past their terms; 31 October, the first 700 after the payment; 30 November and December (to
		today), A1 700 + 1,000 of the second invoice's first term of 2,700 owed, B1 800 past 20 November."""
		months = self.facts("Month", "2026-09-01", "2026-12-31")
		self.assertEqual(
			months["OVERDUE_RECEIVABLES"],
			{
				**self.at("2026-09-01", rep_a1=1000, rep_a2=500, group_a=1500, department=1500),
				**self.at("2026-10-01", rep_a1=700, rep_a2=500, group_a=1200, department=1200),
				**self.at(
					"2026-11-01",
					rep_a1=1700,
					rep_a2=500,
					group_a=2200,
					rep_b1=800,
					group_b=800,
					department=3000,
				),
				**self.at(
					"2026-12-01",
					rep_a1=1700,
					rep_a2=500,
					group_a=2200,
					rep_b1=800,
					group_b=800,
					department=3000,
				),
			},
		)
		november = {
			node: round(share, 2)
			for (node, bucket, _dimension), share in months["OVERDUE_RECEIVABLES_SHARE"].items()
			if str(bucket) == "2026-11-01"
		}
		# 1,700 of 2,700; 2,200 of 3,200; 3,000 of 4,000
		self.assertEqual(
			november,
			{
				"rep_a1": 62.96,
				"rep_a2": 100,
				"group_a": 68.75,
				"rep_b1": 100,
				"group_b": 100,
				"department": 75,
			},
		)
		# weeks: on 8 November the second invoice's first term (10 November) was not due yet, on 15
		# November it was; B1's invoice, due 20 November, owed and not overdue: 0 %, which is measured
		weeks = self.facts("Week", "2026-11-02", "2026-11-15")
		self.assertEqual(weeks["OVERDUE_RECEIVABLES"][("rep_a1", date(2026, 11, 2), "")], 700)
		self.assertEqual(weeks["OVERDUE_RECEIVABLES"][("rep_a1", date(2026, 11, 9), "")], 1700)
		share = weeks["OVERDUE_RECEIVABLES_SHARE"]
		self.assertEqual(round(share[("rep_a1", date(2026, 11, 2), "")], 2), 25.93)  # 700 of 2,700
		self.assertEqual(share[("rep_b1", date(2026, 11, 9), "")], 0)
		# nothing owed: not measured (no fact), never 0 %
		self.assertNotIn(("rep_b1", date(2026, 10, 1), ""), months["OVERDUE_RECEIVABLES_SHARE"])
		# a month still to come owes nothing yet
		self.assertEqual(
			self.facts("Month", "2030-01-01", "2030-01-31"),
			{"OVERDUE_RECEIVABLES": {}, "OVERDUE_RECEIVABLES_SHARE": {}},
		)

		# planned like any KPI: the lead reads A1's November target beside its fact
		month = get_period(get_company(), getdate("2026-11-01"), PeriodType.MONTH)
		approved_month(self.nodes.rep_a1, get_company(), month, {"OVERDUE_RECEIVABLES": 1000})
		november = {
			"company": get_company(),
			"period_type": "Month",
			"date": "2026-11-01",
			"sales_person": self.nodes.group_a,
		}
		result = as_user(self.users.lead_a, run, "Plan Fulfilment", filters=november)
		row = next(
			row
			for row in result["result"]
			if isinstance(row, dict)
			and row.get("kpi") == "OVERDUE_RECEIVABLES"
			and row.get("parent_row") == f"node::{self.nodes.rep_a1}"
		)
		self.assertEqual((row["target"], row["fact"]), (1000, 1700))
		with self.assertRaises(NodeAccessError):
			as_user(self.users.lead_b, run, "Plan Fulfilment", filters=november)

	def facts(self, bucket: str, start: str, end: str) -> dict:
		"""{KPI: {(node key, bucket start, ""): fact}} of the two KPIs for the department's nodes."""
		by_name = {name: key for key, name in self.nodes.items()}
		raw = compute(
			["OVERDUE_RECEIVABLES", "OVERDUE_RECEIVABLES_SHARE"],
			list(self.nodes.values()),
			getdate(start),
			getdate(end),
			bucket,
			company=get_company(),
		)
		return {
			kpi: {(by_name[node], day, dim): value for (node, day, dim), value in facts.items()}
			for kpi, facts in raw.items()
		}

	@staticmethod
	def at(bucket: str, **facts) -> dict:
		return {(node, getdate(bucket), ""): amount for node, amount in facts.items()}


class TestDealCredit(DepartmentTestCase):
	def test_the_deal_shows_its_clients_overdue_and_credit_hold_to_who_reads_it(self):
		customer = create_customer().name
		frappe.db.set_value("Customer", customer, "st_responsible_sales_person", self.nodes.rep_a1)
		create_sales_invoice(customer, 1200, posting_date="2026-10-01", due_date="2026-10-31")
		create_sales_invoice(customer, 300)  # due today: owed, not overdue
		deal = create_deal(self.users.rep_a1, customer).name
		credit = as_user(self.users.rep_a1, deal_credit, deal)
		overdue_days = (getdate(today()) - getdate("2026-10-31")).days
		self.assertEqual(
			(credit.owed, credit.overdue, credit.overdue_invoices, credit.days_overdue, credit.on_hold),
			(1500, 1200, 1, overdue_days, False),
		)
		# ERPNext's credit limit reached by what he owes: on hold (a new order would pass it)
		client = frappe.get_doc("Customer", customer)
		client.append("credit_limits", {"company": get_company(), "credit_limit": 1500})
		client.save(ignore_permissions=True)
		credit = as_user(self.users.lead_a, deal_credit, deal)
		self.assertEqual((credit.on_hold, credit.credit_limit, credit.limit_outstanding), (True, 1500, 1500))
		client.reload()
		client.credit_limits[0].credit_limit = 5000
		client.save(ignore_permissions=True)
		self.assertFalse(as_user(self.users.rep_a1, deal_credit, deal).on_hold)
		frappe.db.set_value("Customer", customer, "is_frozen", 1)
		credit = as_user(self.users.rep_a1, deal_credit, deal)
		self.assertEqual((credit.on_hold, credit.frozen), (True, True))
		# another group's rep and lead read neither the deal nor its client's credit
		for user in (self.users.rep_b1, self.users.lead_b):
			with self.assertRaises(frappe.PermissionError):
				as_user(user, deal_credit, deal)


class TestCollectionCalls(DepartmentTestCase):
	def test_an_invoice_overdue_past_the_setting_gets_one_call_in_the_reps_day(self):
		set_setting("collection_call_after_days", 7)
		mine, theirs = create_customer().name, create_customer().name
		frappe.db.set_value("Customer", mine, "st_responsible_sales_person", self.nodes.rep_a1)
		frappe.db.set_value("Customer", theirs, "st_responsible_sales_person", self.nodes.rep_b1)
		late = create_sales_invoice(mine, 400, posting_date="2026-11-01", due_date="2026-11-20").name
		recent = create_sales_invoice(mine, 250, posting_date="2026-11-01", due_date="2026-12-05").name
		other = create_sales_invoice(theirs, 900, posting_date="2026-10-01", due_date="2026-11-07").name
		day = date(2026, 12, 7)
		plan_collection_calls(day)

		def calls(invoice):
			return frappe.get_all(
				"Sales Activity",
				filters={"sales_invoice": invoice},
				fields=[
					"name",
					"sales_person",
					"party",
					"planned_date",
					"status",
					"subject",
					"activity_type",
				],
			)

		(call,) = calls(late)  # 17 days overdue
		self.assertEqual(
			(call.sales_person, call.party, str(call.planned_date), call.status),
			(self.nodes.rep_a1, mine, "2026-12-07", "Planned"),
		)
		self.assertEqual(frappe.db.get_value("Sales Activity Type", call.activity_type, "code"), "2.14")
		self.assertIn("17", call.subject)
		self.assertIn(late, call.subject)
		self.assertEqual(calls(recent), [])  # two days overdue: not yet
		self.assertEqual([row.sales_person for row in calls(other)], [self.nodes.rep_b1])
		# the rep finds it among his activities; another group's rep does not
		self.assertIn(call.name, as_user(self.users.rep_a1, frappe.get_list, "Sales Activity", pluck="name"))
		self.assertNotIn(
			call.name, as_user(self.users.rep_b1, frappe.get_list, "Sales Activity", pluck="name")
		)
		# once: the next morning adds none while it waits, nor within the days after it was made
		plan_collection_calls(date(2026, 12, 8))
		self.assertEqual(len(calls(late)), 1)
		frappe.db.set_value("Sales Activity", call.name, {"status": "Done", "done_on": date(2026, 12, 8)})
		plan_collection_calls(date(2026, 12, 12))
		self.assertEqual(len(calls(late)), 1)
		# still unpaid a week after the call: another
		plan_collection_calls(date(2026, 12, 16))
		self.assertEqual(len(calls(late)), 2)
		# the setting at 0 plans none
		set_setting("collection_call_after_days", 0)
		self.addCleanup(set_setting, "collection_call_after_days", 7)
		self.assertEqual(plan_collection_calls(date(2026, 12, 30)), [])
