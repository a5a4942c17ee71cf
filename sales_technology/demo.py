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
from frappe.desk.page.setup_wizard.setup_wizard import setup_complete
from frappe.utils import add_days, getdate, now_datetime, today
from frappe.utils.password import update_password

from sales_technology.claims.escalation import escalate_overdue_claims
from sales_technology.claims.service_levels import sync_service_levels
from sales_technology.core.claims import CLAIM_ISSUE_TYPE
from sales_technology.deals.funnel_analysis import default_funnel, funnel_stages
from sales_technology.deals.stale_deals import flag_stale_deals
from sales_technology.hospitality.budgets import ask, decide
from sales_technology.kpi.snapshots import take_snapshot
from sales_technology.people.standards import confirm_read
from sales_technology.plans.distribution import distribute_by_calendar, distribute_to_team
from sales_technology.plans.reviews import create_period_reviews
from sales_technology.shared.org_structure import get_sales_person
from sales_technology.shared.settings import site_language
from sales_technology.shared.work_calendar import get_period, is_working_day
from sales_technology.strategies.cadences import start_cadence
from sales_technology.strategies.target_lists import assign_list

DEMO_DEPARTMENT = "Demo Sales Department"
DEMO_PASSWORD = "Demo-Sales-2026"
DEMO_DOMAIN = "demo.sales-technology.example.com"
DEMO_ITEM = "Demo Consulting Service"
DEMO_COMPANY = "Demo Sales LLC"

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
LEADS = {f"rep_{group}{number}": f"lead_{group}" for group in "ab" for number in (1, 2, 3)}
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
def create(force: bool = False, password: str = DEMO_PASSWORD, language: str | None = None) -> dict:
	"""Fill this site with the demo department; returns its users and nodes. On a site where nobody ran the
	setup wizard it sets up a Russian company first (in `language`, English unless told)."""
	if frappe.session.user != "Administrator" and "System Manager" not in frappe.get_roles():
		frappe.throw(_("Only a System Manager creates the demo department"), frappe.PermissionError)
	if not frappe.db.exists("Sales Person", DEMO_DEPARTMENT):
		refuse_a_live_site(bool(int(force)))
	company = demo_company(language)
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
	if not frappe.db.exists(
		"Customer", {"customer_name": ("like", "% New Client 1 LLC"), "account_manager": users.rep_a1}
	):
		create_history(users, nodes, company, rng)
	if not frappe.db.exists("Sales Meeting", {"sales_person": ("in", reps)}):
		create_meetings(users, nodes, company)
	if not frappe.db.exists("Corrective Decision", {"sales_person": nodes.group_a}):
		create_review_and_decision(users, nodes, company)
	if not frappe.db.exists("Sales Cadence Run", {"sales_person": ("in", reps)}):
		create_strategies_and_requests(users, nodes)
	if not frappe.db.exists("Sales Headcount Plan", {"sales_person": nodes.department}):
		create_headcount_plans(users, nodes, company)
	if not frappe.db.exists("Rep Programme", {"sales_person": nodes.rep_a3, "start_date": ("<", today())}):
		create_new_rep_programme(users, nodes)
	if not frappe.db.exists("Rep Profile", nodes.rep_a1):
		create_rep_profiles(users, nodes)
	if not frappe.db.exists(
		"Issue", {"issue_type": CLAIM_ISSUE_TYPE, "st_responsible_sales_person": ("in", reps)}
	):
		create_claims(users, company)
	if not frappe.db.exists("Partner Programme", {"sales_person": ("in", reps)}):
		create_partner(users, nodes, company)
	if not frappe.db.exists("Hospitality Budget", {"sales_person": nodes.department}):
		create_hospitality(users, nodes, company)
	if not frappe.db.exists("Target List", {"sales_person": nodes.group_a}):
		create_target_list(users, nodes)
	if frappe.db.exists("Sales Standard", "The first call") and not frappe.db.get_value(
		"Sales Standard", "The first call", "content"
	):
		create_standards(users, nodes)
	tick_onboarding()
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


def demo_company(language: str | None = None) -> str:
	"""The site's default company; on a new site (no company at all) a Russian one set up as the setup
	wizard would. A site with companies but no default is refused: which one is the department's is not
	the demo's guess."""
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	if company:
		if not frappe.db.get_value("Company", company, "default_holiday_list"):
			# a demo stopped half-way after the setup wizard's part: its working days
			year = getdate(today()).year
			first_year = (getdate(today()) - timedelta(days=31 * HISTORY_MONTHS)).year
			frappe.db.set_value(
				"Company", company, "default_holiday_list", russian_holiday_list(first_year, year)
			)
		return company
	if frappe.db.a_row_exists("Company"):
		frappe.throw(
			_(
				"This site has companies but no default one: choose the Default Company in Global Defaults, "
				"or make the demo on a new site"
			),
			title=_("No Default Company"),
			exc=DemoRefused,
		)
	set_up_russian_company(language)
	return frappe.db.get_single_value("Global Defaults", "default_company")


def set_up_russian_company(language: str | None) -> None:
	"""The setup wizard's work, done without a person: a company in roubles on Moscow time, its chart of
	accounts and this calendar year as its fiscal year, then a holiday list with Russia's public holidays."""
	year = getdate(today()).year
	# the demo's history reaches back a few months: into last year in the year's first months
	first_year = (getdate(today()) - timedelta(days=31 * HISTORY_MONTHS)).year
	result = setup_complete(
		{
			"language": frappe.db.get_value("Language", language or "en", "language_name") or "English",
			"country": "Russian Federation",
			"timezone": "Europe/Moscow",
			"currency": "RUB",
			"company_name": DEMO_COMPANY,
			"company_abbr": "DSL",
			"chart_of_accounts": "Standard",
			"fy_start_date": f"{year}-01-01",
			"fy_end_date": f"{year}-12-31",
			"setup_demo": 0,
		}
	)
	company = frappe.db.get_value("Company", {"company_name": DEMO_COMPANY})
	if not company or (result or {}).get("status") == "fail":
		frappe.throw(_("The site's company could not be set up: {0}").format((result or {}).get("fail")))
	for earlier in range(first_year, year):
		if not frappe.db.exists("Fiscal Year", str(earlier)):
			frappe.get_doc(
				{
					"doctype": "Fiscal Year",
					"year": str(earlier),
					"year_start_date": date(earlier, 1, 1),
					"year_end_date": date(earlier, 12, 31),
				}
			).insert(ignore_permissions=True)
	frappe.db.set_single_value("Global Defaults", "default_company", company)
	frappe.db.set_value("Company", company, "default_holiday_list", russian_holiday_list(first_year, year))
	frappe.clear_cache()


def russian_holiday_list(first_year: int, year: int) -> str:
	"""Weekends and Russia's public holidays of the years, as ERPNext's Holiday List fetches them."""
	name = f"{DEMO_COMPANY} {year}"
	if frappe.db.exists("Holiday List", name):
		return name
	holidays = frappe.get_doc(
		{
			"doctype": "Holiday List",
			"holiday_list_name": name,
			"from_date": date(first_year, 1, 1),
			"to_date": date(year, 12, 31),
			"country": "RU",
		}
	)
	for weekly_off in ("Saturday", "Sunday"):
		holidays.weekly_off = weekly_off
		holidays.get_weekly_off_dates()
	holidays.get_local_holidays()
	holidays.insert(ignore_permissions=True)
	return name


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
	plan = find_plan(node, period_type, day)
	if not plan:
		frappe.throw(_("{0} has no {1} plan for {2}").format(node, _(period_type), day))
	return plan


def find_plan(node: str, period_type: str, day: date):
	"""The node's plan of that type containing the day, if it has one."""
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
	return frappe.get_doc("Sales Plan", name) if name else None


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
		# last month was planned too (where it is in this quarter): its snapshot and review read a plan
		last_month = find_plan(group, "Month", month.period_start - timedelta(days=1))
		if last_month:
			as_person(users.head, add_activity_targets, last_month)
			act(users.head, last_month, "Submit for Approval")
			act(users.head, last_month, "Approve")
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
					done_activity(nodes[key], activity_type, party_type, party, when)
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


HISTORY_MONTHS = 3
# a rep's working day in the history: calls, a needs meeting or two, a proposal
HISTORY_DAY = (
	("Establish contact", 6),
	("Discover needs and risks", 2),
	("Prepare the technical proposal", 1),
)


def months_back(company: str, count: int) -> list:
	"""The `count` months before this one, oldest first."""
	months, day = [], get_period(company, getdate(today()), "Month").start
	for _month in range(count):
		month = get_period(company, day - timedelta(days=1), "Month")
		months.insert(0, month)
		day = month.start
	return months


def working_days_of(company: str, start: date, end: date) -> list[date]:
	days, day = [], start
	while day <= end:
		if is_working_day(company, day):
			days.append(day)
		day += timedelta(days=1)
	return days


def sell(
	company: str,
	customer: str,
	node: str,
	day: date,
	amount: float,
	contract: bool,
	partner: str | None = None,
) -> None:
	"""An invoice of the day (and the signed contract before it, where `contract`) for the rep's client."""
	defaults = frappe.get_cached_value(
		"Company",
		company,
		["default_receivable_account", "default_income_account", "cost_center", "default_currency"],
		as_dict=True,
	)
	line = {"item_code": demo_item(), "qty": 1, "rate": amount, "cost_center": defaults.cost_center}
	team = [{"sales_person": node, "allocated_percentage": 100}]
	if contract:
		order = frappe.get_doc(
			{
				"doctype": "Sales Order",
				"company": company,
				"customer": customer,
				"currency": defaults.default_currency,
				"conversion_rate": 1,
				"plc_conversion_rate": 1,
				"transaction_date": day,
				"delivery_date": add_days(day, 14),
				"items": [{**line, "delivery_date": add_days(day, 14)}],
				"sales_team": team,
				"sales_partner": partner,
			}
		).insert(ignore_permissions=True)
		order.submit()
	invoice = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"company": company,
			"customer": customer,
			"currency": defaults.default_currency,
			"conversion_rate": 1,
			"debit_to": defaults.default_receivable_account,
			"set_posting_time": 1,
			"posting_date": day,
			"due_date": add_days(day, 30),
			"items": [{**line, "income_account": defaults.default_income_account}],
			"sales_team": team,
			"sales_partner": partner,
		}
	).insert(ignore_permissions=True)
	invoice.submit()


def new_client(users, key: str, number: int) -> str:
	label = NODE_NAMES[key].replace("Demo ", "")
	return (
		frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": f"{label} New Client {number} LLC",
				"account_manager": users[key],
				"customer_type": "Company",
				"customer_group": frappe.db.get_value("Customer Group", {"is_group": 0})
				or "All Customer Groups",
				"territory": frappe.db.get_value("Territory", {"is_group": 0}) or "All Territories",
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def create_history(users, nodes, company: str, rng: random.Random) -> None:
	"""The last three months as the department lived them: each rep signed and invoiced his client's
	contract three months ago and invoices him every month, wins a new client a month since (its contract
	and first invoice, this month's too), and worked calls, meetings and proposals on three days a month;
	so that last month's snapshot, new clients and the headcount plan's measurement have figures."""
	months = months_back(company, HISTORY_MONTHS)
	parties_of = demo_parties(users)
	for key in (key for key, *_rest in PEOPLE if key.startswith("rep")):
		client = frappe.db.get_value("Customer", {"customer_name": client_name(key)})
		parties = parties_of[key]
		for index, month in enumerate(months):
			days = working_days_of(company, month.start, month.end)
			# a month has 15 working days (January) to 23: its days picked by share
			sell(
				company,
				client,
				nodes[key],
				days[len(days) // 8],
				rng.randrange(150, 450) * 1_000,
				contract=index == 0,
			)
			if index:
				sell(
					company,
					new_client(users, key, index),
					nodes[key],
					days[len(days) * 5 // 8],
					rng.randrange(100, 300) * 1_000,
					True,
				)
			for day in (days[len(days) // 6], days[len(days) // 2], days[len(days) * 5 // 6]):
				for activity_type, count in HISTORY_DAY:
					for number in range(count):
						when = datetime.combine(day, datetime.min.time()) + timedelta(hours=9 + number)
						party_type, party = rng.choice(parties)
						done_activity(nodes[key], activity_type, party_type, party, when)
		# this month's new client
		sell(
			company,
			new_client(users, key, len(months)),
			nodes[key],
			getdate(today()),
			rng.randrange(100, 300) * 1_000,
			True,
		)


def done_activity(node: str, activity_type: str, party_type: str, party: str, when: datetime) -> None:
	frappe.get_doc(
		{
			"doctype": "Sales Activity",
			"activity_type": activity_type,
			"subject": _(activity_type, lang=site_language()),
			"status": "Done",
			"sales_person": node,
			"party_type": party_type,
			"party": party,
			"planned_on": when,
			"done_at": when,
		}
	).insert(ignore_permissions=True)


def create_meetings(users, nodes, company: str) -> None:
	"""Two held client meetings with their protocols: rep A1's of last week, whose proposal is overdue, and
	rep B2's of the last working day; written up by their leads (a rep backdates his work two days only)."""
	days = last_working_days(company, 5)
	for key, day, agreements in (
		(
			"rep_a1",
			days[0],
			(("Send the technical proposal", 2), ("Agree the pilot's terms", 14)),
		),
		("rep_b2", days[-1], (("Send the reference list", 5),)),
	):
		customer = frappe.db.get_value("Customer", {"customer_name": client_name(key)})

		def hold(key=key, day=day, agreements=agreements, customer=customer):
			frappe.get_doc(
				{
					"doctype": "Sales Meeting",
					"subject": _("Needs of {0}", lang=site_language()).format(customer),
					"meeting_kind": "Client Meeting",
					"sales_person": nodes[key],
					"party_type": "Customer",
					"party": customer,
					"activity_type": "Discover needs and risks",
					"meeting_date": day,
					"start_time": "11:00:00",
					"place": "At the Client",
					"status": "Held",
					"discussion": _("Their plans for next year", lang=site_language()),
					"agenda": [{"topic": _("Their plans for next year", lang=site_language())}],
					"agreements": [
						{
							"description": _(description, lang=site_language()),
							"owner_user": users[key],
							"due_date": add_days(day, due_in),
						}
						for description, due_in in agreements
					],
				}
			).insert()

		as_person(users[LEADS[key]], hold)


def create_review_and_decision(users, nodes, company: str) -> None:
	"""Last month closed as the methodology closes it: its snapshot, the department's review submitted by
	the head to the director, and Lead A's corrective decision on his group's calls, approved by the head."""
	last_month = months_back(company, 1)[0]
	take_snapshot(company, "Month", last_month.start)
	create_period_reviews()
	review = frappe.db.get_value(
		"Period Review", {"sales_person": nodes.department, "period_start": last_month.start}
	)
	if review:

		def comment():
			doc = frappe.get_doc("Period Review", review)
			for row in doc.items:
				if row.is_behind:
					row.commentary = _("The group lost a week to the trade fair", lang=site_language())
			doc.save()
			return doc

		act(users.head, as_person(users.head, comment), "Submit to the Director")

	def decide():
		return frappe.get_doc(
			{
				"doctype": "Corrective Decision",
				"sales_person": nodes.group_a,
				"company": company,
				"period_start": last_month.start,
				"problem_kpi": "COLD_CALLS",
				"problem": _("The group called far less than planned", lang=site_language()),
				"decision_type": "Training",
				"decision": _("A call script workshop for the group", lang=site_language()),
				"target_kpi": "COLD_CALLS",
				"expected_value": MONTH_ACTIVITY_TARGETS["COLD_CALLS"],
			}
		).insert()

	decision = as_person(users.lead_a, decide)
	act(users.lead_a, decision, "Submit for Approval")
	act(users.head, decision, "Approve")


def create_strategies_and_requests(users, nodes) -> None:
	"""A cadence running on a target lead of rep A2 and of rep B2, and a request from the web form."""
	for key, cadence in (("rep_a2", "Intercept"), ("rep_b2", "Active Coverage")):
		lead = frappe.get_all("Lead", {"lead_owner": users[key]}, pluck="name", order_by="creation", limit=1)
		if lead and frappe.db.exists("Sales Cadence", cadence):
			as_person(users[key], start_cadence, cadence, "Lead", lead[0])
	frappe.get_doc(
		{
			"doctype": "Incoming Request",
			"full_name": "Irina Petrova",
			"company_name": "Volga Logistics LLC",
			"email": f"irina.petrova@{DEMO_DOMAIN}",
			"need": _("Forty trucks' worth of tracking, from next quarter", lang=site_language()),
			"consent": 1,
		}
	).insert(ignore_permissions=True)


def create_claims(users, company: str) -> None:
	"""Three claims of the clients: A1's registered three working days ago and never answered (past both
	deadlines: the hourly job has told his lead), A2's answered by a call and resolved the day after,
	which the client accepted, and B1's registered this morning."""
	sync_service_levels()  # the company and its holiday list came after the app's install
	days = last_working_days(company, 3)
	claims = (
		(
			"rep_a1",
			"Product Quality",
			days[0],
			_("The second batch of sensors fails calibration", lang=site_language()),
			None,
		),
		(
			"rep_a2",
			"Late or Short Delivery",
			days[-1],
			_("Two pallets short in the last delivery", lang=site_language()),
			"Resolved",
		),
		(
			"rep_b1",
			"Documents",
			getdate(today()),
			_("The act names the wrong contract", lang=site_language()),
			None,
		),
	)
	for key, category, day, subject, status in claims:
		at = datetime.combine(day, datetime.min.time()) + timedelta(hours=10)
		claim = as_person(
			users[key],
			lambda key=key, category=category, day=day, subject=subject, at=at: frappe.get_doc(
				{
					"doctype": "Issue",
					"subject": subject,
					"issue_type": CLAIM_ISSUE_TYPE,
					"customer": frappe.db.get_value("Customer", {"customer_name": client_name(key)}),
					"st_claim_category": category,
					"opening_date": day,
					"service_level_agreement_creation": at,
				}
			).insert(),
		)
		if status:
			answered = at + timedelta(hours=1)
			claim.append(
				"st_claim_steps",
				{
					"step": _("Called the client: the missing pallets go out tomorrow", lang=site_language()),
					"taken_on": answered,
				},
			)
			claim.status = status
			as_person(users[key], claim.save)
			claim.reload()
			claim.st_client_accepted = 1
			as_person(users[key], claim.save)
	escalate_overdue_claims()


def create_partner(users, nodes, company: str) -> None:
	"""A distributor of rep A1's, its agreement signed, its first joint order this month and its invoice,
	against its year's target."""
	months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
		"October", "November", "December"]  # fmt: skip
	if not frappe.db.exists("Monthly Distribution", "Even"):
		frappe.get_doc(
			{
				"doctype": "Monthly Distribution",
				"distribution_id": "Even",
				"percentages": [{"month": month, "percentage_allocation": 100 / 12} for month in months],
			}
		).insert(ignore_permissions=True)
	year = frappe.db.get_value(
		"Fiscal Year", {"year_start_date": ("<=", today()), "year_end_date": (">=", today())}
	)
	client = frappe.db.get_value("Customer", {"customer_name": client_name("rep_a1")})
	partner = as_person(
		users.head,
		lambda: frappe.get_doc(
			{
				"doctype": "Sales Partner",
				"partner_name": "Volga Distribution LLC",
				"territory": frappe.db.get_value("Territory", {"is_group": 0}) or "All Territories",
				"commission_rate": 5,
				"st_responsible_sales_person": nodes.rep_a1,
				"st_customer": client,
				"targets": [{"fiscal_year": year, "target_amount": 2_000_000, "distribution_id": "Even"}]
				if year
				else [],
			}
		).insert(),
	).name
	programme = frappe.get_doc("Partner Programme", {"sales_partner": partner})
	programme.steps[0].status = "Done"
	programme.steps[0].evidence = _("Agreement No. 14", lang=site_language())
	as_person(users.rep_a1, programme.save)
	sell(company, client, nodes.rep_a1, last_working_days(company, 1)[0], 180_000, True, partner)


def create_hospitality(users, nodes, company: str) -> None:
	"""The quarter's budgets of the department and group A; a dinner for A1's client approved by his lead
	and the head (above the threshold), a gift of A2's waiting for the lead."""
	for node, amount in ((nodes.department, 150_000), (nodes.group_a, 50_000)):
		as_person(
			users.head,
			lambda node=node, amount=amount: frappe.get_doc(
				{
					"doctype": "Hospitality Budget",
					"sales_person": node,
					"company": company,
					"period_type": "Quarter",
					"period_start": today(),
					"amount": amount,
				}
			).insert(),
		)
	for key, kind, amount, text in (
		("rep_a1", "Hospitality", 12_000, _("Dinner after the contract is signed", lang=site_language())),
		("rep_a2", "Gift", 4_000, _("New Year's gift for the director", lang=site_language())),
	):
		request = as_person(
			users[key],
			lambda key=key, kind=kind, amount=amount, text=text: frappe.get_doc(
				{
					"doctype": "Hospitality Request",
					"sales_person": nodes[key],
					"customer": frappe.db.get_value("Customer", {"customer_name": client_name(key)}),
					"kind": kind,
					"needed_on": today(),
					"amount": amount,
					"description": text,
				}
			).insert(),
		).name
		as_person(users[key], ask, request)
		if key == "rep_a1":
			as_person(users.lead_a, decide, request, "approve")
			as_person(users.head, decide, request, "approve")


def create_target_list(users, nodes) -> None:
	"""This month's list of metal works for group A, assigned by the head; A1 has called his first one."""
	companies = ("Ural Steel Works", "Severny Rolling Mill", "Kama Pipe Plant", "Volzhsky Foundry")
	target_list = as_person(
		users.head,
		lambda: frappe.get_doc(
			{
				"doctype": "Target List",
				"title": _("Metal works", lang=site_language()),
				"month": today(),
				"sales_person": nodes.group_a,
				"cadence": "Intercept" if frappe.db.exists("Sales Cadence", "Intercept") else None,
				"companies": [
					{"company_name": name, "city": "Yekaterinburg", "start_cadence": int(index == 0)}
					for index, name in enumerate(companies)
				],
			}
		).insert(),
	).name
	as_person(users.head, assign_list, target_list)
	first = frappe.get_doc("Target List", target_list).companies[0]
	done_activity(first.assigned_to, "Establish contact", "Lead", first.lead, now_datetime())


def create_new_rep_programme(users, nodes) -> None:
	"""Rep A3 joined four weeks ago: his programme half done (the exam failed once), some steps overdue;
	the others have worked here for years, so the programmes their joining the demo started are removed."""
	for key in ("rep_a1", "rep_a2", "rep_b1", "rep_b2", "rep_b3"):
		for name in frappe.get_all("Rep Programme", filters={"sales_person": nodes[key]}, pluck="name"):
			frappe.delete_doc("Rep Programme", name, ignore_permissions=True)
	name = frappe.db.get_value("Rep Programme", {"sales_person": nodes.rep_a3})
	if not name:
		return  # the settings start no programme

	def record(steps: dict[str, dict], start: str | None = None):
		doc = frappe.get_doc("Rep Programme", name)
		if start:
			doc.start_date = start
		for row in doc.steps:
			row.update(steps.get(row.step, {}))
		doc.save()

	done = {"status": "Done"}
	as_person(users.lead_a, record, {}, add_days(today(), -28))
	as_person(
		users.head,
		record,
		{
			_("Induction briefing by the head"): done,
			_("The company's story"): done,
			_("Exam after the training"): {"score": 55},
		},
	)
	as_person(users.rep_a3, record, {_("Self-study of the technology's documents and standards"): done})
	as_person(
		users.lead_a,
		record,
		{
			_("Adaptation on the first day"): done,
			_("How the work is done"): done,
			_("Training for the new rep"): done,
			_("Support talk after two weeks"): {
				"status": "Done",
				"notes": _(
					"Nervous on the phone; we listened to two of his calls together. Keep the script."
				),
			},
		},
	)


def create_rep_profiles(users, nodes) -> None:
	"""Lead A wrote rep A1's profile with him: a candidate for a lead position; rep A3's as he starts."""

	def write(rep: str, **values):
		frappe.get_doc(
			{"doctype": "Rep Profile", "sales_person": rep, "reviewed_on": today(), **values}
		).insert()

	as_person(
		users.lead_a,
		write,
		nodes.rep_a1,
		talent_pool=1,
		talent_notes=_("Leads the morning meeting when the lead is away"),
		strengths=_("Listens; remembers every client's story; closes large deals"),
		weaknesses=_("Puts off the second call"),
		referrals=1,
		pairing_on_closing=1,
		personal_threshold=1_500_000,
		personal_technology=_(
			"<p>Referrals first; a meeting within a week; closing together with the lead above 1.5 million</p>"
		),
	)
	as_person(
		users.lead_a,
		write,
		nodes.rep_a3,
		strengths=_("Not afraid of the phone"),
		weaknesses=_("Talks more than he asks"),
		cold_calls=1,
		letters_then_calls=1,
		personal_threshold=200_000,
	)


def create_standards(users, nodes) -> None:
	"""The head writes two standards of the library: the first call for everyone (opened from the first
	stage of the default funnel), objections for group A; two reps have confirmed the first call."""

	def write(title: str, content: str, applies_to: list[str]):
		doc = frappe.get_doc("Sales Standard", title)
		doc.content = content
		doc.keeper = users.head
		doc.enabled = 1
		doc.set("applies_to", [{"sales_person": node} for node in applies_to])
		doc.save()

	as_person(
		users.head,
		write,
		"The first call",
		_(
			"<p>Introduce yourself and the company in one sentence, ask for the decision maker by role, name the "
			"reason for the call, and book a meeting: two times to choose from.</p>"
		),
		[nodes.department],
	)
	as_person(
		users.head,
		write,
		"Answering objections",
		_(
			"<p>Agree with the feeling, ask what lies behind it, answer with a fact from a client like him.</p>"
		),
		[nodes.group_a],
	)
	funnel = default_funnel()
	first_stage = funnel_stages(funnel)[0].sales_stage
	playbook = frappe.db.get_value(
		"Sales Stage Playbook", {"sales_funnel": funnel, "sales_stage": first_stage}
	)
	if playbook:
		frappe.db.set_value("Sales Stage Playbook", playbook, "standard", "The first call")
	for key in ("rep_a1", "rep_b1"):
		as_person(users[key], confirm_read, "The first call")


def create_headcount_plans(users, nodes, company: str) -> None:
	"""The head's headcount plan for next quarter, measured from the department's last months, and a
	what-if beside it with a larger average deal."""
	next_quarter = get_period(company, getdate(today()), "Quarter").end + timedelta(days=1)

	def plan(title: str, **values):
		return frappe.get_doc(
			{
				"doctype": "Sales Headcount Plan",
				"title": title,
				"company": company,
				"sales_person": nodes.department,
				"period_type": "Quarter",
				"period_start": next_quarter,
				"revenue_from": "Typed",
				"revenue_target": YEAR_TARGETS["TURNOVER"] / 4,
				**values,
			}
		).insert()

	measured = as_person(users.head, plan, _("Next quarter, as measured", lang=site_language()))
	as_person(
		users.head,
		plan,
		_("Next quarter, deals a fifth larger", lang=site_language()),
		average_deal=round(measured.average_deal * 1.2, 2),
	)


# the setup the demo did: its onboarding steps are done
DONE_ONBOARDING_STEPS = (
	"Build the Sales Person Tree",
	"Give Users Their Role Profiles",
	"Write the Year Plan",
	"Distribute Plans Down the Cascade",
	"Set the Activity Norms",
)


def tick_onboarding() -> None:
	for step in DONE_ONBOARDING_STEPS:
		if frappe.db.exists("Onboarding Step", step):
			frappe.db.set_value("Onboarding Step", step, "is_complete", 1)
