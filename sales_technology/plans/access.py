"""Row-level access by the Sales Person tree, for plans and everything that belongs to a plan's node.

- System Manager and General Director: everything; Sales Analyst reads everything.
- Sales Head and Sales Group Lead: read their node's subtree and the nodes above it; edit the subtree.
- Sales Rep: read their own node and the nodes above it; edit only their own drafts of Day plans
  (and of Week plans their lead opened to them with "Rep May Edit").
The same rules hold in lists, reports and link searches (query conditions) and on single documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import frappe
from frappe import _

from sales_technology.org_structure import get_ancestors, get_sales_person, get_subtree
from sales_technology.core.roles import (
	GENERAL_DIRECTOR,
	SALES_ANALYST,
	SALES_GROUP_LEAD,
	SALES_HEAD,
	SALES_REP,
)

MANAGE_ALL_ROLES = {"System Manager", GENERAL_DIRECTOR}
READ_ALL_ROLES = MANAGE_ALL_ROLES | {SALES_ANALYST}
TREE_ROLES = {SALES_HEAD, SALES_GROUP_LEAD}
READ_PTYPES = {"read", "select", "print", "email", "report", "export", "share"}


class NodeAccessError(frappe.PermissionError):
	pass


class ShareRefused(frappe.ValidationError):
	"""Sharing that would open a plan, activity or report to someone outside its line of the tree."""


# the doctypes bound to the tree: whether the nodes above the user's own are readable there
TREE_DOCTYPES = {
	"Sales Plan": True,
	"Plan Correction": True,
	"Sales Norm": True,
	"KPI Snapshot": True,
	"Sales Activity": False,
	"Daily Sales Report": False,
	"Sales Meeting": False,
	"Corrective Decision": True,
	"Period Review": False,
	"Deal Stage Change": False,
	"Deal Loss Request": False,
	"Stale Deal": False,
	"Sales Forecast Snapshot": False,
	"Sales Headcount Plan": False,
}


@dataclass
class Scope:
	"""The nodes a user reads and manages; None means all of them."""

	readable: set[str] | None = field(default_factory=set)
	manageable: set[str] | None = field(default_factory=set)
	own_node: str | None = None
	rep_only: bool = False


def get_scope(user: str | None = None, see_above: bool = True) -> Scope:
	"""`see_above`: whether the nodes above the user's own are readable (plans and norms: yes;
	activities and daily reports: no, they belong to who did the work)."""
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	if user == "Administrator" or roles & MANAGE_ALL_ROLES:
		return Scope(readable=None, manageable=None, own_node=get_sales_person(user))
	own = get_sales_person(user)
	read_all = bool(roles & READ_ALL_ROLES)
	if not own:
		return Scope(readable=None if read_all else set(), manageable=set())
	above = set(get_ancestors(own)) if see_above else set()
	if roles & TREE_ROLES:
		subtree = set(get_subtree(own))
		return Scope(readable=None if read_all else subtree | above, manageable=subtree, own_node=own)
	if SALES_REP in roles:
		return Scope(
			readable=None if read_all else {own} | above, manageable=set(), own_node=own, rep_only=True
		)
	return Scope(readable=None if read_all else set(), manageable=set(), own_node=own)


def query_conditions(doctype: str, user: str | None = None, see_above: bool = True) -> str:
	"""SQL condition on `tab<doctype>`.sales_person for lists, reports and link searches."""
	scope = get_scope(user, see_above)
	if scope.readable is None:
		return ""
	if not scope.readable:
		return "1=0"
	nodes = ", ".join(frappe.db.escape(node) for node in sorted(scope.readable))
	return f"`tab{doctype}`.`sales_person` in ({nodes})"


def sales_plan_query_conditions(user: str | None = None) -> str:
	return query_conditions("Sales Plan", user)


def plan_correction_query_conditions(user: str | None = None) -> str:
	return query_conditions("Plan Correction", user)


def sales_norm_query_conditions(user: str | None = None) -> str:
	return query_conditions("Sales Norm", user)


def corrective_decision_query_conditions(user: str | None = None) -> str:
	return query_conditions("Corrective Decision", user)


def period_review_query_conditions(user: str | None = None) -> str:
	"""A department's review shows every group's figures: the head and the director read it, not the
	leads below; a group's own review is its lead's."""
	return query_conditions("Period Review", user, see_above=False)


def deal_stage_change_query_conditions(user: str | None = None) -> str:
	"""A deal's history is its owner's work: the rep, his lead, the head, the director."""
	return query_conditions("Deal Stage Change", user, see_above=False)


def deal_loss_request_query_conditions(user: str | None = None) -> str:
	return query_conditions("Deal Loss Request", user, see_above=False)


def stale_deal_query_conditions(user: str | None = None) -> str:
	return query_conditions("Stale Deal", user, see_above=False)


def cadence_run_query_conditions(user: str | None = None) -> str:
	return query_conditions("Sales Cadence Run", user, see_above=False)


def incoming_request_query_conditions(user: str | None = None) -> str:
	return query_conditions("Incoming Request", user, see_above=False)


def forecast_snapshot_query_conditions(user: str | None = None) -> str:
	return query_conditions("Sales Forecast Snapshot", user, see_above=False)


def kpi_snapshot_query_conditions(user: str | None = None) -> str:
	return query_conditions("KPI Snapshot", user)


def sales_activity_query_conditions(user: str | None = None) -> str:
	return query_conditions("Sales Activity", user, see_above=False)


def daily_sales_report_query_conditions(user: str | None = None) -> str:
	return query_conditions("Daily Sales Report", user, see_above=False)


def sales_meeting_query_conditions(user: str | None = None) -> str:
	"""A meeting is read along the tree like the rep's work, and by whom it concerns: its participants
	and the owners of its agreements (a rep at the group's morning meeting, a colleague given a task)."""
	condition = query_conditions("Sales Meeting", user, see_above=False)
	if not condition:
		return ""
	user = frappe.db.escape(user or frappe.session.user)
	concerned = (
		"`tabSales Meeting`.`name` in (select `parent` from `tabSales Meeting Participant` where "
		f"`parenttype` = 'Sales Meeting' and `user` = {user} union select `parent` from "
		f"`tabSales Meeting Agreement` where `parenttype` = 'Sales Meeting' and `owner_user` = {user})"
	)
	return f"({condition} or {concerned})"


def concerns(meeting, user: str) -> bool:
	return any(row.user == user for row in meeting.get("participants") or []) or any(
		row.owner_user == user for row in meeting.get("agreements") or []
	)


def has_meeting_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""The rep's own work rule, and reading for its participants and agreement owners."""
	allowed = has_own_work_permission(doc, ptype, user, debug)
	if allowed is False and (ptype or "read") in READ_PTYPES and concerns(doc, user or frappe.session.user):
		return None
	return allowed


# every child table of the app, with its parent and whether the nodes above the user's are readable there
CHILD_TABLE_PARENTS = {
	"Sales Plan Target": ("Sales Plan", True),
	"Sales Plan Correction Log": ("Sales Plan", True),
	"Plan Correction Item": ("Plan Correction", True),
	"Daily Sales Report Item": ("Daily Sales Report", False),
	"Sales Meeting Agenda Item": ("Sales Meeting", False),
	"Sales Meeting Participant": ("Sales Meeting", False),
	"Sales Meeting Agreement": ("Sales Meeting", False),
	"Sales Meeting Result": ("Sales Meeting", False),
	"Period Review Item": ("Period Review", False),
	"Period Review Decision": ("Period Review", False),
	# not bound to the tree: every sales role reads the funnels (their role permissions decide)
	"Sales Funnel Stage": ("Sales Funnel", None),
	"Sales Stage Playbook Task": ("Sales Stage Playbook", None),
	"Sales Main KPI": ("Sales Technology Settings", None),
	"Sales Headcount Plan Segment": ("Sales Headcount Plan", False),
	# competitor intelligence is read by every sales role
	"Competitor Checklist Question": ("Competitor Checklist", None),
	"Competitor Intel Answer": ("Competitor Intel", None),
	"Competitor Positioning Row": ("Competitor Positioning", None),
	# the cadences are read by every sales role; a run's steps follow the run
	"Sales Cadence Step": ("Sales Cadence", None),
	"Sales Cadence Run Step": ("Sales Cadence Run", False),
}


def child_table_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Rows of a child table only of parents the user may read: the tree's rule holds when a child table
	is listed on its own (`frappe.client.get_list` with `parent_doctype`, report views)."""
	parent, see_above = CHILD_TABLE_PARENTS[doctype]
	if see_above is None:
		return ""
	if parent == "Sales Meeting":
		condition = sales_meeting_query_conditions(user)
	else:
		condition = query_conditions(parent, user, see_above)
	if not condition:
		return ""
	return (
		f"`tab{doctype}`.`parenttype` = {frappe.db.escape(parent)} and `tab{doctype}`.`parent` in "
		f"(select `tab{parent}`.`name` from `tab{parent}` where {condition})"
	)


def can_edit_plan(doc, scope: Scope, ptype: str) -> bool:
	if scope.manageable is None or doc.sales_person in scope.manageable:
		return True
	if not (scope.rep_only and doc.sales_person == scope.own_node):
		return False
	# while a draft is being confirmed it already says submitted: ask the database what it was
	stored = frappe.db.get_value(doc.doctype, doc.name, "docstatus") if doc.get("name") else 0
	if stored:
		return False
	if doc.period_type == "Day":
		return True
	return doc.period_type == "Week" and bool(doc.get("rep_may_edit")) and ptype != "submit"


def has_plan_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""Deny what the tree does not allow; defer to role permissions otherwise (None)."""
	scope = get_scope(user)
	if (ptype or "read") in READ_PTYPES:
		return None if scope.readable is None or doc.sales_person in scope.readable else False
	if doc.doctype == "Sales Plan":
		return None if can_edit_plan(doc, scope, ptype) else False
	return None if scope.manageable is None or doc.sales_person in scope.manageable else False


def check_can_manage(sales_person: str, user: str | None = None) -> None:
	"""For actions beyond a document's own permissions, such as distributing a plan to a team."""
	scope = get_scope(user)
	if scope.manageable is None or sales_person in scope.manageable:
		return
	frappe.throw(
		_("You cannot manage the plans of {0}: it is not in your part of the Sales Person tree").format(
			frappe.bold(sales_person)
		),
		exc=NodeAccessError,
	)


def has_own_work_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""Activities and daily reports: a rep reads and edits their own; a lead or head their subtree."""
	scope = get_scope(user, see_above=False)
	if not doc.get("sales_person") and ptype == "create":
		return None  # the controller fills in the user's own Sales Person
	if (ptype or "read") in READ_PTYPES:
		return None if scope.readable is None or doc.sales_person in scope.readable else False
	if scope.manageable is None or doc.sales_person in scope.manageable:
		return None
	if scope.own_node and doc.sales_person == scope.own_node:
		return None
	return False


def nodes_to_act_for(user: str | None = None) -> list[str] | None:
	"""The Sales Persons the user may log work for: their own node and the nodes they manage (None: all)."""
	scope = get_scope(user, see_above=False)
	if scope.manageable is None:
		return None
	return sorted(scope.manageable | ({scope.own_node} if scope.own_node else set()))


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def sales_person_query(doctype, txt, searchfield, start, page_len, filters):
	"""Link search for the Sales Person of an activity or a daily report: only whom the user acts for."""
	table = frappe.qb.DocType("Sales Person")
	query = (
		frappe.qb.from_(table)
		.select(table.name)
		.where(table.enabled == 1)
		.where(table.name.like(f"%{txt}%"))
		.orderby(table.lft)
		.limit(page_len)
		.offset(start)
	)
	nodes = nodes_to_act_for()
	if nodes is not None:
		if not nodes:
			return []
		query = query.where(table.name.isin(nodes))
	return query.run()


@frappe.whitelist()
def my_sales_person() -> str | None:
	"""The form's default Sales Person: the user's own."""
	return get_sales_person()


def validate_share(doc, method=None) -> None:
	"""DocShare: a document bound to the tree is shared only with users who may read it anyway (sharing
	adds rights such as write or notify, never sight of another line's plans or work)."""
	if doc.share_doctype not in TREE_DOCTYPES:
		return
	node = frappe.db.get_value(doc.share_doctype, doc.share_name, "sales_person")
	if not doc.everyone and doc.user:
		readable = get_scope(doc.user, see_above=TREE_DOCTYPES[doc.share_doctype]).readable
		if readable is None or node in readable:
			return
	frappe.throw(
		_(
			"{0} {1} belongs to {2}: it cannot be shared with {3}, who stands outside that part of the Sales "
			"Person tree"
		).format(
			_(doc.share_doctype),
			frappe.bold(doc.share_name),
			frappe.bold(node),
			frappe.bold(_("Everyone") if doc.everyone else doc.user),
		),
		title=_("Sharing Refused"),
		exc=ShareRefused,
	)
