"""How a deal ends (seed 002): the closing status every closed deal carries, the rep's request to close a
deal and the lead's consent to it, the postponed deals that come back into work on their day.

A rep (any user of the tree's positions who does not stand above the deal's node) closes a deal only
through a Deal Loss Request: ERPNext's own Declare Lost makes one for them, its Close is refused with
the way to ask. Users outside the sales roles, and the leads above the deal, close it as ERPNext does.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_days, cint, get_datetime, getdate, now_datetime, today

from sales_technology.core.deal_control import (
	APPROVED,
	DEFAULT_OUTCOME,
	LOST,
	OPPORTUNITY_STATUS,
	PENDING,
	POSTPONED,
	RETURNED,
	WITHDRAWN,
	ClosingRequest,
	check_decision,
	check_pending,
	check_request,
	closing_status_outcome,
	needs_consent,
)
from sales_technology.core.pipeline import CLOSED_STATUSES
from sales_technology.core.roles import SALES_HEAD, TREE_POSITIONS
from sales_technology.shared.access import MANAGE_ALL_ROLES, nodes_to_act_for
from sales_technology.shared.clients_and_deals import deal_sales_person
from sales_technology.shared.notices import notify_once
from sales_technology.shared.org_structure import (
	get_ancestors,
	get_sales_person,
	get_sales_person_user,
	group_leads_of,
	users_with_role,
)
from sales_technology.shared.settings import get_settings
from sales_technology.shared.validation import SalesRuleError, enforce


class ClosingRefused(SalesRuleError):
	"""A deal closed, or a request decided, against the rules of deal control."""


class ConsentRefused(ClosingRefused):
	"""A rep closing a deal without the lead's consent."""


def deal_node(doc) -> str | None:
	"""The Sales Person a deal belongs to, by the one rule (its owner's, else its party's, else its
	creator's), as its stage history, the reports and the KPIs count it: kept on the deal at every save,
	worked out only for a deal not yet saved under the rule."""
	return doc.get("st_responsible_sales_person") or deal_sales_person(doc)


def consent_needed(doc, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Administrator":
		return False
	node = deal_node(doc)
	return needs_consent(
		frappe.get_roles(user),
		TREE_POSITIONS,
		get_sales_person(user),
		node,
		get_ancestors(node) if node else [],
	)


def guard_closing(doc) -> None:
	"""Opportunity validate: a rep's deal leaves work as lost or closed only by a consented request. The
	deal is judged as stored too: rewriting its owner in the same save is no way round the consent."""
	if doc.status not in ("Lost", "Closed") or doc.flags.st_closing_consented or doc.is_new():
		return
	before = doc.get_doc_before_save()
	if before and before.status in CLOSED_STATUSES:
		return
	stored = frappe.db.get_value("Opportunity", doc.name, ["st_responsible_sales_person"], as_dict=True)
	if consent_needed(doc) or (stored and stored.st_responsible_sales_person and consent_needed(stored)):
		frappe.throw(
			_(
				"A deal is closed only with your group lead's consent: use Declare Lost or Ask to Close on the "
				"deal to send them your request"
			),
			exc=ConsentRefused,
		)


def guard_owner(doc) -> None:
	"""Opportunity validate: a rep or lead hands a deal only to someone of his own line (himself, or a rep
	he manages), so that no deal leaves the tree to be closed without consent."""
	if doc.is_new() or not doc.has_value_changed("opportunity_owner"):
		return
	user = frappe.session.user
	roles = set(frappe.get_roles(user))
	if user == "Administrator" or roles & MANAGE_ALL_ROLES or not roles & set(TREE_POSITIONS):
		return
	acting_for = nodes_to_act_for(user) or []
	new_node = get_sales_person(doc.opportunity_owner) if doc.opportunity_owner else None
	if new_node not in acting_for:
		frappe.throw(
			_("You can hand the deal {0} only to yourself or to a rep of your group").format(
				frappe.bold(doc.name)
			),
			exc=ClosingRefused,
		)


def default_closing_status(outcome: str) -> str | None:
	names = frappe.get_all(
		"Deal Closing Status",
		filters={"outcome": outcome, "enabled": 1},
		pluck="name",
		order_by="creation asc",
		limit=1,
	)
	return names[0] if names else None


def keep_closing_status(doc) -> None:
	"""Opportunity on_change: a closed deal carries a closing status of its outcome (the chosen one, else
	the default of its status); a deal back in work carries none, nor a day to come back to it."""
	chosen = doc.get("st_closing_status")
	chosen_outcome = frappe.db.get_value("Deal Closing Status", chosen, "outcome") if chosen else None
	outcome = closing_status_outcome(doc.status, chosen_outcome)
	wanted = chosen if outcome and outcome == chosen_outcome else None
	if outcome and not wanted:
		wanted = default_closing_status(outcome)
	revisit = doc.get("st_revisit_on") if outcome == POSTPONED else None
	if (wanted or None, revisit or None) != (chosen or None, doc.get("st_revisit_on") or None):
		doc.db_set({"st_closing_status": wanted, "st_revisit_on": revisit}, update_modified=False)


# The request
# -----------


def request_from(doc) -> ClosingRequest:
	return ClosingRequest(
		outcome=doc.outcome or frappe.db.get_value("Deal Closing Status", doc.closing_status, "outcome"),
		lost_reasons=tuple(row.lost_reason for row in doc.get("lost_reasons") or []),
		competitors=tuple(row.competitor for row in doc.get("competitors") or []),
		revisit_on=getdate(doc.revisit_on) if doc.revisit_on else None,
		comment=doc.comment or "",
	)


def validate_request(doc) -> None:
	"""Deal Loss Request validate: the deal's facts, what its outcome needs, one pending request a deal,
	and a status that only the decision changes."""
	deal = frappe.db.get_value(
		"Opportunity",
		doc.opportunity,
		[
			"status",
			"opportunity_owner",
			"owner",
			"opportunity_from",
			"st_responsible_sales_person",
			"customer_name",
			"party_name",
			"base_opportunity_amount",
			"company",
		],
		as_dict=True,
	)
	stored_request = (
		frappe.db.get_value(doc.doctype, doc.name, ["status", "opportunity", "sales_person"], as_dict=True)
		if not doc.is_new()
		else None
	)
	stored = stored_request.status if stored_request else None
	if stored_request and doc.opportunity != stored_request.opportunity:
		frappe.throw(_("A request stays with the deal it was made for"), exc=ClosingRefused)
	if stored_request:
		# whose request it is follows its deal, never the request's own fields
		doc.sales_person = stored_request.sales_person
	if stored and stored != PENDING:
		frappe.throw(
			_("The request is {0}: it is not changed any more").format(_(stored)), exc=ClosingRefused
		)
	if stored and doc.status != stored and not doc.flags.st_deciding:
		frappe.throw(_("A request is approved or sent back with its buttons"), exc=ClosingRefused)
	if doc.is_new():
		if deal.status in CLOSED_STATUSES:
			frappe.throw(
				_("The deal {0} is already closed").format(frappe.bold(doc.opportunity)), exc=ClosingRefused
			)
		doc.status = PENDING
		doc.requested_by = frappe.session.user
		doc.requested_on = now_datetime()
		doc.sales_person = deal_node(frappe._dict(deal))
		acting_for = nodes_to_act_for()
		in_line = acting_for is None or (doc.sales_person and doc.sales_person in acting_for)
		if not in_line or not frappe.has_permission("Opportunity", "write", doc.opportunity):
			frappe.throw(
				_("You cannot close the deal {0}").format(frappe.bold(doc.opportunity)), exc=ClosingRefused
			)
	doc.party_name = deal.customer_name or deal.party_name
	doc.amount = deal.base_opportunity_amount
	doc.company = deal.company
	doc.outcome = frappe.db.get_value("Deal Closing Status", doc.closing_status, "outcome")
	if doc.status == PENDING:
		enforce(check_request, request_from(doc), getdate(today()), exc=ClosingRefused)
		other = frappe.db.exists(
			"Deal Loss Request",
			{"opportunity": doc.opportunity, "status": PENDING, "name": ("!=", doc.name or "")},
		)
		if other:
			frappe.throw(
				_("The deal already waits for a decision on request {0}").format(frappe.bold(other)),
				exc=ClosingRefused,
			)


def after_request(doc) -> None:
	"""Deal Loss Request after_insert: the leads above the deal's rep are told there is a request."""

	for user in group_leads_of(doc.sales_person) if doc.sales_person else []:
		notify_once(
			user,
			f"loss-request:{doc.name}",
			_("{0} asks to close the deal {1} as {2}").format(
				frappe.utils.get_fullname(doc.requested_by),
				doc.party_name or doc.opportunity,
				_(doc.closing_status),
			),
			doc.comment or "",
			doc.sales_person,
			("Deal Loss Request", doc.name),
		)


@frappe.whitelist(methods=["POST"])
def ask_to_close(
	opportunity: str,
	closing_status: str,
	lost_reasons: list | str | None = None,
	competitors: list | str | None = None,
	revisit_on: str | None = None,
	comment: str | None = None,
) -> str:
	"""The form's Ask to Close (and ERPNext's Declare Lost, for a rep): the request, for the lead."""
	lost_reasons = frappe.parse_json(lost_reasons) or []
	competitors = frappe.parse_json(competitors) or []
	request = frappe.get_doc(
		{
			"doctype": "Deal Loss Request",
			"opportunity": opportunity,
			"closing_status": closing_status,
			"lost_reasons": [{"lost_reason": row.get("lost_reason")} for row in lost_reasons],
			"competitors": [{"competitor": row.get("competitor")} for row in competitors],
			"revisit_on": revisit_on,
			"comment": comment,
		}
	).insert()
	return request.name


def decide(name: str) -> frappe.model.document.Document:
	"""The request, after checking the user may decide on it now."""
	doc = frappe.get_doc("Deal Loss Request", name)
	doc.check_permission("read")
	enforce(check_pending, doc.status, exc=ClosingRefused)
	user = frappe.session.user
	enforce(
		check_decision,
		doc.requested_by,
		user,
		get_sales_person(user),
		get_ancestors(doc.sales_person) if doc.sales_person else [],
		user == "Administrator" or bool(set(frappe.get_roles(user)) & MANAGE_ALL_ROLES),
		exc=ClosingRefused,
	)
	return doc


@frappe.whitelist(methods=["POST"])
def approve(name: str) -> None:
	"""The lead consents: the deal closes as asked, and the request remembers who decided."""
	doc = decide(name)
	close_deal(doc)
	doc.flags.st_deciding = True
	doc.update({"status": APPROVED, "decided_by": frappe.session.user, "decided_on": now_datetime()})
	doc.save(ignore_permissions=True)
	tell_requester(
		doc,
		_("The deal {0} is closed as {1}").format(doc.party_name or doc.opportunity, _(doc.closing_status)),
	)


@frappe.whitelist(methods=["POST"])
def send_back(name: str, instruction: str) -> None:
	"""The lead refuses, saying what to do with the deal instead; it stays in work."""
	if not (instruction or "").strip():
		frappe.throw(_("Say what the rep should do with the deal instead"), exc=ClosingRefused)
	doc = decide(name)
	doc.flags.st_deciding = True
	doc.update(
		{
			"status": RETURNED,
			"decided_by": frappe.session.user,
			"decided_on": now_datetime(),
			"instruction": instruction,
		}
	)
	doc.save(ignore_permissions=True)
	tell_requester(
		doc, _("Keep working on the deal {0}: {1}").format(doc.party_name or doc.opportunity, instruction)
	)


@frappe.whitelist(methods=["POST"])
def withdraw(name: str) -> None:
	doc = frappe.get_doc("Deal Loss Request", name)
	enforce(check_pending, doc.status, exc=ClosingRefused)
	if doc.requested_by != frappe.session.user:
		frappe.throw(_("Only who asked withdraws a request"), exc=ClosingRefused)
	doc.flags.st_deciding = True
	doc.status = WITHDRAWN
	doc.save()


def tell_requester(doc, subject: str) -> None:

	notify_once(
		doc.requested_by,
		f"loss-request-decided:{doc.name}",
		subject,
		doc.instruction or "",
		doc.sales_person,
		("Deal Loss Request", doc.name),
	)


def close_deal(request) -> None:
	"""Close the deal as the request asks, through ERPNext's own ways of closing it."""
	deal = frappe.get_doc("Opportunity", request.opportunity)
	deal.flags.st_closing_consented = True
	deal.flags.ignore_permissions = True
	deal.st_closing_status = request.closing_status
	deal.st_revisit_on = request.revisit_on if request.outcome == POSTPONED else None
	if request.outcome == LOST:
		deal.declare_enquiry_lost(
			[{"lost_reason": row.lost_reason} for row in request.lost_reasons],
			[{"competitor": row.competitor} for row in request.competitors],
			request.comment,
		)
	else:
		deal.status = OPPORTUNITY_STATUS[request.outcome]
		deal.save()
	if request.outcome == POSTPONED:
		plan_revisit(deal, getdate(request.revisit_on), request.sales_person)


def plan_revisit(deal, day: date, sales_person: str | None) -> None:
	"""The postponed deal's owner finds the client in their plan on the day to come back to it."""
	if not sales_person:
		return
	activity_type = get_settings().revisit_activity_type
	if not activity_type:
		return
	frappe.get_doc(
		{
			"doctype": "Sales Activity",
			"subject": _("Come back to the postponed deal {0}").format(
				deal.customer_name or deal.party_name or deal.name
			),
			"activity_type": activity_type,
			"status": "Planned",
			"sales_person": sales_person,
			"planned_on": get_datetime(f"{day} 10:00:00"),
			"party_type": "Opportunity",
			"party": deal.name,
			"opportunity": deal.name,
		}
	).insert(ignore_permissions=True)


def reopen_postponed_deals(day: date | None = None) -> list[str]:
	"""Daily: the postponed deals whose day has come are back in work, and their owner is told."""

	day = getdate(day or today())
	postponed = frappe.get_all("Deal Closing Status", filters={"outcome": POSTPONED}, pluck="name")
	if not postponed:
		return []
	names = frappe.get_all(
		"Opportunity",
		filters={"status": "Closed", "st_closing_status": ("in", postponed), "st_revisit_on": ("<=", day)},
		pluck="name",
	)
	for name in names:
		deal = frappe.get_doc("Opportunity", name)
		deal.flags.ignore_permissions = True
		deal.status = "Open"
		deal.save()
		owner = deal.opportunity_owner or deal.owner
		notify_once(
			owner,
			f"deal-reopened:{name}:{day}",
			_("The postponed deal {0} is back in work today").format(
				deal.customer_name or deal.party_name or name
			),
			"",
			deal_node(deal) or "",
			("Opportunity", name),
		)
	return names


def flag_waiting_requests(day: date | None = None) -> list[str]:
	"""Daily: the requests that waited longer than the settings allow are shown to the Sales Heads above
	them, once each."""

	day = getdate(day or today())
	days = cint(get_settings().loss_request_days)
	waiting = frappe.get_all(
		"Deal Loss Request",
		filters={"status": PENDING, "requested_on": ("<", add_days(day, -days))},
		fields=["name", "sales_person", "party_name", "opportunity", "requested_on"],
	)
	heads = set(users_with_role(SALES_HEAD))
	for row in waiting:
		for node in get_ancestors(row.sales_person) if row.sales_person else []:
			try:
				user = get_sales_person_user(node)
			except frappe.ValidationError:
				continue
			if user in heads:
				notify_once(
					user,
					f"loss-request-waiting:{row.name}",
					_("The request to close the deal {0} waits for a decision since {1}").format(
						row.party_name or row.opportunity, frappe.format(getdate(row.requested_on), "Date")
					),
					"",
					row.sales_person,
					("Deal Loss Request", row.name),
				)
	return [row.name for row in waiting]


def backfill_closing_statuses() -> None:
	"""Deals closed before the app (or by an import): the default status of the outcome their Opportunity
	status means. Idempotent: runs on every migrate."""

	deal = frappe.qb.DocType("Opportunity")
	for status, outcome in DEFAULT_OUTCOME.items():
		name = default_closing_status(outcome)
		if name:
			(
				frappe.qb.update(deal)
				.set(deal.st_closing_status, name)
				.where(deal.status == status)
				.where(deal.st_closing_status.isnull())
			).run()


@frappe.whitelist()
def closing_state(opportunity: str) -> dict:
	"""What the deal's form shows: whether its user closes it by asking, and the request that waits or
	was last sent back."""
	doc = frappe.get_doc("Opportunity", opportunity)
	doc.check_permission("read")
	requests = frappe.get_all(
		"Deal Loss Request",
		filters={"opportunity": opportunity, "status": ("in", (PENDING, RETURNED))},
		fields=["name", "status", "closing_status", "instruction"],
		order_by="creation desc",
		limit=1,
	)
	last = requests[0] if requests else None
	if last and not frappe.has_permission("Deal Loss Request", "read", last.name):
		# the lead's instruction and the request are theirs who may read the request
		last = None
	return {
		"is_open": doc.status not in CLOSED_STATUSES,
		"needs_consent": consent_needed(doc),
		"pending": last if last and last.status == PENDING else None,
		"returned": last if last and last.status == RETURNED else None,
	}
