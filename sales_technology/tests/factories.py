"""Records for tier-2 tests, with defaults that work on the company `before_tests` prepares."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_years, nowdate

from sales_technology.demo import as_person

TEST_ITEM = "ST Test Service"


def get_company() -> str:
	return (
		frappe.db.get_single_value("Global Defaults", "default_company")
		or frappe.get_all("Company", pluck="name", limit=1)[0]
	)


def create_customer(name: str | None = None, **values) -> frappe.model.document.Document:
	doc = frappe.get_doc(
		{
			"doctype": "Customer",
			"customer_name": name or f"ST Customer {frappe.generate_hash(length=8)}",
			"customer_type": "Company",
			"customer_group": frappe.db.get_value("Customer Group", {"is_group": 0}) or "All Customer Groups",
			"territory": frappe.db.get_value("Territory", {"is_group": 0}) or "All Territories",
			**values,
		}
	)
	return doc.insert(ignore_permissions=True)


def get_test_item() -> str:
	if not frappe.db.exists("Item", TEST_ITEM):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": TEST_ITEM,
				"item_name": TEST_ITEM,
				"item_group": frappe.db.get_value("Item Group", {"is_group": 0}) or "All Item Groups",
				"stock_uom": "Nos",
				"is_stock_item": 0,
				"include_item_in_manufacturing": 0,
			}
		).insert(ignore_permissions=True)
	return TEST_ITEM


def item_of_group(group: str) -> str:
	"""An item in an item group of its own (made once): a product the other tests' clients never bought."""
	if not frappe.db.exists("Item Group", group):
		frappe.get_doc(
			{"doctype": "Item Group", "item_group_name": group, "parent_item_group": "All Item Groups"}
		).insert(ignore_permissions=True)
	code = f"{group} item"
	if not frappe.db.exists("Item", code):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": code,
				"item_group": group,
				"stock_uom": "Nos",
				"is_stock_item": 0,
			}
		).insert(ignore_permissions=True)
	return code


def create_sales_invoice(
	customer: str,
	amount: float = 1000,
	submit: bool = True,
	sales_team: dict[str, float] | None = None,
	**values,
):
	"""A one-line invoice of the test service; `sales_team` is {sales person: allocated percentage}."""
	company = get_company()
	defaults = frappe.get_cached_value(
		"Company",
		company,
		["default_receivable_account", "default_income_account", "cost_center", "default_currency"],
		as_dict=True,
	)
	doc = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"company": company,
			"customer": customer,
			"currency": defaults.default_currency,
			"debit_to": defaults.default_receivable_account,
			"posting_date": nowdate(),
			"due_date": max(str(values.get("posting_date") or nowdate()), nowdate()),
			"set_posting_time": 1,
			"items": [
				{
					"item_code": get_test_item(),
					"qty": 1,
					"rate": amount,
					"income_account": defaults.default_income_account,
					"cost_center": defaults.cost_center,
				}
			],
			"sales_team": [
				{"sales_person": person, "allocated_percentage": share}
				for person, share in (sales_team or {}).items()
			],
			**values,
		}
	)
	doc.insert(ignore_permissions=True)
	if submit:
		doc.submit()
	return doc


def create_return(invoice: str, submit: bool = True, **values):
	"""A credit note of the whole invoice; `posting_date=` posts it on another day."""
	from erpnext.controllers.sales_and_purchase_return import make_return_doc

	doc = make_return_doc("Sales Invoice", invoice)
	if values.get("posting_date"):
		values.setdefault("set_posting_time", 1)
	doc.update(values)
	doc.insert(ignore_permissions=True)
	if submit:
		doc.submit()
	return doc


def create_quality_feedback(template: str, customer: str, ratings: list[int], when: str) -> str:
	"""A client's Quality Feedback on one of the app's templates, dated `when` (its creation)."""
	from sales_technology.core.feedback import FEEDBACK_PARAMETERS

	doc = frappe.get_doc(
		{
			"doctype": "Quality Feedback",
			"template": template,
			"document_type": "Customer",
			"document_name": customer,
			"parameters": [
				{"parameter": FEEDBACK_PARAMETERS[template], "rating": str(rating)} for rating in ratings
			],
		}
	).insert(ignore_permissions=True)
	frappe.db.set_value("Quality Feedback", doc.name, "creation", when, update_modified=False)
	return doc.name


def create_user(email: str, roles: tuple[str, ...] = ("Sales Rep",), profile: str | None = None) -> str:
	"""A user with the given roles, or with a position's Role Profile (as README tells an admin to do)."""
	# every test class makes a department of people: more than Frappe's 60 users an hour allows a site
	frappe.local.conf.throttle_user_limit = max(frappe.local.conf.get("throttle_user_limit") or 0, 100_000)
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": "System User",
				"role_profile_name": profile,
			}
		).insert(ignore_permissions=True)
		if not profile:
			user.add_roles(*roles)
	return email


def create_employee(user: str | None = None, first_name: str | None = None) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Employee",
			"first_name": first_name or f"ST Employee {frappe.generate_hash(length=6)}",
			"gender": frappe.db.get_value("Gender", {}) or "Male",
			"date_of_birth": add_years(nowdate(), -30),
			"date_of_joining": add_years(nowdate(), -1),
			"company": get_company(),
			"status": "Active",
			"user_id": user,
		}
	)
	return doc.insert(ignore_permissions=True).name


def create_sales_person(
	name: str | None = None,
	parent: str | None = None,
	is_group: bool = False,
	employee: str | None = None,
	user: str | None = None,
) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Sales Person",
			"sales_person_name": name or f"ST Sales Person {frappe.generate_hash(length=6)}",
			"parent_sales_person": parent or get_sales_person_root(),
			"is_group": int(is_group),
			"enabled": 1,
			"employee": employee,
			"st_user": user,
		}
	)
	return doc.insert(ignore_permissions=True).name


def get_sales_person_root() -> str:
	root = frappe.db.get_value("Sales Person", {"parent_sales_person": ("is", "not set"), "is_group": 1})
	if not root:
		root = (
			frappe.get_doc({"doctype": "Sales Person", "sales_person_name": "Sales Team", "is_group": 1})
			.insert(ignore_permissions=True)
			.name
		)
	return root


def create_department(suffix: str | None = None, new_reps: bool = False) -> frappe._dict:
	"""A sales department on the Sales Person tree with a user for every role:

	Department (head) ├ Group A (lead_a) ├ Rep A1 (rep_a1), Rep A2 (rep_a2)
	                  └ Group B (lead_b) └ Rep B1 (rep_b1)
	plus a General Director and a Sales Analyst outside the tree; every user has their position's Role
	Profile, the app's role and the ERPNext roles behind it. Its reps have worked there for years (no
	new rep's programme, so a full load) unless `new_reps`: then each starts his programme today.
	"""
	suffix = suffix or frappe.generate_hash(length=6)
	users = frappe._dict(
		director=create_user(f"st-director-{suffix}@example.com", profile="General Director"),
		analyst=create_user(f"st-analyst-{suffix}@example.com", profile="Sales Analyst"),
		head=create_user(f"st-head-{suffix}@example.com", profile="Sales Head"),
		lead_a=create_user(f"st-lead-a-{suffix}@example.com", profile="Sales Group Lead"),
		lead_b=create_user(f"st-lead-b-{suffix}@example.com", profile="Sales Group Lead"),
		rep_a1=create_user(f"st-rep-a1-{suffix}@example.com", profile="Sales Rep"),
		rep_a2=create_user(f"st-rep-a2-{suffix}@example.com", profile="Sales Rep"),
		rep_b1=create_user(f"st-rep-b1-{suffix}@example.com", profile="Sales Rep"),
	)
	department = create_sales_person(f"ST Dept {suffix}", is_group=True, user=users.head)
	group_a = create_sales_person(f"ST Group A {suffix}", parent=department, is_group=True, user=users.lead_a)
	group_b = create_sales_person(f"ST Group B {suffix}", parent=department, is_group=True, user=users.lead_b)
	nodes = frappe._dict(
		department=department,
		group_a=group_a,
		group_b=group_b,
		rep_a1=create_sales_person(f"ST Rep A1 {suffix}", parent=group_a, user=users.rep_a1),
		rep_a2=create_sales_person(f"ST Rep A2 {suffix}", parent=group_a, user=users.rep_a2),
		rep_b1=create_sales_person(f"ST Rep B1 {suffix}", parent=group_b, user=users.rep_b1),
	)
	if not new_reps:
		for name in frappe.get_all(
			"Rep Programme",
			filters={"sales_person": ("in", [nodes.rep_a1, nodes.rep_a2, nodes.rep_b1])},
			pluck="name",
		):
			frappe.delete_doc("Rep Programme", name, ignore_permissions=True, force=True)
	return frappe._dict(users=users, nodes=nodes)


def create_sales_plan(
	sales_person: str,
	period_type: str,
	period_start,
	targets: dict[str, float],
	parent_plan: str | None = None,
	**values,
):
	return frappe.get_doc(
		{
			"doctype": "Sales Plan",
			"company": get_company(),
			"sales_person": sales_person,
			"period_type": period_type,
			"period_start": period_start,
			"parent_plan": parent_plan,
			"targets": [{"kpi": kpi, "target": target} for kpi, target in targets.items()],
			**values,
		}
	).insert()


def apply_action(doc, action: str, user: str):
	"""Run a workflow action as the given user, the way the form's action menu does (it sends the
	document as a dict)."""
	from frappe.model.workflow import apply_workflow

	return as_user(user, apply_workflow, frappe.get_doc(doc.doctype, doc.name).as_dict(), action)


# call a function as the user (a step of the methodology done by the person it names): the demo's helper
as_user = as_person


def set_setting(fieldname: str, value) -> None:
	"""Change one of the Sales Technology Settings for a test (restore it in a class cleanup)."""
	frappe.db.set_single_value("Sales Technology Settings", fieldname, value)
	frappe.clear_document_cache("Sales Technology Settings", "Sales Technology Settings")


def set_working_days(source: str) -> None:
	set_setting("working_day_source", source)


def get_lost_reason(name: str = "ST No Budget") -> str:
	"""An Opportunity Lost Reason for declaring deals lost."""
	if not frappe.db.exists("Opportunity Lost Reason", name):
		frappe.get_doc({"doctype": "Opportunity Lost Reason", "lost_reason": name}).insert(
			ignore_permissions=True
		)
	return name


def close_with_consent(
	deal: str, requester: str, approver: str, closing_status: str = "Lost", **values
) -> str:
	"""Close a deal the way the methodology wants it: the rep asks, the lead above consents. A lost deal
	is asked for through ERPNext's own Declare Lost; the others through the form's Ask to Close."""
	from sales_technology.deals.closing import approve, ask_to_close

	if closing_status == "Lost" and not values:

		def declare_lost():
			return frappe.get_doc("Opportunity", deal).declare_enquiry_lost(
				lost_reasons_list=[{"lost_reason": get_lost_reason()}], competitors=[]
			)

		request = as_user(requester, declare_lost)
	else:
		values.setdefault(
			"lost_reasons", [{"lost_reason": get_lost_reason()}] if closing_status == "Lost" else []
		)
		request = as_user(requester, ask_to_close, deal, closing_status, **values)
	as_user(approver, approve, request)
	return request


def create_deal(owner: str, party: str, party_type: str = "Customer", **values):
	"""A deal opened by its owner in the desk (as that user, through the tree rule), for a client."""

	def insert():
		return frappe.get_doc(
			{
				"doctype": "Opportunity",
				"opportunity_from": party_type,
				"party_name": party,
				"company": get_company(),
				"opportunity_owner": owner,
				**values,
			}
		).insert()

	return as_user(owner, insert)


def create_activity(user: str, sales_person: str, **values):
	"""A Sales Activity logged by the user for the Sales Person (a cold call unless told)."""

	def insert():
		return frappe.get_doc(
			{
				"doctype": "Sales Activity",
				"activity_type": "Establish contact",
				"subject": "Call",
				"status": "Planned",
				"sales_person": sales_person,
				**values,
			}
		).insert()

	return as_user(user, insert)


class DepartmentTestCase(FrappeTestCase):
	"""A department scene (create_department) for the class, and each test starting as Administrator,
	who only sets the scene: the steps under test run as the person (as_user)."""

	new_reps = False  # True: the department's reps have just joined and run their programmes

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.dept = create_department(new_reps=cls.new_reps)
		cls.users, cls.nodes = cls.dept.users, cls.dept.nodes

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")
