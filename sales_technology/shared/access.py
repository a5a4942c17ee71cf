"""Row-level access by the Sales Person tree, for every doctype of the app, from one registry
(`core.access_rules.TREE_RULES`): list conditions, document permissions, the share guard, the child tables
and the reports' scope.

- System Manager and General Director: everything; Sales Analyst reads everything.
- Sales Head and Sales Group Lead: read their node's subtree (and, where the rule says so, the nodes above
  it); edit the subtree.
- Sales Rep: read their own node (and the nodes above it where the rule says so); edit their own work.

A write is judged twice: on the record as the request left it, and on the record as it is stored (Frappe
checks write permission after applying the new values), so nobody moves a record into their own line.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import frappe
from frappe import _

from sales_technology.core.access_rules import (
	CHILD_TABLE_PARENTS,
	COLLECTOR,
	MANAGED,
	MANAGED_ONLY,
	OWN_WORK,
	PLAN,
	READ_PTYPES,
	SHARED_CHILD_TABLES,
	TREE_RULES,
	TreeRule,
	changes_the_record,
)
from sales_technology.core.roles import (
	GENERAL_DIRECTOR,
	SALES_ANALYST,
	SALES_GROUP_LEAD,
	SALES_HEAD,
	SALES_REP,
)
from sales_technology.shared.org_structure import get_ancestors, get_sales_person, get_subtree

MANAGE_ALL_ROLES = {"System Manager", GENERAL_DIRECTOR}
READ_ALL_ROLES = MANAGE_ALL_ROLES | {SALES_ANALYST}
TREE_ROLES = {SALES_HEAD, SALES_GROUP_LEAD}
# who keeps the competitor intelligence of everyone
INTEL_KEEPER_ROLES = {SALES_ANALYST, SALES_HEAD, "System Manager"}


class NodeAccessError(frappe.PermissionError):
	pass


class ShareRefused(frappe.ValidationError):
	"""Sharing that would open a plan, activity or report to someone outside its line of the tree."""


@dataclass
class Scope:
	"""The nodes a user reads and manages; None means all of them."""

	readable: set[str] | None = field(default_factory=set)
	manageable: set[str] | None = field(default_factory=set)
	own_node: str | None = None
	rep_only: bool = False


# The scope, cached per request and per user
# ------------------------------------------

SCOPE_CACHE = "sales_technology.access.scope"


def _scope_cache() -> dict:
	"""Kept in Frappe's request cache, which `frappe.clear_cache` empties (roles changed); dropped too when
	the tree or a user mapping changes, and when the transaction is rolled back (tests)."""
	if not hasattr(frappe.local, "request_cache"):
		frappe.local.request_cache = defaultdict(dict)
	cache = frappe.local.request_cache[SCOPE_CACHE]
	if not cache and getattr(frappe.local, "db", None):
		frappe.db.after_rollback.add(forget_scopes)
	return cache


def forget_scopes(*args, **kwargs) -> None:
	"""Sales Person, Employee and User events: the tree or who works as whom changed."""
	if hasattr(frappe.local, "request_cache"):
		frappe.local.request_cache.pop(SCOPE_CACHE, None)


def get_scope(user: str | None = None, see_above: bool = True) -> Scope:
	"""`see_above`: whether the nodes above the user's own are readable (plans and norms: yes;
	activities and daily reports: no, they belong to who did the work)."""
	user = user or frappe.session.user
	cache = _scope_cache()
	key = (user, see_above)
	if key not in cache:
		cache[key] = _compute_scope(user, see_above)
	scope = cache[key]
	# a copy: callers may not change what the next check reads
	return Scope(
		readable=None if scope.readable is None else set(scope.readable),
		manageable=None if scope.manageable is None else set(scope.manageable),
		own_node=scope.own_node,
		rep_only=scope.rep_only,
	)


def _compute_scope(user: str, see_above: bool) -> Scope:
	roles = set(frappe.get_roles(user))
	own = get_sales_person(user)
	if user == "Administrator" or roles & MANAGE_ALL_ROLES:
		return Scope(readable=None, manageable=None, own_node=own)
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


# Lists, reports and link searches
# --------------------------------


def nodes_condition(doctype: str, nodes: set[str] | None, node_field: str = "sales_person") -> str:
	"""The one condition builder: SQL text (permission hooks return text), values escaped."""
	if nodes is None:
		return ""
	if not nodes:
		return "1=0"
	values = ", ".join(frappe.db.escape(node) for node in sorted(nodes))
	return f"`tab{doctype}`.`{node_field}` in ({values})"


def query_conditions(doctype: str, user: str | None = None, see_above: bool | None = None) -> str:
	"""SQL condition on the doctype's Sales Person for lists, reports and link searches."""
	rule = TREE_RULES[doctype]
	scope = get_scope(user, rule.see_above if see_above is None else see_above)
	nodes = scope.readable
	if rule.writes == MANAGED_ONLY and scope.readable is not None:
		nodes = scope.manageable
	condition = nodes_condition(doctype, nodes, rule.node_field)
	if condition and rule.concerned_readers:
		condition = f"({condition} or {concerned_condition(doctype, user or frappe.session.user)})"
	return condition


def concerned_condition(doctype: str, user: str) -> str:
	"""A meeting read by whom it concerns: its participants and the owners of its agreements."""
	user = frappe.db.escape(user)
	return (
		f"`tab{doctype}`.`name` in (select `parent` from `tabSales Meeting Participant` where "
		f"`parenttype` = {frappe.db.escape(doctype)} and `user` = {user} union select `parent` from "
		f"`tabSales Meeting Agreement` where `parenttype` = {frappe.db.escape(doctype)} and "
		f"`owner_user` = {user})"
	)


def permission_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The permission_query_conditions hook of every doctype in the registry (hooks.py lists them)."""
	if doctype in TREE_RULES:
		return query_conditions(doctype, user)
	if doctype in SHARED_CHILD_TABLES:
		parent = SHARED_CHILD_TABLES[doctype]
		condition = query_conditions(parent, user)
		if not condition:
			return ""
		return (
			f"(`tab{doctype}`.`parenttype` != {frappe.db.escape(parent)} or `tab{doctype}`.`parent` in "
			f"(select `tab{parent}`.`name` from `tab{parent}` where {condition}))"
		)
	parent = CHILD_TABLE_PARENTS[doctype]
	if parent is None:
		return ""
	condition = query_conditions(parent, user)
	if not condition:
		return ""
	return (
		f"`tab{doctype}`.`parenttype` = {frappe.db.escape(parent)} and `tab{doctype}`.`parent` in "
		f"(select `tab{parent}`.`name` from `tab{parent}` where {condition})"
	)


# Single documents
# ----------------


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""The has_permission hook of every doctype in the registry: deny what the tree does not allow, on the
	record as sent and, for a change, as stored; defer to role permissions otherwise (None)."""
	rule = TREE_RULES[doc.doctype]
	user = user or frappe.session.user
	if verdict(rule, doc, ptype, user) is False:
		return False
	if changes_the_record(ptype) and not doc.get("__islocal"):
		stored = stored_record(doc, rule)
		if stored is not None and verdict(rule, stored, ptype, user) is False:
			return False
	return None


def stored_record(doc, rule: TreeRule, with_readers: bool = False):
	"""What the database holds of the document: its node and what the rule reads besides (a meeting's
	participants and agreement owners only where reading is asked: they never decide a write)."""
	if not doc.get("name"):
		return None
	fields = {rule.node_field, "name", "docstatus"}
	if doc.doctype == "Sales Plan":
		fields |= {"period_type", "rep_may_edit"}
	if rule.writes == COLLECTOR:
		fields.add("owner")
	values = frappe.db.get_value(doc.doctype, doc.name, sorted(fields), as_dict=True)
	if values is None:
		return None
	values.doctype = doc.doctype
	if rule.concerned_readers and with_readers:
		values.participants = frappe.get_all(
			"Sales Meeting Participant",
			filters={"parent": doc.name, "parenttype": doc.doctype},
			fields=["user"],
		)
		values.agreements = frappe.get_all(
			"Sales Meeting Agreement",
			filters={"parent": doc.name, "parenttype": doc.doctype},
			fields=["owner_user"],
		)
	return values


def verdict(rule: TreeRule, doc, ptype: str | None, user: str) -> bool | None:
	"""False where the rule refuses; None where the role permissions decide."""
	if rule.writes == COLLECTOR:
		return collector_verdict(rule, doc, ptype, user)
	if rule.writes == PLAN:
		return has_plan_permission(doc, ptype, user)
	if rule.writes == MANAGED:
		return managed_verdict(rule, doc, ptype, user)
	if rule.writes == MANAGED_ONLY:
		return managed_only_verdict(doc, user)
	allowed = has_own_work_permission(doc, ptype, user)
	if (
		allowed is False
		and rule.concerned_readers
		and (ptype or "read") in READ_PTYPES
		and concerns(doc, user)
	):
		return None
	return allowed


def managed_verdict(rule: TreeRule, doc, ptype: str | None, user: str) -> bool | None:
	scope = get_scope(user, rule.see_above)
	node = doc.get(rule.node_field)
	if (ptype or "read") in READ_PTYPES:
		return None if scope.readable is None or node in scope.readable else False
	return None if scope.manageable is None or node in scope.manageable else False


def managed_only_verdict(doc, user: str) -> bool | None:
	if set(frappe.get_roles(user)) & READ_ALL_ROLES:
		return None
	scope = get_scope(user, see_above=False)
	return None if scope.readable is None or doc.get("sales_person") in (scope.manageable or set()) else False


def collector_verdict(rule: TreeRule, doc, ptype: str | None, user: str) -> bool | None:
	"""Every sales role reads all intel; a rep or lead changes only what they collected."""
	if (ptype or "read") in READ_PTYPES | {"create"}:
		return None
	if user == "Administrator" or set(frappe.get_roles(user)) & INTEL_KEEPER_ROLES:
		return None
	return None if user in {doc.get(rule.node_field), doc.get("owner")} else False


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
	"""Sales Plan: deny what the tree does not allow; defer to role permissions otherwise (None)."""
	scope = get_scope(user)
	if (ptype or "read") in READ_PTYPES:
		return None if scope.readable is None or doc.sales_person in scope.readable else False
	return None if can_edit_plan(doc, scope, ptype) else False


def has_own_work_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""Activities, daily reports and the like: a rep reads and edits their own; a lead or head their
	subtree."""
	scope = get_scope(user, see_above=False)
	if not doc.get("sales_person") and ptype == "create":
		return None  # the controller fills in the user's own Sales Person
	if (ptype or "read") in READ_PTYPES:
		return None if scope.readable is None or doc.get("sales_person") in scope.readable else False
	if scope.manageable is None or doc.get("sales_person") in scope.manageable:
		return None
	if scope.own_node and doc.get("sales_person") == scope.own_node:
		return None
	return False


def concerns(meeting, user: str) -> bool:
	return any(row.user == user for row in meeting.get("participants") or []) or any(
		row.owner_user == user for row in meeting.get("agreements") or []
	)


# Beyond a document's own permissions
# -----------------------------------


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
	rule = TREE_RULES.get(doc.share_doctype)
	if rule is None or not rule.bound_to_tree:
		return
	node = frappe.db.get_value(doc.share_doctype, doc.share_name, rule.node_field)
	if not doc.everyone and doc.user:
		stored = stored_record(
			frappe._dict(doctype=doc.share_doctype, name=doc.share_name), rule, with_readers=True
		)
		if stored is not None and verdict(rule, stored, "read", doc.user) is None:
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
