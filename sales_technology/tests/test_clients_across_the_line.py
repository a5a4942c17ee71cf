"""ERPNext's clients and deals under the Sales Person tree (the registry's CLIENT_RULES): rep A1's lead,
prospect, customer, deal and quotation, and the contact, address and e-mail that hang on them, tried by
another group's rep and lead through every path the desk uses (refused), and by A1, his lead, the head and
the director (allowed). Roles outside sales keep ERPNext's permissions, and a setting switches it off."""

import frappe
from frappe.desk.form.load import getdoc
from frappe.desk.reportview import get as reportview_get
from frappe.desk.search import search_link
from frappe.utils import nowdate

from sales_technology.core.access_rules import CLIENT_RULES
from sales_technology.core.claims import CLAIM_ISSUE_TYPE
from sales_technology.deals.closing import ClosingRefused
from sales_technology.overrides import desk
from sales_technology.shared.access import ShareRefused
from sales_technology.shared.clients_and_deals import backfill_client_sales_persons
from sales_technology.tests.factories import (
	DepartmentTestCase,
	as_user,
	create_customer,
	create_deal,
	create_sales_invoice,
	create_user,
	get_company,
	get_test_item,
	set_setting,
)
from sales_technology.workspace.figures import open_deals

OUTSIDERS = ("rep_b1", "lead_b")
IN_LINE = ("rep_a1", "lead_a", "head", "director", "analyst")


def create_quotation(customer: str) -> str:
	company = get_company()
	doc = frappe.get_doc(
		{
			"doctype": "Quotation",
			"quotation_to": "Customer",
			"party_name": customer,
			"company": company,
			"currency": frappe.get_cached_value("Company", company, "default_currency"),
			"conversion_rate": 1,
			"plc_conversion_rate": 1,
			"transaction_date": nowdate(),
			"items": [{"item_code": get_test_item(), "qty": 1, "rate": 100}],
		}
	)
	return doc.insert(ignore_permissions=True).name


class TestClientsAcrossTheLine(DepartmentTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		users, nodes = cls.users, cls.nodes
		tag = frappe.generate_hash(length=6)
		cls.tag = tag
		cls.records = frappe._dict()
		cls.records.Lead = as_user(
			users.rep_a1,
			lambda: (
				frappe.get_doc(
					{"doctype": "Lead", "lead_name": f"ST Lead {tag}", "company_name": f"ST Lead Co {tag}"}
				)
				.insert()
				.name
			),
		)
		# ERPNext lets the Sales Manager make prospects, not a rep: his lead makes it for him
		cls.records.Prospect = (
			frappe.get_doc(
				{"doctype": "Prospect", "company_name": f"ST Prospect {tag}", "prospect_owner": users.rep_a1}
			)
			.insert(ignore_permissions=True)
			.name
		)
		cls.records.Customer = create_customer(
			f"ST Client {tag}", st_responsible_sales_person=nodes.rep_a1
		).name
		cls.records.Opportunity = create_deal(
			users.rep_a1, cls.records.Customer, opportunity_amount=5000
		).name
		cls.records.Quotation = create_quotation(cls.records.Customer)
		# the client's claim, registered by his rep: his line's too
		cls.records.Issue = as_user(
			users.rep_a1,
			lambda: (
				frappe.get_doc(
					{
						"doctype": "Issue",
						"subject": f"ST Claim {tag}",
						"issue_type": CLAIM_ISSUE_TYPE,
						"customer": cls.records.Customer,
					}
				)
				.insert()
				.name
			),
		)
		cls.contact = (
			frappe.get_doc(
				{
					"doctype": "Contact",
					"first_name": f"ST Contact {tag}",
					"links": [{"link_doctype": "Customer", "link_name": cls.records.Customer}],
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		cls.address = (
			frappe.get_doc(
				{
					"doctype": "Address",
					"address_title": f"ST Address {tag}",
					"address_type": "Office",
					"address_line1": "1 Test Street",
					"city": "Moscow",
					"country": frappe.db.get_value("Country", {}) or "Russia",
					"links": [{"link_doctype": "Customer", "link_name": cls.records.Customer}],
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		cls.email = (
			frappe.get_doc(
				{
					"doctype": "Communication",
					"communication_type": "Communication",
					"communication_medium": "Email",
					"sent_or_received": "Sent",
					"subject": f"ST Protocol {tag}",
					"content": "The agreements of our meeting",
					"reference_doctype": "Opportunity",
					"reference_name": cls.records.Opportunity,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		frappe.db.commit()

	def test_every_client_doctype_is_covered_here(self):
		self.assertEqual(set(self.records), set(CLIENT_RULES))

	def test_the_rule_keeps_whose_a_client_is(self):
		for doctype in ("Lead", "Prospect", "Customer", "Opportunity", "Issue"):
			with self.subTest(doctype=doctype):
				self.assertEqual(
					frappe.db.get_value(doctype, self.records[doctype], "st_responsible_sales_person"),
					self.nodes.rep_a1,
				)

	def test_another_groups_rep_and_lead_read_nothing_of_it(self):
		for doctype, name in self.records.items():
			for outsider in OUTSIDERS:
				user = self.users[outsider]
				with self.subTest(doctype=doctype, user=outsider, path="REST"):
					with self.assertRaises(frappe.PermissionError):
						as_user(user, frappe.client.get, doctype, name)
				with self.subTest(doctype=doctype, user=outsider, path="form"):
					with self.assertRaises(frappe.PermissionError):
						as_user(user, getdoc, doctype, name)
					frappe.clear_messages()
				with self.subTest(doctype=doctype, user=outsider, path="list"):
					self.assertEqual(as_user(user, self.list_view, doctype, name), [])
				with self.subTest(doctype=doctype, user=outsider, path="link search"):
					found = as_user(user, self.link_search, doctype, name)
					self.assertNotIn(name, found)
		for outsider in OUTSIDERS:
			user = self.users[outsider]
			for doctype, name in (("Contact", self.contact), ("Address", self.address)):
				with self.subTest(doctype=doctype, user=outsider):
					with self.assertRaises(frappe.PermissionError):
						as_user(user, frappe.client.get, doctype, name)
					self.assertNotIn(name, as_user(user, frappe.get_list, doctype, pluck="name"))
			with self.subTest(doctype="Communication", user=outsider):
				self.assertFalse(as_user(user, frappe.has_permission, "Communication", "read", self.email))
				with self.assertRaises(frappe.PermissionError):
					as_user(user, frappe.client.get, "Communication", self.email)
			with self.subTest(card="Open Deals", user=outsider):
				self.assertEqual(self.open_deals_of(user), 0)

	def test_who_stands_in_the_line_reads_it_all(self):
		for doctype, name in self.records.items():
			for insider in IN_LINE:
				user = self.users[insider]
				with self.subTest(doctype=doctype, user=insider):
					self.assertEqual(as_user(user, frappe.client.get, doctype, name)["name"], name)
					self.assertEqual(as_user(user, self.list_view, doctype, name), [name])
					self.assertEqual(
						as_user(user, frappe.get_list, doctype, filters={"name": name}, pluck="name"), [name]
					)
					self.assertIn(name, as_user(user, self.link_search, doctype, name))
		for insider in ("rep_a1", "lead_a", "head"):
			user = self.users[insider]
			with self.subTest(insider=insider):
				self.assertEqual(
					as_user(user, frappe.client.get, "Contact", self.contact)["name"], self.contact
				)
				self.assertEqual(
					as_user(user, frappe.client.get, "Address", self.address)["name"], self.address
				)
				self.assertIn(self.email, as_user(user, self.timeline_emails, self.records.Opportunity))
				self.assertEqual(self.open_deals_of(user), 1)

	def test_another_groups_rep_and_lead_neither_take_nor_close_nor_delete_it(self):
		moves = {
			"Lead": lambda outsider: {"lead_owner": self.users[outsider]},
			"Prospect": lambda outsider: {"prospect_owner": self.users[outsider]},
			"Customer": lambda outsider: {"st_responsible_sales_person": self.own_node(outsider)},
			"Opportunity": lambda outsider: {"opportunity_owner": self.users[outsider]},
			"Quotation": lambda outsider: {"party_name": self.outsiders_customer(outsider)},
			"Issue": lambda outsider: {"st_responsible_sales_person": self.own_node(outsider)},
		}
		for doctype, name in self.records.items():
			stored = frappe.get_doc(doctype, name).as_dict()
			for outsider in OUTSIDERS:
				user = self.users[outsider]
				values = moves[doctype](outsider)

				def move(doctype=doctype, name=name, values=values):
					doc = frappe.get_doc(doctype, name)
					doc.update(values)
					doc.save()

				with self.subTest(doctype=doctype, user=outsider, action="move"):
					with self.assertRaises(frappe.PermissionError):
						as_user(user, move)
					for field in values:
						self.assertEqual(frappe.db.get_value(doctype, name, field), stored[field])
				with self.subTest(doctype=doctype, user=outsider, action="REST update"):
					with self.assertRaises(frappe.PermissionError):
						as_user(user, frappe.client.set_value, doctype, name, values)
				with self.subTest(doctype=doctype, user=outsider, action="delete"):
					with self.assertRaises(frappe.PermissionError):
						as_user(user, frappe.delete_doc, doctype, name)
					self.assertTrue(frappe.db.exists(doctype, name))
		with self.subTest(action="close the deal"):
			with self.assertRaises((frappe.PermissionError, ClosingRefused)):
				as_user(
					self.users.rep_b1,
					lambda: frappe.get_doc("Opportunity", self.records.Opportunity).declare_enquiry_lost(
						[], []
					),
				)
			self.assertEqual(frappe.db.get_value("Opportunity", self.records.Opportunity, "status"), "Open")
		with self.subTest(action="submit the quotation"):
			with self.assertRaises(frappe.PermissionError):
				as_user(
					self.users.lead_b, lambda: frappe.get_doc("Quotation", self.records.Quotation).submit()
				)
			self.assertEqual(frappe.db.get_value("Quotation", self.records.Quotation, "docstatus"), 0)

	def test_the_lead_above_moves_a_client_within_his_line(self):
		lead = as_user(
			self.users.rep_a1,
			lambda: frappe.get_doc({"doctype": "Lead", "lead_name": f"ST Moved {self.tag}"}).insert().name,
		)

		def move():
			doc = frappe.get_doc("Lead", lead)
			doc.lead_owner = self.users.rep_a2
			doc.save()

		as_user(self.users.lead_a, move)
		self.assertEqual(frappe.db.get_value("Lead", lead, "st_responsible_sales_person"), self.nodes.rep_a2)
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.rep_a1, frappe.client.get, "Lead", lead)

	def test_sharing_or_assigning_outside_the_line_is_refused(self):
		from frappe.desk.form.assign_to import add as assign
		from frappe.share import add as share

		customer = self.records.Customer
		with self.assertRaises(ShareRefused):
			as_user(self.users.lead_a, share, "Customer", customer, self.users.rep_b1, read=1)
		with self.assertRaises(ShareRefused):
			as_user(
				self.users.lead_a,
				assign,
				{
					"doctype": "Opportunity",
					"name": self.records.Opportunity,
					"assign_to": [self.users.rep_b1],
				},
			)
		self.assertFalse(frappe.db.exists("DocShare", {"share_name": customer, "user": self.users.rep_b1}))
		# the head stands above the client: sharing it with him opens nothing new
		as_user(self.users.lead_a, share, "Customer", customer, self.users.head, read=1)

	def test_roles_outside_sales_keep_what_erpnext_gives_them(self):
		accountant = create_user(f"st-accountant-{self.tag}@example.com", roles=("Accounts User",))
		self.assertEqual(
			as_user(accountant, frappe.client.get, "Customer", self.records.Customer)["name"],
			self.records.Customer,
		)
		self.assertFalse(desk.withdrawn("Customer Credit Balance", accountant))

	def test_a_company_that_shares_its_clients_switches_the_rule_off(self):
		set_setting("clients_follow_the_tree", 0)
		self.addCleanup(set_setting, "clients_follow_the_tree", 1)
		self.assertEqual(
			as_user(self.users.rep_b1, frappe.client.get, "Customer", self.records.Customer)["name"],
			self.records.Customer,
		)

	def test_a_joint_client_belongs_to_each_rep_of_its_sales_team(self):
		joint = create_customer(
			f"ST Joint {self.tag}",
			st_responsible_sales_person=self.nodes.rep_a1,
			st_client_category="Joint",
			sales_team=[
				{"sales_person": self.nodes.rep_a1, "allocated_percentage": 50},
				{"sales_person": self.nodes.rep_b1, "allocated_percentage": 50},
			],
		).name
		self.assertEqual(as_user(self.users.rep_b1, frappe.client.get, "Customer", joint)["name"], joint)
		self.assertIn(joint, as_user(self.users.rep_b1, frappe.get_list, "Customer", pluck="name"))
		frappe.db.set_value("Customer", joint, "st_client_category", "Assigned")
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.rep_b1, frappe.client.get, "Customer", joint)

	def test_a_client_from_before_the_app_is_its_latest_invoices_rep(self):
		customer = create_customer(f"ST Old Client {self.tag}").name
		create_sales_invoice(customer, sales_team={self.nodes.rep_b1: 100})
		frappe.db.set_value("Customer", customer, "st_responsible_sales_person", None)
		backfill_client_sales_persons()
		self.assertEqual(
			frappe.db.get_value("Customer", customer, "st_responsible_sales_person"), self.nodes.rep_b1
		)

	def test_a_client_of_nobody_is_the_heads_to_give_out(self):
		unowned = create_customer(f"ST Nobody's {self.tag}").name
		self.assertFalse(frappe.db.get_value("Customer", unowned, "st_responsible_sales_person"))
		self.assertEqual(as_user(self.users.head, frappe.client.get, "Customer", unowned)["name"], unowned)
		for user in ("lead_a", "rep_a1"):
			with self.assertRaises(frappe.PermissionError):
				as_user(self.users[user], frappe.client.get, "Customer", unowned)

	def test_a_rep_registering_another_lines_client_is_told_whose_it_is(self):
		frappe.clear_messages()
		as_user(
			self.users.rep_b1,
			lambda: frappe.get_doc(
				{"doctype": "Lead", "lead_name": "Ivan", "company_name": f"ST Client {self.tag}"}
			).insert(),
		)
		told = " ".join(frappe.parse_json(message).get("message", "") for message in frappe.message_log)
		self.assertIn(self.nodes.rep_a1, told)
		self.assertNotIn("/app/customer", told)

	def test_erpnexts_reports_on_clients_are_withdrawn_from_the_line(self):
		for report in ("Lead Details", "Inactive Customers", "Sales Pipeline Analytics"):
			for user in ("rep_a1", "lead_b", "head"):
				with self.subTest(report=report, user=user):
					with self.assertRaises(desk.ReportWithdrawn):
						as_user(self.users[user], desk.get_script, report)
					with self.assertRaises(desk.ReportWithdrawn):
						as_user(self.users[user], desk.run, report, filters={})
			with self.subTest(report=report, user="director"):
				self.assertFalse(desk.withdrawn(report, self.users.director))
		self.assertFalse(desk.withdrawn("Prospective Clients", self.users.rep_a1))

	def test_global_search_shows_only_the_line(self):
		from frappe.utils import global_search

		customer = self.records.Customer
		frappe.get_doc("Customer", customer).run_method("on_update")
		global_search.update_global_search(frappe.get_doc("Customer", customer))
		global_search.sync_global_search()
		text = f"ST Client {self.tag}"
		found = as_user(self.users.rep_b1, global_search.search, text)
		self.assertIn(customer, [row.name for row in found])  # what Frappe's own search would show him
		self.assertNotIn(customer, [row.name for row in as_user(self.users.rep_b1, desk.search, text)])
		self.assertIn(customer, [row.name for row in as_user(self.users.rep_a1, desk.search, text)])

	# paths
	def list_view(self, doctype: str, name: str) -> list[str]:
		"""The list view's request (it reads its parameters from the form)."""
		frappe.local.form_dict = frappe._dict(
			doctype=doctype,
			fields=frappe.as_json([f"`tab{doctype}`.`name`"]),
			filters=frappe.as_json([[doctype, "name", "=", name]]),
		)
		try:
			result = reportview_get()
		finally:
			frappe.local.form_dict = frappe._dict()
		return [row[0] for row in (result or {}).get("values") or []]

	def timeline_emails(self, deal: str) -> list[str]:
		"""The e-mails the form's timeline shows with the deal."""
		frappe.response.pop("docinfo", None)
		getdoc("Opportunity", deal)
		return [row.name for row in frappe.response["docinfo"].communications]

	def link_search(self, doctype: str, name: str) -> list[str]:
		frappe.response.pop("results", None)
		results = search_link(doctype, txt=name, page_length=50)
		if results is None:
			results = frappe.response.get("results") or []
		return [row.get("value") if isinstance(row, dict) else row[0] for row in results]

	def open_deals_of(self, user: str) -> int:
		return as_user(user, open_deals)["value"]

	def own_node(self, outsider: str) -> str:
		return self.nodes[{"rep_b1": "rep_b1", "lead_b": "group_b"}[outsider]]

	def outsiders_customer(self, outsider: str) -> str:
		return create_customer(st_responsible_sales_person=self.own_node(outsider)).name
