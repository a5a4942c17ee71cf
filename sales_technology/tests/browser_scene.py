"""Setting the scene for the browser tests (tier 3), run by them through `bench execute`: they act as the
people in Chromium; this only clears what an earlier run of the same test left, so that each run starts
from the same day."""

from __future__ import annotations

import frappe
from frappe.utils import today

from sales_technology.shared.org_structure import get_sales_person


def forget_today(user: str) -> dict:
	"""Remove the user's Day plan, daily report and self-logged activities of today."""
	node = get_sales_person(user)
	day = today()
	reports = frappe.get_all("Daily Sales Report", {"sales_person": node, "report_date": day}, pluck="name")
	for name in reports:
		remove(frappe.get_doc("Daily Sales Report", name))
	activities = frappe.get_all("Sales Activity", {"owner": user, "creation": (">=", day)}, pluck="name")
	for name in activities:
		frappe.delete_doc("Sales Activity", name, ignore_permissions=True, force=True)
	plans = frappe.get_all(
		"Sales Plan", {"sales_person": node, "period_type": "Day", "period_start": day}, pluck="name"
	)
	for name in plans:
		frappe.db.set_value("Sales Activity", {"day_plan": name}, "day_plan", None)
		remove(frappe.get_doc("Sales Plan", name))
	frappe.db.commit()
	return {"reports": reports, "activities": activities, "day_plans": plans}


def remove(doc) -> None:
	if doc.docstatus == 1:
		doc.flags.ignore_permissions = True
		doc.cancel()
	frappe.delete_doc(doc.doctype, doc.name, ignore_permissions=True, force=True)


KEY_CLIENT_MEETING = "Browser scene: needs of the key client"


def key_client_meeting(key: str) -> dict:
	"""A held meeting of the demo rep with his client, made a key client, with one agreement of ours:
	written by the rep himself; the scene's earlier meeting, its activity and task, and the rep's work of
	today go first."""
	from datetime import timedelta

	from frappe.utils import add_days, now_datetime

	from sales_technology.demo import client_name, email

	for name in frappe.get_all("Sales Meeting", {"subject": KEY_CLIENT_MEETING}, pluck="name"):
		frappe.db.delete("ToDo", {"reference_type": "Sales Meeting", "reference_name": name})
		for activity in frappe.get_all("Sales Activity", {"sales_meeting": name}, pluck="name"):
			frappe.delete_doc("Sales Activity", activity, ignore_permissions=True, force=True)
		frappe.delete_doc("Sales Meeting", name, ignore_permissions=True, force=True)
	user = email(key)
	forget_today(user)  # an earlier test's daily report closed today: the meeting is today's work
	customer = frappe.db.get_value("Customer", {"customer_name": client_name(key)})
	frappe.db.set_value("Customer", customer, "st_client_category", "Target")
	starts = now_datetime() - timedelta(hours=2)
	frappe.set_user(user)
	try:
		meeting = frappe.get_doc(
			{
				"doctype": "Sales Meeting",
				"subject": KEY_CLIENT_MEETING,
				"meeting_kind": "Client Meeting",
				"party_type": "Customer",
				"party": customer,
				"activity_type": "Discover needs and risks",
				"meeting_date": starts.date(),
				"start_time": starts.strftime("%H:%M:%S"),
				"place": "At the Client",
				"status": "Held",
				"discussion": "The plant's capacity next year",
				"agenda": [{"topic": "Their plans for next year", "goal": "Find the need"}],
				"agreements": [
					{
						"description": "Send the technical proposal",
						"owner_user": user,
						"due_date": add_days(starts.date(), 2),
					}
				],
			}
		).insert()
	finally:
		frappe.set_user("Administrator")
	frappe.db.commit()
	return {"meeting": meeting.name, "customer": customer}


BROWSER_DEAL = "Browser scene: a deal on the target list"


def deal_on_the_target_list(key: str) -> dict:
	"""A new deal of the demo rep on the default funnel's first stage, opened by the rep himself, so that
	its playbook's tasks are his; the scene's earlier deal goes first."""
	from sales_technology.demo import client_name, email

	for name in frappe.get_all("Opportunity", {"title": BROWSER_DEAL}, pluck="name"):
		frappe.db.delete("ToDo", {"reference_type": "Opportunity", "reference_name": name})
		frappe.db.delete("Deal Stage Change", {"opportunity": name})
		frappe.delete_doc("Opportunity", name, ignore_permissions=True, force=True)
	user = email(key)
	customer = frappe.db.get_value("Customer", {"customer_name": client_name(key)})
	frappe.set_user(user)
	try:
		deal = frappe.get_doc(
			{
				"doctype": "Opportunity",
				"title": BROWSER_DEAL,
				"opportunity_from": "Customer",
				"party_name": customer,
				"opportunity_owner": user,
				"company": frappe.defaults.get_global_default("company")
				or frappe.db.get_single_value("Global Defaults", "default_company"),
			}
		).insert()
	finally:
		frappe.set_user("Administrator")
	frappe.db.commit()
	return {"opportunity": deal.name, "stage": deal.sales_stage}


MATRIX_DEAL = "Browser scene: a deal for the client product matrix"


def client_product_deal(key: str) -> dict:
	"""A deal of the demo rep for his client with one product, on the meeting with the decision maker
	(the client is interested in that product), opened by the rep himself; the scene's earlier deal goes
	first."""
	from sales_technology.demo import client_name, email

	for name in frappe.get_all("Opportunity", {"title": MATRIX_DEAL}, pluck="name"):
		frappe.delete_doc("Opportunity", name, ignore_permissions=True, force=True)
	user = email(key)
	customer = frappe.db.get_value("Customer", {"customer_name": client_name(key)})
	item = product_the_client_never_bought()
	frappe.set_user(user)
	try:
		deal = frappe.get_doc(
			{
				"doctype": "Opportunity",
				"title": MATRIX_DEAL,
				"opportunity_from": "Customer",
				"party_name": customer,
				"opportunity_owner": user,
				"sales_stage": "Meeting with the decision maker",
				"company": frappe.db.get_single_value("Global Defaults", "default_company"),
				"items": [{"item_code": item, "qty": 1, "rate": 100}],
			}
		).insert()
	finally:
		frappe.set_user("Administrator")
	frappe.db.commit()
	return {
		"opportunity": deal.name,
		"customer": customer,
		"item_group": frappe.db.get_value("Item", item, "item_group"),
	}


MATRIX_PRODUCT_GROUP = "Browser Scene Sensors"


def product_the_client_never_bought() -> str:
	"""An item of a group of its own: the demo's clients buy the demo's consulting, so that a deal for this
	one shows the client interested, not sold."""
	from sales_technology.tests.factories import item_of_group

	return item_of_group(MATRIX_PRODUCT_GROUP)


CLOSING_DEAL = "Browser scene: a deal the client does not need"


def deal_to_close(key: str) -> dict:
	"""An open deal of the demo rep, opened by the rep himself, for him to ask to close; the scene's earlier
	deal, its requests and flags go first."""
	for name in frappe.get_all("Opportunity", {"title": CLOSING_DEAL}, pluck="name"):
		for request in frappe.get_all("Deal Loss Request", {"opportunity": name}, pluck="name"):
			frappe.delete_doc("Deal Loss Request", request, ignore_permissions=True, force=True)
	deal = reps_own_deal(key, CLOSING_DEAL)
	return {"opportunity": deal.name, "customer": deal.party_name}


def reps_own_deal(key: str, title: str, **values):
	"""A deal of the demo rep's client opened by the rep himself (the scene's earlier deal of that title
	goes first, with its tasks and stage history)."""
	from sales_technology.demo import client_name, email

	for name in frappe.get_all("Opportunity", {"title": title}, pluck="name"):
		frappe.db.delete("ToDo", {"reference_type": "Opportunity", "reference_name": name})
		frappe.db.delete("Deal Stage Change", {"opportunity": name})
		frappe.delete_doc("Opportunity", name, ignore_permissions=True, force=True)
	user = email(key)
	frappe.set_user(user)
	try:
		deal = frappe.get_doc(
			{
				"doctype": "Opportunity",
				"title": title,
				"opportunity_from": "Customer",
				"party_name": frappe.db.get_value("Customer", {"customer_name": client_name(key)}),
				"opportunity_owner": user,
				"company": frappe.db.get_single_value("Global Defaults", "default_company"),
				**values,
			}
		).insert()
	finally:
		frappe.set_user("Administrator")
	frappe.db.commit()
	return deal


BATTLE_RIVAL = "Browser Scene Rival"
BATTLE_DEAL = "Browser scene: a deal against a rival"


def deal_against_a_rival(key: str) -> dict:
	"""A deal of the demo rep that names a competitor marketing positioned us against."""
	if not frappe.db.exists("Competitor", BATTLE_RIVAL):
		frappe.get_doc({"doctype": "Competitor", "competitor_name": BATTLE_RIVAL}).insert(
			ignore_permissions=True
		)
	if not frappe.db.exists("Competitor Positioning", BATTLE_RIVAL):
		frappe.get_doc(
			{
				"doctype": "Competitor Positioning",
				"competitor": BATTLE_RIVAL,
				"summary": "They sell boxes; we run the whole project",
				"positions": [
					{
						"criterion": "Delivery time",
						"position_class": "Our Exclusive Strength",
						"ours": "Next working day",
						"theirs": "Two weeks",
					},
					{"criterion": "Price list in roubles", "position_class": "Shared Strength"},
				],
			}
		).insert(ignore_permissions=True)
	deal = reps_own_deal(key, BATTLE_DEAL, st_competing_with=[{"competitor": BATTLE_RIVAL}])
	return {"opportunity": deal.name, "competitor": BATTLE_RIVAL}


CADENCE_LEAD = "Browser Scene Target Plant"


def lead_for_a_cadence(key: str) -> dict:
	"""A target lead of the demo rep with no cadence yet (the scene's earlier runs and their steps go)."""
	from sales_technology.demo import NODE_NAMES

	for lead in frappe.get_all("Lead", {"company_name": CADENCE_LEAD}, pluck="name"):
		for run in frappe.get_all("Sales Cadence Run", {"party": lead}, pluck="name"):
			frappe.db.delete("Sales Activity", {"cadence_run": run})
			frappe.delete_doc("Sales Cadence Run", run, ignore_permissions=True, force=True)
		frappe.delete_doc("Lead", lead, ignore_permissions=True, force=True)
	lead = frappe.get_doc(
		{
			"doctype": "Lead",
			"lead_name": "Oleg Browser",
			"company_name": CADENCE_LEAD,
			"st_client_category": "Target",
			"st_responsible_sales_person": NODE_NAMES[key],
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return {"lead": lead.name}


def incoming_request_from(email: str) -> dict | None:
	"""What became of the guest's request: its client, rep and status."""
	return frappe.db.get_value(
		"Incoming Request",
		{"email": email},
		["name", "party_type", "party", "sales_person", "status", "first_activity"],
		as_dict=True,
	)


GUEST_DOMAIN = "guest.sales-technology.example.com"


def forget_guest_requests() -> None:
	"""The scene's earlier web requests, their leads and first contacts go: the guest's address (always
	127.0.0.1 here) would otherwise reach the hourly limit of requests over a few runs."""
	for request in frappe.get_all(
		"Incoming Request",
		{"email": ("like", f"%@{GUEST_DOMAIN}")},
		["name", "party_type", "party", "first_activity"],
	):
		if request.first_activity:
			frappe.db.delete("Sales Activity", {"name": request.first_activity})
		frappe.db.delete(
			"Notification Log", {"document_type": "Incoming Request", "document_name": request.name}
		)
		frappe.delete_doc("Incoming Request", request.name, ignore_permissions=True, force=True)
		if request.party_type == "Lead":
			frappe.delete_doc("Lead", request.party, ignore_permissions=True, force=True)
	frappe.db.commit()


FUNNEL_SCENE = "ST-BROWSER-FUNNEL"


def funnel_training_list(rep: str) -> dict:
	"""A month, three years back where the demo's history does not reach, in which the rep converts the
	first stage at 0 % after 100 % the month before: the funnel's training list names him. The scene's
	earlier steps and the trainings planned from it go first."""
	from datetime import datetime, timedelta

	from frappe.utils import add_months, get_first_day, get_last_day, getdate

	from sales_technology.deals.funnel_analysis import default_funnel, funnel_stages

	funnel = default_funnel()
	stage = funnel_stages(funnel)[0].sales_stage
	month = get_first_day(add_months(getdate(today()), -36))
	before = get_first_day(add_months(month, -1))
	for name in frappe.get_all("Sales Training", {"sent_from": month, "sales_stage": stage}, pluck="name"):
		for result in frappe.get_all("Sales Training Result", {"training": name}, pluck="name"):
			frappe.delete_doc("Sales Training Result", result, ignore_permissions=True, force=True)
		frappe.delete_doc("Sales Training", name, ignore_permissions=True, force=True)
	frappe.db.delete("Deal Stage Change", {"name": ("like", f"{FUNNEL_SCENE}-%")})
	steps = [(before, 1), (before + timedelta(days=3), 1), (month, 0), (month + timedelta(days=5), 0)]
	for n, (day, moved_on) in enumerate(steps):
		frappe.get_doc(
			{
				"doctype": "Deal Stage Change",
				"name": f"{FUNNEL_SCENE}-{n}",
				"opportunity": f"{FUNNEL_SCENE}-DEAL-{n}",
				"sales_funnel": funnel,
				"event": "Stage Changed",
				"sales_person": rep,
				"changed_at": datetime.combine(day, datetime.min.time()) + timedelta(hours=11),
				"to_stage": stage,
				"moved_on_later": moved_on,
			}
		).db_insert()
	frappe.db.commit()
	return {"from_date": str(month), "to_date": str(get_last_day(month)), "stage": stage, "rep": rep}
