"""The library of standards: a standard's versions, the reps it asks to read it, their confirmations, and
who has not confirmed the present version (the report, the lead's card, the notices of a new version)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import now_datetime, today

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.standards import (
	CONFIRMED,
	covers,
	is_published,
	next_version,
	read_status,
)
from sales_technology.shared.access import NodeAccessError
from sales_technology.shared.notices import notify_once
from sales_technology.shared.org_structure import (
	get_sales_person,
	require_sales_person,
	users_by_sales_person,
)

STANDARD = "Sales Standard"
CONFIRMATION = "Standard Confirmation"


class StandardNotForYou(frappe.ValidationError):
	"""A confirmation of a standard that does not apply to the user, or has nothing to read yet."""


# The standard
# ------------


def validate_standard(doc, method: str | None = None) -> None:
	"""Its text or document changed: the next version, dated, and what changed said."""
	if doc.is_new():
		doc.version, doc.version_date = 1, today()
		return
	stored = frappe.db.get_value(
		STANDARD, doc.name, ["content", "document", "version", "version_note"], as_dict=True
	)
	changed = (stored.content or "") != (doc.content or "") or (stored.document or "") != (doc.document or "")
	# the first text of a title from the library is its first version
	revised = changed and is_published(stored.content, stored.document)
	doc.version = next_version(stored.version, revised)
	if changed:
		doc.version_date = today()
	note = (doc.version_note or "").strip()
	if revised and (not note or note == (stored.version_note or "").strip()):
		frappe.throw(
			_("Say what changed in version {0} of {1}: every rep it applies to reads it again").format(
				doc.version, frappe.bold(doc.standard_name)
			),
			title=_("What Changed"),
		)


def ask_to_read(doc, method: str | None = None) -> None:
	"""on_update: a standard with something to read asks each rep it applies to, once per version."""
	if not doc.enabled or not is_published(doc.content, doc.document):
		return
	confirmed = set(
		frappe.get_all(
			CONFIRMATION, filters={"standard": doc.name, "version": doc.version}, pluck="sales_person"
		)
	)
	users = users_by_sales_person()
	for rep in reps_reached(doc.name):
		if rep in confirmed or rep not in users:
			continue
		notify_once(
			users[rep],
			f"standard-read:{doc.name}:{doc.version}",
			_("Read and confirm: {0}, version {1}").format(doc.standard_name, doc.version),
			_("The standard {0} applies to you; read it and confirm that you have").format(doc.standard_name),
			rep,
			document=(STANDARD, doc.name),
		)


def applies_bounds(standards: list[str]) -> dict[str, list[tuple[int, int]]]:
	"""{standard: [(lft, rgt) of each node it applies to]} in one query."""
	group = frappe.qb.DocType("Sales Standard Group")
	person = frappe.qb.DocType("Sales Person")
	rows = (
		frappe.qb.from_(group)
		.join(person)
		.on(person.name == group.sales_person)
		.select(group.parent, person.lft, person.rgt)
		.where(group.parenttype == STANDARD)
		.where(group.parent.isin(standards))
	).run(as_dict=True)
	found: dict[str, list[tuple[int, int]]] = {name: [] for name in standards}
	for row in rows:
		found[row.parent].append((row.lft, row.rgt))
	return found


def reps_reached(standard: str) -> list[str]:
	"""The enabled reps (Sales Persons who are no group) the standard applies to."""
	bounds = applies_bounds([standard])[standard]
	reps = frappe.get_all(
		"Sales Person", filters={"is_group": 0, "enabled": 1}, fields=["name", "lft", "rgt"], order_by="lft"
	)
	return [rep.name for rep in reps if covers(bounds, (rep.lft, rep.rgt))]


# Confirming
# ----------


@frappe.whitelist()
def confirm_read(standard: str) -> dict:
	"""The user confirms he has read the standard's present version (once per version)."""
	frappe.has_permission(STANDARD, "read", standard, throw=True)
	rep = require_sales_person()
	doc = frappe.get_doc(STANDARD, standard)
	if not is_published(doc.content, doc.document) or not doc.enabled:
		frappe.throw(
			_("{0} has nothing to read yet").format(frappe.bold(doc.standard_name)), exc=StandardNotForYou
		)
	if rep not in reps_reached(standard):
		frappe.throw(
			_("{0} does not apply to you: it is for the reps of other groups").format(
				frappe.bold(doc.standard_name)
			),
			exc=StandardNotForYou,
		)
	existing = frappe.db.get_value(
		CONFIRMATION, {"standard": standard, "version": doc.version, "sales_person": rep}
	)
	if not existing:
		existing = (
			frappe.get_doc(
				{
					"doctype": CONFIRMATION,
					"standard": standard,
					"version": doc.version,
					"sales_person": rep,
					"user": frappe.session.user,
					"confirmed_on": now_datetime(),
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	return my_reading(standard)


@frappe.whitelist()
def my_reading(standard: str) -> dict:
	"""For the standard's form: its version, whether it asks the user to read it, and what he confirmed."""
	frappe.has_permission(STANDARD, "read", standard, throw=True)
	version, content, document, enabled = frappe.db.get_value(
		STANDARD, standard, ["version", "content", "document", "enabled"]
	)
	# the director, the analyst and whoever else is no Sales Person read it without being asked to confirm
	rep = get_sales_person()
	asks = bool(rep and enabled and is_published(content, document) and rep in reps_reached(standard))
	confirmed = frappe.get_all(
		CONFIRMATION,
		filters={"standard": standard, "sales_person": rep},
		fields=["version", "confirmed_on"],
		order_by="version desc",
	)
	return {
		"version": version,
		"asks": asks,
		"status": read_status(version, [row.version for row in confirmed]),
		"confirmed_on": next((row.confirmed_on for row in confirmed if row.version == version), None),
	}


# Who has not read what
# ---------------------


def reading_rows(sales_person: str | None = None, standard: str | None = None) -> list[dict]:
	"""Each published standard × each rep it applies to under the node (the user's own by default): his
	state of the present version and when he confirmed it."""
	nodes = report_nodes(sales_person)
	reps = [node for node in nodes if not node.is_group]
	filters = {"enabled": 1}
	if standard:
		filters["name"] = standard
	standards = [
		row
		for row in frappe.get_list(
			STANDARD,
			filters=filters,
			fields=["name", "standard_name", "version", "content", "document", "keeper"],
			order_by="standard_name",
		)
		if is_published(row.content, row.document)
	]
	if not standards or not reps:
		return []
	names = [row.name for row in standards]
	bounds = applies_bounds(names)
	confirmations: dict[tuple[str, str], dict[int, object]] = {}
	for row in frappe.get_all(
		CONFIRMATION,
		filters={"standard": ("in", names), "sales_person": ("in", [rep.name for rep in reps])},
		fields=["standard", "sales_person", "version", "confirmed_on"],
	):
		confirmations.setdefault((row.standard, row.sales_person), {})[row.version] = row.confirmed_on
	rows = []
	for doc in standards:
		for rep in reps:
			if not covers(bounds[doc.name], (rep.lft, rep.rgt)):
				continue
			confirmed = confirmations.get((doc.name, rep.name), {})
			status = read_status(doc.version, confirmed)
			rows.append(
				{
					"standard": doc.name,
					"version": doc.version,
					"sales_person": rep.name,
					"group": rep.parent_sales_person,
					"status": status,
					"confirmed_on": confirmed.get(doc.version),
					"last_confirmed_version": max(confirmed) if confirmed else None,
				}
			)
	return rows


@frappe.whitelist()
@frappe.read_only()  # a replica answers where the site has one
def standards_not_confirmed(filters: str | None = None) -> dict:
	"""Number card: the (rep, standard) pairs under the user whose present version is not confirmed."""
	try:
		rows = reading_rows()
	except NodeAccessError:  # nobody on the tree, who reads nothing of it
		rows = []
	return {"value": sum(1 for row in rows if row["status"] != CONFIRMED), "fieldtype": "Int"}
