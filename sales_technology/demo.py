"""A first look in one command: a small, believable sales department on a scratch site.

	bench --site <site> execute sales_technology.demo.create
	bench --site <site> execute sales_technology.demo.create --kwargs "{'force': 1}"

A director, a head, an analyst, two groups with a lead and three reps each, every user with a password
and their position's Role Profile; this year's plan approved by the director, the current quarter by
the director, the groups' current months issued and approved by the head, the reps' current weeks set
and approved by their leads (Rep B3's still waits for Lead B); day norms; leads, customers, opportunities, invoices, the last working
days' activities and daily reports. Every step of the cascade is done as the person the seed names.
A site that already has sales documents is refused unless forced; a second run adds nothing.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today
from frappe.utils.password import update_password

from sales_technology.deals.stale_deals import flag_stale_deals
from sales_technology.plans.distribution import distribute_by_calendar, distribute_to_team
from sales_technology.shared.org_structure import get_sales_person
from sales_technology.shared.settings import site_language
from sales_technology.shared.work_calendar import get_period, is_working_day

DEMO_DEPARTMENT = "Demo Sales Department"
DEMO_PASSWORD = "Demo-Sales-2026"
DEMO_DOMAIN = "demo.sales-technology.example.com"
DEMO_ITEM = "Demo Consulting Service"

# (key, first name, position's role profile, node key, parent node key)
PEOPLE = (
	("director", "Director", "General Director", None, None),
	("analyst", "Analyst", "Sales Analyst", None, None),
	("head", "Head", "Sales Head", "department", None),
	("lead_a", "Lead A", "Sales Group Lead", "group_a", "department"),
	("lead_b", "Lead B", "Sales Group Lead", "group_b", "department"),
	("rep_a1", "Rep A1", "Sales Rep", "rep_a1", "group_a"),
	("rep_a2", "Rep A2", "Sales Rep", "rep_a2", "group_a"),
	("rep_a3", "Rep A3", "Sales Rep", "rep_a3", "group_a"),
	("rep_b1", "Rep B1", "Sales Rep", "rep_b1", "group_b"),
	("rep_b2", "Rep B2", "Sales Rep", "rep_b2", "group_b"),
	("rep_b3", "Rep B3", "Sales Rep", "rep_b3", "group_b"),
)
NODE_NAMES = {
	"department": DEMO_DEPARTMENT,
	"group_a": "Demo Group A",
	"group_b": "Demo Group B",
	"rep_a1": "Demo Rep A1",
	"rep_a2": "Demo Rep A2",
	"rep_a3": "Demo Rep A3",
	"rep_b1": "Demo Rep B1",
	"rep_b2": "Demo Rep B2",
	"rep_b3": "Demo Rep B3",
}
YEAR_TARGETS = {"TURNOVER": 24_000_000, "NEW_CLIENTS_COUNT": 60, "CLAIMS_COUNT": 12, "QUALITY_LEVEL": 90}
MONTH_ACTIVITY_TARGETS = {"COLD_CALLS": 300, "MEETINGS_NEEDS": 30, "TECH_PROPOSALS": 15}
DAY_NORMS = {"COLD_CALLS": 5, "MEETINGS_NEEDS": 1}
DONE_ACTIVITIES = (
	("Establish contact", 5),
	("Discover needs and risks", 1),
	("Prepare the technical proposal", 1),
)


class DemoRefused(frappe.ValidationError):
	pass


def email(key: str) -> str:
	return f"{key.replace('_', '-')}@{DEMO_DOMAIN}"


@frappe.whitelist(methods=["POST"])
def create(force: bool = False, password: str = DEMO_PASSWORD) -> dict:
	"""Fill this site with the demo department; returns its users and nodes."""
	if frappe.session.user != "Administrator" and "System Manager" not in frappe.get_roles():
		frappe.throw(_("Only a System Manager creates the demo department"), frappe.PermissionError)
	if not frappe.db.exists("Sales Person", DEMO_DEPARTMENT):
		refuse_a_live_site(bool(int(force)))
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	if not company:
		frappe.throw(_("Set a default company (Global Defaults) before creating the demo"), exc=DemoRefused)
	# every part is created only where it is missing: a second run adds nothing, and a site that dropped
	# the app's documents (uninstalled and installed again) gets them back around the same people
	users, nodes = create_people(password)
	rng = random.Random(2026)
	if not frappe.db.exists("Sales Plan", {"sales_person": nodes.department}):
		create_plans(users, nodes, company)
		create_norms(nodes)
	if not frappe.db.exists("Customer", {"customer_name": client_name("rep_a1")}):
		create_clients_and_deals(users, nodes, company, rng)
	reps = [nodes[key] for key, *_rest in PEOPLE if key.startswith("rep")]
	if not frappe.db.exists("Opportunity", {"status": "Lost", "st_responsible_sales_person": ("in", reps)}):
		create_lost_and_stale_deals(users, company)
	if not frappe.db.exists("Sales Activity", {"sales_person": ("in", reps)}):
		create_activities_and_reports(users, nodes, demo_parties(users), rng)
	frappe.db.commit()
	summary = {
		"users": {key: email(key) for key, *_rest in PEOPLE},
		"nodes": NODE_NAMES,
		"password": password,
	}
	return summary


def refuse_a_live_site(force: bool) -> None:
	"""A demo is for a scratch site: it is refused where sales documents exist already."""
	counts = {
		doctype: frappe.db.count(doctype, {"docstatus": 1} if doctype == "Sales Invoice" else None)
		for doctype in ("Sales Invoice", "Opportunity", "Sales Plan")
	}
	if force or not any(counts.values()):
		return
	frappe.throw(
		_(
			"This site already has sales documents ({0}); the demo is meant for a scratch site. Run it with "
			"force to add the demo department anyway."
		).format(", ".join(f"{_(doctype)}: {count}" for doctype, count in counts.items() if count)),
		title=_("Not a Scratch Site"),
		exc=DemoRefused,
	)


def create_people(password: str) -> tuple[frappe._dict, frappe._dict]:

	root = frappe.db.get_value("Sales Person", {"parent_sales_person": ("is", "not set"), "is_group": 1})
	users, nodes = frappe._dict(), frappe._dict()
	# a System Manager makes these people: Frappe's guard against mass sign-ups (60 users an hour) would
	# refuse the demo right after the tests made their departments
	frappe.local.conf.throttle_user_limit = max(frappe.local.conf.get("throttle_user_limit") or 0, 10_000)
	for key, first_name, profile, node, parent in PEOPLE:
		user = email(key)
		if not frappe.db.exists("User", user):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": user,
					"first_name": first_name,
					"last_name": "Demo",
					"send_welcome_email": 0,
					"user_type": "System User",
					"role_profile_name": profile,
				}
			).insert(ignore_permissions=True)
		update_password(user, password)
		users[key] = user
		if node:
			if not frappe.db.exists("Sales Person", NODE_NAMES[node]):
				frappe.get_doc(
					{
						"doctype": "Sales Person",
						"sales_person_name": NODE_NAMES[node],
						"parent_sales_person": NODE_NAMES[parent] if parent else root,
						"is_group": int(not key.startswith("rep")),
						"enabled": 1,
						"st_user": user,
					}
				).insert(ignore_permissions=True)
			nodes[node] = get_sales_person(user)
	return users, nodes


def as_person(user: str, function, *args, **kwargs):
	"""Do one step of the cascade as the person the methodology names."""
	current = frappe.session.user
	frappe.set_user(user)
	try:
		return function(*args, **kwargs)
	finally:
		frappe.set_user(current)


def act(user: str, doc, action: str):
	from frappe.model.workflow import apply_workflow

	return as_person(user, apply_workflow, frappe.get_doc(doc.doctype, doc.name).as_dict(), action)


def plan_containing(node: str, period_type: str, day: date):
	name = frappe.db.get_value(
		"Sales Plan",
		{
			"sales_person": node,
			"period_type": period_type,
			"period_start": ("<=", day),
			"period_end": (">=", day),
			"docstatus": ("<", 2),
		},
	)
	return frappe.get_doc("Sales Plan", name)


def create_plans(users, nodes, company: str) -> None:
	"""Year → Quarter → the groups' Months → the reps' Weeks, each approved by whom the seed names."""

	day = getdate(today())
	year_period = get_period(company, day, "Year")

	def new_year_plan():
		return frappe.get_doc(
			{
				"doctype": "Sales Plan",
				"company": company,
				"sales_person": nodes.department,
				"period_type": "Year",
				"period_start": year_period.start,
				"targets": [{"kpi": kpi, "target": target} for kpi, target in YEAR_TARGETS.items()],
			}
		).insert()

	year = as_person(users.head, new_year_plan)
	act(users.head, year, "Submit for Approval")
	act(users.director, year, "Approve")
	as_person(users.head, distribute_by_calendar, year.name)
	quarter = plan_containing(nodes.department, "Quarter", day)
	act(users.head, quarter, "Submit for Approval")
	act(users.director, quarter, "Approve")
	as_person(users.head, distribute_to_team, quarter.name, {nodes.group_a: 3, nodes.group_b: 2})
	for group, lead, reps in (
		(nodes.group_a, users.lead_a, ("rep_a1", "rep_a2", "rep_a3")),
		(nodes.group_b, users.lead_b, ("rep_b1", "rep_b2", "rep_b3")),
	):
		month = plan_containing(group, "Month", day)

		def add_activity_targets(month=month):
			for kpi, target in MONTH_ACTIVITY_TARGETS.items():
				month.append("targets", {"kpi": kpi, "target": target})
			month.save()

		as_person(users.head, add_activity_targets)
		act(users.head, month, "Submit for Approval")
		act(users.head, month, "Approve")
		as_person(lead, distribute_to_team, month.name)
		for rep in reps:
			week = plan_containing(nodes[rep], "Week", day)
			act(lead, week, "Submit for Approval")
			if rep != "rep_b3":  # Rep B3's week still waits for Lead B's approval
				act(lead, week, "Approve")


def create_norms(nodes) -> None:
	for kpi, minimum in DAY_NORMS.items():
		frappe.get_doc(
			{
				"doctype": "Sales Norm",
				"sales_person": nodes.department,
				"kpi": kpi,
				"period_type": "Day",
				"minimum": minimum,
			}
		).insert(ignore_permissions=True)


def demo_item() -> str:
	if not frappe.db.exists("Item", DEMO_ITEM):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": DEMO_ITEM,
				"item_name": DEMO_ITEM,
				"item_group": frappe.db.get_value("Item Group", {"is_group": 0}) or "All Item Groups",
				"stock_uom": "Nos",
				"is_stock_item": 0,
			}
		).insert(ignore_permissions=True)
	return DEMO_ITEM


def client_name(key: str) -> str:
	return f"{NODE_NAMES[key].replace('Demo ', '')} Client LLC"


def demo_parties(users) -> dict[str, list[tuple[str, str]]]:
	"""Each rep's parties as (party type, name): the leads they own and their client."""
	return {
		key: [("Lead", lead) for lead in frappe.get_all("Lead", {"lead_owner": users[key]}, pluck="name")]
		+ [("Customer", frappe.db.get_value("Customer", {"customer_name": client_name(key)}))]
		for key, *_rest in PEOPLE
		if key.startswith("rep")
	}


def create_clients_and_deals(users, nodes, company: str, rng: random.Random) -> None:
	"""Per rep: two leads they own, a customer with an open opportunity and an invoice this month."""
	defaults = frappe.get_cached_value(
		"Company",
		company,
		["default_receivable_account", "default_income_account", "cost_center", "default_currency"],
		as_dict=True,
	)
	customer_group = frappe.db.get_value("Customer Group", {"is_group": 0}) or "All Customer Groups"
	territory = frappe.db.get_value("Territory", {"is_group": 0}) or "All Territories"
	for key in (key for key, *_rest in PEOPLE if key.startswith("rep")):
		label = NODE_NAMES[key].replace("Demo ", "")
		for number in (1, 2):
			frappe.get_doc(
				{
					"doctype": "Lead",
					"first_name": f"Buyer {number}",
					"company_name": f"{label} Prospect {number} LLC",
					"lead_owner": users[key],
					"status": "Open",
				}
			).insert(ignore_permissions=True)
		customer = frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": client_name(key),
				# the rep's client: the rule makes him its Responsible Sales Person
				"account_manager": users[key],
				"customer_type": "Company",
				"customer_group": customer_group,
				"territory": territory,
			}
		).insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "Opportunity",
				"opportunity_from": "Customer",
				"party_name": customer.name,
				"company": company,
				"opportunity_owner": users[key],
				"opportunity_amount": rng.randrange(200, 900) * 1_000,
				"currency": defaults.default_currency,
				"expected_closing": add_days(today(), rng.randrange(10, 60)),
			}
		).insert(ignore_permissions=True)
		invoice = frappe.get_doc(
			{
				"doctype": "Sales Invoice",
				"company": company,
				"customer": customer.name,
				"currency": defaults.default_currency,
				"debit_to": defaults.default_receivable_account,
				"posting_date": today(),
				"due_date": add_days(today(), 30),
				"items": [
					{
						"item_code": demo_item(),
						"qty": 1,
						"rate": rng.randrange(100, 500) * 1_000,
						"income_account": defaults.default_income_account,
						"cost_center": defaults.cost_center,
					}
				],
				"sales_team": [{"sales_person": nodes[key], "allocated_percentage": 100}],
			}
		).insert(ignore_permissions=True)
		invoice.submit()


DEMO_COMPETITOR = "Demo Rival LLC"
DEMO_LOST_REASON = "Price higher than the rival's"


def create_lost_and_stale_deals(users, company: str) -> None:
	"""What deal control shows: a deal of rep A1 lost to a competitor on price (declared by his lead, who
	needs nobody's consent), and a deal of rep B1 opened weeks ago with nobody working it, flagged stale
	by the day's job as of the last working day."""
	if not frappe.db.exists("Competitor", DEMO_COMPETITOR):
		frappe.get_doc({"doctype": "Competitor", "competitor_name": DEMO_COMPETITOR}).insert(
			ignore_permissions=True
		)
	if not frappe.db.exists("Opportunity Lost Reason", DEMO_LOST_REASON):
		frappe.get_doc({"doctype": "Opportunity Lost Reason", "lost_reason": DEMO_LOST_REASON}).insert(
			ignore_permissions=True
		)

	def deal(key: str, **values):
		customer = frappe.db.get_value("Customer", {"customer_name": client_name(key)})
		return frappe.get_doc(
			{
				"doctype": "Opportunity",
				"opportunity_from": "Customer",
				"party_name": customer,
				"company": company,
				"opportunity_owner": users[key],
				**values,
			}
		).insert(ignore_permissions=True)

	lost = deal("rep_a1", opportunity_amount=350_000)
	as_person(
		users.lead_a,
		lambda: frappe.get_doc("Opportunity", lost.name).declare_enquiry_lost(
			[{"lost_reason": DEMO_LOST_REASON}],
			[{"competitor": DEMO_COMPETITOR}],
			"They came in 12 % cheaper",
		),
	)
	deal(
		"rep_b1",
		opportunity_amount=180_000,
		transaction_date=add_days(today(), -45),
		expected_closing=add_days(today(), -10),
	)
	flag_stale_deals(last_working_days(company, 1)[-1])


def last_working_days(company: str | None, count: int) -> list[date]:

	days, day = [], getdate(today())
	while len(days) < count:
		day = day - timedelta(days=1)
		if is_working_day(company, day):
			days.append(day)
	return sorted(days)


def create_activities_and_reports(users, nodes, parties: dict[str, list[tuple]], rng: random.Random) -> None:
	"""The last three working days' done activities and submitted daily reports; today's plan."""
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	for key in (key for key, *_rest in PEOPLE if key.startswith("rep")):
		for day in last_working_days(company, 3):
			for activity_type, count in DONE_ACTIVITIES:
				for number in range(count + rng.randrange(0, 2)):
					party_type, party = rng.choice(parties[key])
					when = datetime.combine(day, datetime.min.time()) + timedelta(hours=9 + number)
					frappe.get_doc(
						{
							"doctype": "Sales Activity",
							"activity_type": activity_type,
							"subject": _(activity_type, lang=site_language()),
							"status": "Done",
							"sales_person": nodes[key],
							"party_type": party_type,
							"party": party,
							"planned_on": when,
							"done_at": when,
						}
					).insert(ignore_permissions=True)
			report = frappe.get_doc(
				{"doctype": "Daily Sales Report", "sales_person": nodes[key], "report_date": day}
			)
			report.insert(ignore_permissions=True)
			report.submit()
		frappe.get_doc(
			{
				"doctype": "Sales Activity",
				"activity_type": "Establish contact",
				"subject": _("Establish contact", lang=site_language()),
				"status": "Planned",
				"sales_person": nodes[key],
				"planned_on": datetime.combine(getdate(today()), datetime.min.time()) + timedelta(hours=15),
			}
		).insert(ignore_permissions=True)
