"""ERPNext's clients and deals under the Sales Person tree, by the registry's `CLIENT_RULES`: lists, link
searches and reports get one SQL condition, documents a verdict on the record as sent and as stored, and
what hangs on a client (its contacts and addresses) follows the client; its e-mails Frappe reads by
their reference's permission.

Whose a record is, is kept in one field by `shared.clients_and_deals`; here only who may read and change it
is decided. Users outside the sales tree, the General Director and the Sales Analyst get no condition.
"""

from __future__ import annotations

from dataclasses import dataclass

import frappe
from frappe import _

from sales_technology.core.access_rules import (
	CLIENT_RULES,
	HANGING_ON_CLIENTS,
	QUOTATION_PARTIES,
	changes_the_record,
)
from sales_technology.core.roles import SALES_HEAD, TREE_POSITIONS
from sales_technology.shared.access import READ_ALL_ROLES, ShareRefused, get_scope, nodes_condition
from sales_technology.shared.clients_and_deals import (
	client_sales_person,
	deal_sales_person,
	party_sales_person,
)
from sales_technology.shared.settings import get_settings

# the parties a contact, an address or an e-mail hangs on
CLIENT_PARTIES = ("Lead", "Prospect", "Customer", "Opportunity")


@dataclass(frozen=True)
class ClientScope:
	"""The Sales Persons whose clients the user reads and changes; `unowned`: the clients of nobody too."""

	nodes: frozenset[str]
	unowned: bool = False


def client_scope(user: str | None = None) -> ClientScope | None:
	"""None where the user reads every client as ERPNext lets him (outside the tree, above it, or the rule
	switched off)."""
	user = user or frappe.session.user
	if user == "Administrator" or not get_settings().clients_follow_the_tree:
		return None
	roles = set(frappe.get_roles(user))
	if roles & READ_ALL_ROLES or not roles & set(TREE_POSITIONS):
		return None
	scope = get_scope(user, see_above=False)
	return ClientScope(nodes=frozenset(scope.readable or ()), unowned=SALES_HEAD in roles)


# Lists, reports and link searches
# --------------------------------


def permission_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The permission_query_conditions hook of ERPNext's client doctypes (hooks.py lists them)."""
	scope = client_scope(user)
	if scope is None:
		return ""
	if doctype in CLIENT_RULES:
		return client_condition(doctype, scope)
	return hanging_condition(doctype, scope)


def client_condition(doctype: str, scope: ClientScope) -> str:
	rule = CLIENT_RULES[doctype]
	table = f"`tab{doctype}`"
	if rule.party_fields:
		type_field, name_field = rule.party_fields
		return "({})".format(
			" or ".join(
				f"({table}.`{type_field}` = {frappe.db.escape(party)} and {table}.`{name_field}` in "
				f"(select `tab{party}`.`name` from `tab{party}` where {client_condition(party, scope)}))"
				for party in QUOTATION_PARTIES
			)
		)
	parts = [nodes_condition(doctype, set(scope.nodes), rule.node_field)]
	if scope.unowned:
		parts.append(f"ifnull({table}.`{rule.node_field}`, '') = ''")
	if rule.shared_by_team and scope.nodes:
		nodes = ", ".join(frappe.db.escape(node) for node in sorted(scope.nodes))
		parts.append(
			f"({table}.`st_client_category` in (select `name` from `tabClient Category` where "
			f"`shared_by_sales_team` = 1) and {table}.`name` in (select `parent` from `tabSales Team` "
			f"where `parenttype` = {frappe.db.escape(doctype)} and `sales_person` in ({nodes})))"
		)
	return "({})".format(" or ".join(parts))


def readable_reference(doctype_column: str, name_column: str, scope: ClientScope) -> str:
	"""A (doctype, name) pair that points at a client the scope reads."""
	return " or ".join(
		f"({doctype_column} = {frappe.db.escape(party)} and {name_column} in "
		f"(select `tab{party}`.`name` from `tab{party}` where {client_condition(party, scope)}))"
		for party in CLIENT_PARTIES
	)


def hanging_condition(doctype: str, scope: ClientScope) -> str:
	"""A contact or an address: open unless it hangs only on clients the user does not read."""
	links = "`tabDynamic Link`"
	own = f"{links}.`parenttype` = {frappe.db.escape(doctype)} and {links}.`parent` = `tab{doctype}`.`name`"
	parties = ", ".join(frappe.db.escape(party) for party in CLIENT_PARTIES)
	readable = readable_reference(f"{links}.`link_doctype`", f"{links}.`link_name`", scope)
	return (
		f"(not exists (select 1 from {links} where {own} and {links}.`link_doctype` in ({parties})) or "
		f"exists (select 1 from {links} where {own} and ({links}.`link_doctype` not in ({parties}) or "
		f"{readable})))"
	)


# Single documents
# ----------------


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""The has_permission hook of ERPNext's client doctypes: deny what the line does not allow, on the
	record as sent and, for a change, as stored; defer to ERPNext's permissions otherwise (None)."""
	scope = client_scope(user)
	if scope is None:
		return None
	if doc.doctype in CLIENT_RULES:
		if not reads(record_nodes(doc), scope):
			return False
		if changes_the_record(ptype) and not doc.get("__islocal") and doc.get("name"):
			stored = stored_nodes(doc.doctype, doc.name)
			if stored is not None and not reads(stored, scope):
				return False
		return None
	if doc.doctype in HANGING_ON_CLIENTS:
		return None if hangs_on_readable(doc, scope) else False
	return None


def reads(nodes: set[str], scope: ClientScope) -> bool:
	if not nodes:
		return scope.unowned
	return bool(nodes & scope.nodes)


def record_nodes(doc) -> set[str]:
	"""Whose the record is, from what it holds: its kept Sales Person, or the rule's for a record the rule
	has not kept yet (a new one); a shared client's Sales Team too; a quotation its party's."""
	rule = CLIENT_RULES[doc.doctype]
	if rule.party_fields:
		type_field, name_field = rule.party_fields
		party_type, party = doc.get(type_field), doc.get(name_field)
		if party_type not in QUOTATION_PARTIES or not party:
			return set()
		return stored_nodes(party_type, party) or set()
	node = doc.get(rule.node_field)
	if doc.doctype == "Opportunity" and (doc.get("__islocal") or not node):
		node = deal_sales_person(doc)  # a new deal's is the rule's, never what was typed
	elif not node and rule.customer_field:
		node = party_sales_person("Customer", doc.get(rule.customer_field))
	elif not node:
		node = client_sales_person(doc)
	nodes = {node} if node else set()
	if rule.shared_by_team and doc.get("st_client_category") and is_shared_category(doc.st_client_category):
		nodes |= {row.sales_person for row in doc.get("sales_team") or [] if row.sales_person}
	return nodes


def stored_nodes(doctype: str, name: str) -> set[str] | None:
	"""Whose the stored record is; None where nothing is stored under that name."""
	rule = CLIENT_RULES[doctype]
	if rule.party_fields:
		values = frappe.db.get_value(doctype, name, list(rule.party_fields), as_dict=True)
		if values is None:
			return None
		party_type, party = (values[field] for field in rule.party_fields)
		if party_type not in QUOTATION_PARTIES or not party:
			return set()
		return stored_nodes(party_type, party) or set()
	fields = [rule.node_field, "st_client_category"] if rule.shared_by_team else [rule.node_field]
	values = frappe.db.get_value(doctype, name, fields, as_dict=True)
	if values is None:
		return None
	nodes = {values[rule.node_field]} if values[rule.node_field] else set()
	if rule.shared_by_team and values.st_client_category and is_shared_category(values.st_client_category):
		nodes |= set(
			frappe.get_all(
				"Sales Team", filters={"parenttype": doctype, "parent": name}, pluck="sales_person"
			)
		)
	return nodes


def is_shared_category(category: str) -> bool:
	return bool(frappe.get_cached_value("Client Category", category, "shared_by_sales_team"))


def readable_client(doctype: str | None, name: str | None, scope: ClientScope) -> bool | None:
	"""Whether the scope reads the client or deal a record points at; None where it points at none."""
	if doctype not in CLIENT_RULES or not name:
		return None
	nodes = stored_nodes(doctype, name)
	return True if nodes is None else reads(nodes, scope)


def hangs_on_readable(doc, scope: ClientScope) -> bool:
	links = [(row.link_doctype, row.link_name) for row in doc.get("links") or []]
	if not links or any(link_doctype not in CLIENT_PARTIES for link_doctype, _name in links):
		return True
	return any(readable_client(link_doctype, link_name, scope) for link_doctype, link_name in links)


# Sharing and telling
# -------------------


def refuse_share_outside_the_line(share, method: str | None = None) -> None:
	"""DocShare validate for a client or deal: shared (or assigned) only with who reads it anyway."""
	if share.share_doctype not in CLIENT_RULES or not get_settings().clients_follow_the_tree:
		return
	if not share.everyone:
		scope = client_scope(share.user)
		if scope is None or reads(stored_nodes(share.share_doctype, share.share_name) or set(), scope):
			return
	frappe.throw(
		_(
			"{0} {1} belongs to another line of the Sales Person tree: it cannot be shared with or assigned "
			"to {2}"
		).format(
			_(share.share_doctype),
			frappe.bold(share.share_name),
			frappe.bold(_("Everyone") if share.everyone else share.user),
		),
		title=_("Sharing Refused"),
		exc=ShareRefused,
	)


# the fields a client is known by, to tell a rep that the client he registers is someone else's
CLIENT_NAME_FIELDS = {
	"Lead": ("company_name", "email_id"),
	"Prospect": ("company_name",),
	"Customer": ("customer_name",),
}


def tell_of_client_in_another_line(doc, method: str | None = None) -> None:
	"""Lead, Prospect and Customer before_insert: a rep who registers a client that another line already
	works is told that it exists and whose it is, without being shown the record."""
	scope = client_scope()
	if scope is None:
		return
	names = {
		value.strip()
		for field in CLIENT_NAME_FIELDS[doc.doctype]
		if (value := doc.get(field)) and value.strip()
	}
	if not names:
		return
	owners = set()
	for doctype, fields in CLIENT_NAME_FIELDS.items():
		# the same condition the user's lists read, negated: one query per doctype for what he may not see
		matches = " or ".join(f"`tab{doctype}`.`{field}` in %(names)s" for field in fields)
		owners.update(
			node or _("nobody yet")
			for node in frappe.db.sql(
				f"""select `tab{doctype}`.`st_responsible_sales_person` from `tab{doctype}`
				where ({matches}) and not {client_condition(doctype, scope)}""",
				{"names": sorted(names)},
				pluck=True,
			)
		)
	if owners:
		frappe.msgprint(
			_(
				"A client named {0} is already registered: it belongs to {1}. Agree with your group lead before working it."
			).format(frappe.bold(", ".join(sorted(names))), frappe.bold(", ".join(sorted(owners)))),
			title=_("The Client Exists in Another Line"),
			indicator="orange",
		)
