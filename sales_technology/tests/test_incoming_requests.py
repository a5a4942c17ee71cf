"""Incoming requests from the website, sent as a guest through the web form the way a browser does: an
Incoming lead for the next rep round-robin (under the request's territory, skipping reps who are away),
a known client linked instead of a new lead, a first contact due within the settings' hours, refusals
of requests without a contact or consent and of spam, the late request flagged to the group lead once,
and who may read the requests."""

from __future__ import annotations

import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime, now_datetime, today

from sales_technology.incoming.requests import RequestRefused, flag_unanswered_requests
from sales_technology.sales_technology.web_form.incoming_request import (
	incoming_request as incoming_request_form,
)
from sales_technology.tests.factories import as_user, create_customer, create_department, set_setting

ACCEPT = "frappe.website.doctype.web_form.web_form.accept"


def send(ip: str = "198.51.100.7", request=None, **values) -> frappe._dict:
	"""The form's fields as the browser posts them, from a guest at an address, through the method the
	desk's handler resolves (the app's override of Frappe's accept); the saved request, found by its
	contact, since the guest's answer names nothing."""
	data = {
		"full_name": "Anna Smirnova",
		"company_name": f"ST Incoming Co {frappe.generate_hash(length=6)}",
		"phone": "",
		"email": f"anna.{frappe.generate_hash(length=6)}@example.com",
		"need": "A quote for 40 licences",
		"consent": 1,
		# what the form's own script adds: how long the person took, and the trap left empty
		"st_seconds": 25,
		"st_website": "",
		**values,
	}
	previous = (
		frappe.session.user,
		getattr(frappe.local, "request_ip", None),
		getattr(frappe.local, "request", None),
	)
	frappe.set_user("Guest")
	frappe.local.request_ip = ip
	frappe.local.request = request
	try:
		method = frappe.get_attr(frappe.override_whitelisted_method(ACCEPT))
		frappe.is_whitelisted(method)
		answer = method("incoming-request", json.dumps(data))
	finally:
		frappe.set_user(previous[0])
		frappe.local.request_ip, frappe.local.request = previous[1], previous[2]
	assert answer == {"doctype": "Incoming Request"}, answer  # a thank-you, nothing of what was found
	contact = {"email": data["email"]} if data["email"] else {"phone": data["phone"]}
	name = frappe.db.get_value("Incoming Request", contact, "name", order_by="creation desc")
	return frappe.get_doc("Incoming Request", name) if name else None


def publish(regions, products) -> None:
	settings = frappe.get_single("Sales Technology Settings")
	settings.set("incoming_regions", [{"territory": row.territory} for row in regions])
	settings.set("incoming_products", [{"item_group": row.item_group} for row in products])
	settings.save()


def proxied(forwarded_for: str, remote_addr: str = "127.0.0.1"):
	"""A POST that came through proxies: X-Forwarded-For as the client wrote it and the proxies appended."""
	from werkzeug.test import EnvironBuilder
	from werkzeug.wrappers import Request

	return Request(
		EnvironBuilder(
			method="POST",
			headers={"X-Forwarded-For": forwarded_for},
			environ_base={"REMOTE_ADDR": remote_addr},
		).get_environ()
	)


class TestIncomingRequests(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.dept = create_department()
		cls.users, cls.nodes = cls.dept.users, cls.dept.nodes
		# group A's territory: its requests go round-robin between reps A1 and A2
		cls.territory = f"ST Region {frappe.generate_hash(length=5)}"
		frappe.get_doc(
			{
				"doctype": "Territory",
				"territory_name": cls.territory,
				"parent_territory": frappe.db.get_value("Territory", {"is_group": 1}),
				"territory_manager": cls.nodes.group_a,
			}
		).insert(ignore_permissions=True)
		# the form offers this region (and one product): the head publishes them in the settings
		settings = frappe.get_single("Sales Technology Settings")
		cls.product = frappe.db.get_value("Item Group", {"is_group": 0})
		published = (list(settings.incoming_regions), list(settings.incoming_products))
		settings.set("incoming_regions", [{"territory": cls.territory}])
		settings.set("incoming_products", [{"item_group": cls.product}])
		settings.save()
		cls.addClassCleanup(publish, *published)
		for fieldname, value in (
			("incoming_assignment_by", "Territory"),
			("incoming_first_contact_hours", 2),
			("incoming_requests_per_hour", 0),
		):
			previous = frappe.db.get_single_value("Sales Technology Settings", fieldname)
			set_setting(fieldname, value)
			cls.addClassCleanup(set_setting, fieldname, previous)

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")
		frappe.db.set_value("Sales Person", self.nodes.rep_a2, "st_away_until", None)

	def test_a_guest_request_makes_an_incoming_lead_for_the_next_rep_with_the_first_contact_due(self):
		first = send(territory=self.territory)
		second = send(territory=self.territory)
		third = send(territory=self.territory)
		self.assertEqual(
			[first.sales_person, second.sales_person, third.sales_person],
			[self.nodes.rep_a1, self.nodes.rep_a2, self.nodes.rep_a1],
		)
		self.assertEqual((first.party_type, first.status), ("Lead", "Waiting for Contact"))
		lead = frappe.db.get_value(
			"Lead",
			first.party,
			["st_client_category", "st_responsible_sales_person", "email_id", "lead_owner", "company_name"],
			as_dict=True,
		)
		self.assertEqual(
			(lead.st_client_category, lead.st_responsible_sales_person, lead.email_id, lead.lead_owner),
			("Incoming", self.nodes.rep_a1, first.email, self.users.rep_a1),
		)
		activity = frappe.db.get_value(
			"Sales Activity",
			first.first_activity,
			["activity_type", "status", "sales_person", "party", "planned_on", "direction"],
			as_dict=True,
		)
		self.assertEqual(
			(
				activity.activity_type,
				activity.status,
				activity.sales_person,
				activity.party,
				activity.direction,
			),
			("Establish contact", "Planned", self.nodes.rep_a1, first.party, "Incoming"),
		)
		self.assertEqual(
			get_datetime(activity.planned_on), add_to_date(get_datetime(first.received_at), hours=2)
		)
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{"for_user": self.users.rep_a1, "st_notification_key": f"incoming-request:{first.name}"},
			)
		)

		# the rep calls back: the request is answered
		def call_back():
			doc = frappe.get_doc("Sales Activity", first.first_activity)
			doc.status = "Done"
			doc.save()

		as_user(self.users.rep_a1, call_back)
		self.assertEqual(frappe.db.get_value("Incoming Request", first.name, "status"), "Contacted")

	def test_a_rep_who_is_away_gets_no_requests(self):
		frappe.db.set_value("Sales Person", self.nodes.rep_a2, "st_away_until", today())
		got = {send(territory=self.territory).sales_person for _ in range(3)}
		self.assertEqual(got, {self.nodes.rep_a1})

	def test_a_known_phone_or_email_links_the_client_instead_of_a_new_lead(self):
		"""The guest is answered with a thank-you only (send() checks it): the client and rep found stay
		in the desk."""
		customer = create_customer(
			mobile_no="+7 (912) 555-12-34", st_responsible_sales_person=self.nodes.rep_b1
		).name
		leads = frappe.db.count("Lead")
		request = send(phone="8 912 5551234", email="", territory=self.territory)
		self.assertEqual(
			(request.party_type, request.party, request.status, request.sales_person),
			("Customer", customer, "Existing Client", self.nodes.rep_b1),
		)
		self.assertEqual(frappe.db.count("Lead"), leads)
		self.assertEqual(frappe.db.get_value("Sales Activity", request.first_activity, "party"), customer)

		# a lead that wrote before, by its e-mail in other letters' case
		earlier = send(territory=self.territory)
		again = send(email=earlier.email.upper(), territory=self.territory)
		self.assertEqual((again.party_type, again.party), ("Lead", earlier.party))
		self.assertEqual(frappe.db.count("Lead"), leads + 1)

	def test_a_request_without_a_contact_or_consent_is_refused_and_nothing_saved(self):
		requests, leads = frappe.db.count("Incoming Request"), frappe.db.count("Lead")
		with self.assertRaisesRegex(RequestRefused, "phone or an e-mail"):
			send(email="", phone="")
		with self.assertRaisesRegex(RequestRefused, "consent"):
			send(consent=0)
		self.assertEqual((frappe.db.count("Incoming Request"), frappe.db.count("Lead")), (requests, leads))

	def test_more_requests_from_one_address_in_an_hour_are_refused(self):
		set_setting("incoming_requests_per_hour", 2)
		self.addCleanup(set_setting, "incoming_requests_per_hour", 0)
		send(ip="203.0.113.9")
		send(ip="203.0.113.9")
		with self.assertRaisesRegex(RequestRefused, "Too many requests"):
			send(ip="203.0.113.9")
		send(ip="203.0.113.10")  # another address is another sender

	def test_a_bot_is_thanked_and_nothing_is_saved(self):
		requests, leads = frappe.db.count("Incoming Request"), frappe.db.count("Lead")
		self.assertIsNone(send(st_website="http://spam.example"))  # filled the field people never see
		self.assertIsNone(send(st_seconds=1))  # faster than anyone types
		self.assertIsNone(send(st_seconds=None))  # not from the form's page at all
		self.assertEqual((frappe.db.count("Incoming Request"), frappe.db.count("Lead")), (requests, leads))

	def test_the_form_offers_the_published_regions_and_products_only(self):
		from frappe.website.doctype.web_form.web_form import get_form_data, get_link_options

		frappe.set_user("Guest")
		form = get_form_data("Incoming Request", web_form_name="incoming-request").web_form
		fields = {row.fieldname: row for row in form.web_form_fields}
		self.assertEqual(fields["territory"].fieldtype, "Select")
		self.assertEqual(fields["territory"].options.split("\n"), ["", self.territory])
		self.assertEqual(fields["item_group"].options.split("\n"), ["", self.product])
		# the list of every Territory is no longer the guest's to read
		with self.assertRaises(frappe.PermissionError):
			get_link_options("incoming-request", "Territory")
		frappe.set_user("Administrator")
		# and a region the form did not offer, posted by hand, is refused
		other = frappe.db.get_value("Territory", {"name": ("!=", self.territory)})
		with self.assertRaisesRegex(RequestRefused, "region from the list"):
			send(territory=other)

	def test_no_guest_waits_on_gravatar(self):
		"""Outside tests ERPNext's Lead would ask gravatar.com with a 5 s timeout while the guest waits."""
		from unittest.mock import patch

		from erpnext.crm.doctype.lead import lead as lead_module

		from sales_technology.incoming.requests import no_gravatar_lookup

		with patch("requests.get", side_effect=AssertionError("an outside call while a guest waits")):
			with no_gravatar_lookup():
				previous, frappe.flags.in_test = frappe.flags.in_test, False
				try:
					self.assertEqual(lead_module.has_gravatar("anna@example.com"), "")
				finally:
					frappe.flags.in_test = previous
		self.assertIs(lead_module.has_gravatar, frappe.utils.has_gravatar)  # put back

	def test_the_address_is_the_one_the_sites_own_proxy_saw(self):
		"""A client that writes its own X-Forwarded-For does not become another sender: behind bench's
		nginx (one trusted proxy) the address is the one nginx appended."""
		set_setting("incoming_requests_per_hour", 2)
		self.addCleanup(set_setting, "incoming_requests_per_hour", 0)
		for forged in ("10.1.1.1", "10.1.1.2"):
			request = send(ip=forged, request=proxied(f"{forged}, 203.0.113.77"))
			self.assertEqual(request.ip_address, "203.0.113.77")
		with self.assertRaisesRegex(RequestRefused, "Too many requests"):
			send(ip="10.1.1.3", request=proxied("10.1.1.3, 203.0.113.77"))

	def test_an_unanswered_request_is_flagged_to_the_group_lead_once(self):
		request = send(territory=self.territory)
		self.assertNotIn(request.name, flag_unanswered_requests())  # not due yet
		frappe.db.set_value(
			"Incoming Request", request.name, "first_contact_due", add_to_date(now_datetime(), hours=-1)
		)
		self.assertIn(request.name, flag_unanswered_requests())
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{
					"for_user": self.users.lead_a,
					"st_notification_key": f"incoming-request-late:{request.name}",
				},
			)
		)
		self.assertNotIn(request.name, flag_unanswered_requests())

	def test_requests_are_read_along_the_tree_and_a_guest_reads_none(self):
		request = send(territory=self.territory)
		for user, sees in (
			("rep_a1", True),
			("lead_a", True),
			("head", True),
			("rep_b1", False),
			("lead_b", False),
		):
			listed = as_user(self.users[user], frappe.get_list, "Incoming Request", pluck="name")
			self.assertEqual(request.name in listed, sees, user)
		frappe.set_user("Guest")
		self.assertFalse(frappe.has_permission("Incoming Request", "read", request.name))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_list("Incoming Request")
		frappe.set_user("Administrator")
		# nobody in sales makes up a request in the desk
		with self.assertRaises(frappe.PermissionError):
			as_user(
				self.users.rep_a1,
				lambda: frappe.get_doc(
					{"doctype": "Incoming Request", "full_name": "X", "email": "x@example.com", "consent": 1}
				).insert(),
			)


class TestThePublicFormInTheGuestsLanguage(FrappeTestCase):
	def test_a_russian_guest_reads_the_form_in_russian(self):
		frappe.set_user("Guest")
		self.addCleanup(frappe.set_user, "Administrator")
		previous = frappe.local.lang
		frappe.local.lang = "ru"
		self.addCleanup(setattr, frappe.local, "lang", previous)
		# what Frappe's web form hands the form's own context: the web form's fields, as stored
		context = frappe._dict(frappe.get_doc("Web Form", "incoming-request").as_dict())
		incoming_request_form.get_context(context)
		self.assertEqual(context.title, "Оставьте заявку")
		self.assertTrue(context.introduction_text.startswith("Расскажите, что вам нужно"))
		self.assertNotIn("Thank you", context.success_message)
