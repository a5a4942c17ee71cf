"""Requests from the website (the Incoming Request web form): each becomes a Lead of the Incoming
category, or is linked to the lead or customer it duplicates, goes to a rep round-robin (among the reps
who are not away, under the request's territory or with targets for its product when the settings say
so) with a first-contact activity due within the settings' hours; one not contacted in time is flagged to
the rep's group lead."""

from __future__ import annotations

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.query_builder.functions import Max
from frappe.utils import add_to_date, cint, get_datetime, getdate, now_datetime, today

from sales_technology.core import incoming
from sales_technology.core.incoming import Request
from sales_technology.core.roles import SALES_HEAD, SALES_REP
from sales_technology.incoming.web_form import offered_choices
from sales_technology.shared.notices import notify_once
from sales_technology.shared.org_structure import group_leads_finder, users_by_sales_person, users_with_role
from sales_technology.shared.settings import get_settings
from sales_technology.shared.validation import SalesRuleError, enforce

INCOMING_CATEGORY = "Incoming"
FIRST_CONTACT_TYPE = "Establish contact"


class RequestRefused(SalesRuleError):
	pass


def validate_request(doc) -> None:
	"""A contact, the consent, and not too many requests from one address in an hour."""
	enforce(
		incoming.check_request,
		Request(doc.full_name, doc.email, doc.phone, bool(doc.consent)),
		exc=RequestRefused,
	)
	if not doc.is_new():
		return
	offered = offered_choices()
	doc.territory = enforce(
		incoming.chosen, doc.territory, offered["territory"], "region", exc=RequestRefused
	)
	doc.item_group = enforce(
		incoming.chosen, doc.item_group, offered["item_group"], "product", exc=RequestRefused
	)
	doc.received_at = now_datetime()
	doc.ip_address = guest_address()
	if doc.ip_address:
		sent = frappe.db.count(
			"Incoming Request",
			{"ip_address": doc.ip_address, "creation": (">", add_to_date(now_datetime(), hours=-1))},
		)
		enforce(
			incoming.check_rate, sent, cint(get_settings().incoming_requests_per_hour), exc=RequestRefused
		)


def guest_address() -> str | None:
	"""Frappe takes the leftmost X-Forwarded-For, which a client can write: count the site's own proxies
	instead (bench's nginx is one)."""
	request = getattr(frappe.local, "request", None)
	if request is None:
		return getattr(frappe.local, "request_ip", None)
	return incoming.client_address(
		request.headers.get("X-Forwarded-For"),
		request.remote_addr,
		cint(get_settings().incoming_trusted_proxies),
	)


def take_request(doc) -> None:
	"""The lead (or the client it duplicates), its rep and the first contact, right after the request is
	stored (the guest who sent it sees none of it)."""
	party = find_client(doc.email, doc.phone)
	if party:
		doc.party_type, doc.party = party
		doc.status = incoming.DUPLICATE
		sales_person = frappe.db.get_value(*party, "st_responsible_sales_person") or assign_rep(doc)
	else:
		sales_person = assign_rep(doc)
		doc.party_type, doc.party = "Lead", create_lead(doc, sales_person)
	doc.sales_person = sales_person
	doc.first_contact_due = incoming.first_contact_due(
		get_datetime(doc.received_at), cint(get_settings().incoming_first_contact_hours)
	)
	if sales_person:
		doc.first_activity = plan_first_contact(doc)
		tell_rep(doc)
	else:
		tell_heads(doc)
	doc.db_update()


def find_client(email: str | None, phone: str | None) -> tuple[str, str] | None:
	"""The customer, else the lead, with the same e-mail or phone (compared by its last ten digits: its
	punctuation varies)."""
	email, phone = incoming.email_key(email), incoming.phone_key(phone)
	for doctype, phone_fields in (("Customer", ("mobile_no",)), ("Lead", ("phone", "mobile_no"))):
		conditions, values = [], {"email": email, "phone": phone, "digits": incoming.PHONE_DIGITS}
		if email:
			conditions.append("lower(email_id) = %(email)s")
		if phone:
			conditions += [
				f"right(regexp_replace(ifnull(`{field}`, ''), '[^0-9]', ''), %(digits)s) = %(phone)s"
				for field in phone_fields
			]
		if not conditions:
			return None
		found = frappe.db.sql(
			f"select name from `tab{doctype}` where {' or '.join(conditions)} order by creation limit 1",
			values,
		)
		if found:
			return doctype, found[0][0]
	return None


def assign_rep(doc) -> str | None:
	"""The next rep by round-robin among those the settings' rule names for the request (all reps when it
	names none)."""
	reps = available_reps()
	candidates = [rep for rep in candidates_for(doc) if rep in reps] or reps
	if not candidates:
		return None
	request = frappe.qb.DocType("Incoming Request")
	last = dict(
		(
			frappe.qb.from_(request)
			.select(request.sales_person, Max(request.received_at))
			.where(request.sales_person.isin(candidates))
			.where(request.name != doc.name)
			.groupby(request.sales_person)
		).run()
	)
	return incoming.next_rep(candidates, last)


def available_reps() -> list[str]:
	"""The enabled reps (leaves of the tree whose user has the Sales Rep role) not away today, by name."""
	users = users_by_sales_person()
	rep_users = set(users.values()) & set(users_with_role(SALES_REP))
	day = getdate(today())
	reps = frappe.get_all(
		"Sales Person",
		filters={"is_group": 0, "enabled": 1, "name": ("in", list(users) or [""])},
		fields=["name", "employee", "st_away_until"],
		order_by="name",
	)
	away = employees_on_leave(day)
	return [
		rep.name
		for rep in reps
		if users[rep.name] in rep_users
		and not (rep.st_away_until and getdate(rep.st_away_until) >= day)
		and not (rep.employee and rep.employee in away)
	]


def employees_on_leave(day) -> set[str]:
	"""Employees on an approved leave today, where HRMS keeps leaves."""
	if not frappe.db.table_exists("Leave Application"):
		return set()
	return set(
		frappe.get_all(
			"Leave Application",
			filters={"docstatus": 1, "status": "Approved", "from_date": ("<=", day), "to_date": (">=", day)},
			pluck="employee",
		)
	)


def candidates_for(doc) -> list[str]:
	"""The reps the settings' rule names: under the manager of the request's territory (or the nearest
	territory above with one), or with targets for the request's product group (or a group above it)."""
	rule = get_settings().incoming_assignment_by
	if rule == "Territory" and doc.territory:
		manager = nearest_value("Territory", doc.territory, "territory_manager")
		return leaves_under([manager]) if manager else []
	if rule == "Product" and doc.item_group:
		groups = ancestors("Item Group", doc.item_group)
		nodes = frappe.get_all(
			"Target Detail",
			filters={"parenttype": "Sales Person", "item_group": ("in", groups)},
			pluck="parent",
			distinct=True,
		)
		return leaves_under(nodes)
	return []


def ancestors(doctype: str, name: str) -> list[str]:
	bounds = frappe.db.get_value(doctype, name, ["lft", "rgt"], as_dict=True)
	if not bounds:
		return [name]
	return frappe.get_all(
		doctype,
		filters={"lft": ("<=", bounds.lft), "rgt": (">=", bounds.rgt)},
		pluck="name",
		order_by="lft desc",
	)


def nearest_value(doctype: str, name: str, fieldname: str):
	"""The value of the node or of its nearest ancestor that has one, in one query."""
	bounds = frappe.db.get_value(doctype, name, ["lft", "rgt"], as_dict=True)
	if not bounds:
		return None
	values = frappe.get_all(
		doctype,
		filters={"lft": ("<=", bounds.lft), "rgt": (">=", bounds.rgt), fieldname: ("is", "set")},
		pluck=fieldname,
		order_by="lft desc",
		limit=1,
	)
	return values[0] if values else None


def leaves_under(nodes: list[str]) -> list[str]:
	if not nodes:
		return []
	person = frappe.qb.DocType("Sales Person")
	root = frappe.qb.DocType("Sales Person").as_("root")
	return (
		frappe.qb.from_(person)
		.join(root)
		.on((person.lft >= root.lft) & (person.rgt <= root.rgt))
		.select(person.name)
		.distinct()
		.where(root.name.isin(nodes))
		.where(person.is_group == 0)
		.orderby(person.name)
	).run(pluck=True)


@contextmanager
def no_gravatar_lookup():
	"""ERPNext's Lead asks gravatar.com for a picture of its e-mail (with a 5 s timeout) when it is made: not
	while a guest waits for his answer. Only the name ERPNext's Lead module calls is replaced, for this
	insert."""
	from erpnext.crm.doctype.lead import lead as lead_module

	lookup = lead_module.has_gravatar
	lead_module.has_gravatar = lambda email: ""
	try:
		yield
	finally:
		lead_module.has_gravatar = lookup


def create_lead(doc, sales_person: str | None) -> str:
	lead = frappe.get_doc(
		{
			"doctype": "Lead",
			"lead_name": doc.full_name,  # ERPNext splits it into first, middle and last names
			"company_name": doc.company_name,
			"email_id": (doc.email or "").strip() or None,
			"mobile_no": doc.phone,
			"territory": doc.territory,
			"st_client_category": INCOMING_CATEGORY,
			"st_responsible_sales_person": sales_person,
			"lead_owner": users_by_sales_person().get(sales_person) if sales_person else None,
		}
	)
	lead.flags.ignore_mandatory = True
	with no_gravatar_lookup():
		lead.insert(ignore_permissions=True)
	if doc.need:
		lead.add_comment("Comment", _("Incoming request {0}: {1}").format(doc.name, doc.need))
	return lead.name


def plan_first_contact(doc) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Sales Activity",
				"activity_type": FIRST_CONTACT_TYPE,
				"subject": _("Answer the incoming request {0}").format(doc.name),
				"status": "Planned",
				"planned_on": doc.first_contact_due,
				"sales_person": doc.sales_person,
				"party_type": doc.party_type,
				"party": doc.party,
				"direction": "Incoming",
				"notes": doc.need,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def tell_rep(doc) -> None:
	user = users_by_sales_person().get(doc.sales_person)
	if user:
		notify_once(
			user,
			f"incoming-request:{doc.name}",
			_("Incoming request {0} from {1}: answer by {2}").format(
				doc.name, doc.company_name or doc.full_name, frappe.format(doc.first_contact_due, "Datetime")
			),
			doc.need or "",
			doc.sales_person,
			document=("Incoming Request", doc.name),
		)


def tell_heads(doc) -> None:
	"""No rep could take the request (none is available): the heads assign it."""
	for user in users_with_role(SALES_HEAD):
		notify_once(
			user,
			f"incoming-request-unassigned:{doc.name}",
			_("Incoming request {0} from {1} found no available rep: assign it").format(
				doc.name, doc.company_name or doc.full_name
			),
			doc.need or "",
			"",
			document=("Incoming Request", doc.name),
		)


def activity_done(activity) -> None:
	"""The first contact done: the request is answered."""
	if activity.status != "Done":
		return
	frappe.db.set_value(
		"Incoming Request",
		{"first_activity": activity.name, "status": ("!=", incoming.CONTACTED)},
		"status",
		incoming.CONTACTED,
		update_modified=False,
	)


def flag_unanswered_requests() -> list[str]:
	"""Hourly: requests whose first contact is overdue go to the rep's group lead, once each."""
	request = frappe.qb.DocType("Incoming Request")
	activity = frappe.qb.DocType("Sales Activity")
	late = (
		frappe.qb.from_(request)
		.join(activity)
		.on(activity.name == request.first_activity)
		.select(
			request.name,
			request.sales_person,
			request.full_name,
			request.company_name,
			request.first_contact_due,
		)
		.where(activity.status != "Done")
		.where(request.first_contact_due < now_datetime())
		.where(request.flagged_on.isnull())
	).run(as_dict=True)
	leads_of = group_leads_finder()
	for row in late:
		for lead_user in leads_of(row.sales_person):
			notify_once(
				lead_user,
				f"incoming-request-late:{row.name}",
				_("Incoming request {0} from {1} is not answered: {2} was to contact them by {3}").format(
					row.name,
					row.company_name or row.full_name,
					row.sales_person,
					frappe.format(row.first_contact_due, "Datetime"),
				),
				"",
				row.sales_person,
				document=("Incoming Request", row.name),
			)
	if late:
		frappe.db.set_value(
			"Incoming Request",
			{"name": ("in", [row.name for row in late])},
			"flagged_on",
			today(),
			update_modified=False,
		)
	return [row.name for row in late]
