"""Books and articles: the lead assigns one to a rep (the weekly article to his whole group in one click),
the rep hands in his summary, the lead attests it; the state moves only by these steps."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

from sales_technology.core.reading import ASSIGNED, attest, default_deadline, hand_in
from sales_technology.people.relation import relation_to
from sales_technology.shared.access import get_scope
from sales_technology.shared.validation import enforce

ASSIGNMENT = "Reading Assignment"
# what only the steps below change, whoever saves the form
STEP_FIELDS = ("status", "lead_comment", "attested_by", "attested_on", "assigned_by")
# what only who manages the rep changes
MANAGED_FIELDS = ("sales_person", "book", "deadline")


class ReadingRefused(frappe.ValidationError):
	"""A change to an assignment by someone it is not for."""


def validate_assignment(doc, method: str | None = None) -> None:
	if doc.is_new():
		doc.status, doc.assigned_by = ASSIGNED, frappe.session.user
		doc.lead_comment = doc.attested_by = doc.attested_on = None
		kind = frappe.db.get_value("Sales Book", doc.book, "kind")
		doc.deadline = doc.deadline or default_deadline(kind, getdate(today()))
		return
	if doc.flags.st_reading_step:
		return
	stored = frappe.db.get_value(
		ASSIGNMENT, doc.name, [*STEP_FIELDS, *MANAGED_FIELDS, "summary"], as_dict=True
	)
	if any(str(doc.get(field) or "") != str(stored.get(field) or "") for field in STEP_FIELDS):
		refuse(_("An assignment's state changes by handing in the summary or attesting it"))
	relation = relation_to(doc.sales_person, frappe.session.user)
	if relation != "manager" and any(
		str(doc.get(field) or "") != str(stored.get(field) or "") for field in MANAGED_FIELDS
	):
		refuse(_("Only the lead or the head changes what is read and by when"))
	if (doc.summary or "") != (stored.summary or "") and (
		relation != "rep" or stored.status not in ("Assigned", "Again")
	):
		refuse(_("The summary is the rep's, written until he hands it in"))


def refuse(message: str) -> None:
	frappe.throw(message, title=_("Not Yours to Change"), exc=ReadingRefused)


@frappe.whitelist()
def hand_in_summary(assignment: str, summary: str | None = None) -> str:
	"""The rep hands in his summary."""
	doc = frappe.get_doc(ASSIGNMENT, assignment)
	doc.check_permission("write")
	if relation_to(doc.sales_person, frappe.session.user) != "rep":
		refuse(_("Only the rep it is assigned to hands in its summary"))
	summary = summary if summary is not None else doc.summary
	doc.status = enforce(hand_in, doc.status, summary)
	doc.summary = summary
	doc.flags.st_reading_step = True
	doc.save()
	return doc.status


@frappe.whitelist()
def attest_summary(assignment: str, passed: int | bool, comment: str | None = None) -> str:
	"""The lead (or the head) attests the summary: passed, or again with what to work on."""
	doc = frappe.get_doc(ASSIGNMENT, assignment)
	doc.check_permission("write")
	if relation_to(doc.sales_person, frappe.session.user) != "manager":
		refuse(_("Only the rep's lead or the head attests his summary"))
	doc.status = enforce(attest, doc.status, bool(int(passed)), comment)
	doc.lead_comment = comment
	doc.attested_by, doc.attested_on = frappe.session.user, today()
	doc.flags.st_reading_step = True
	doc.save()
	return doc.status


@frappe.whitelist()
def assign_to_my_reps(book: str, deadline: str | None = None) -> int:
	"""The weekly article (or a book) for every rep under the user, in one click; a rep who has it open
	already is not given it twice. Returns how many were assigned."""
	frappe.has_permission("Sales Book", "read", book, throw=True)
	frappe.has_permission(ASSIGNMENT, "create", throw=True)
	scope = get_scope(see_above=False)
	filters = {"is_group": 0, "enabled": 1}
	if scope.manageable is not None:
		filters["name"] = ("in", sorted(scope.manageable) or [""])
	reps = frappe.get_all("Sales Person", filters=filters, pluck="name")
	open_already = set(
		frappe.get_all(
			ASSIGNMENT,
			filters={
				"book": book,
				"status": ("in", ["Assigned", "Again"]),
				"sales_person": ("in", reps or [""]),
			},
			pluck="sales_person",
		)
	)
	assigned = 0
	for rep in reps:
		if rep in open_already:
			continue
		frappe.get_doc(
			{"doctype": ASSIGNMENT, "sales_person": rep, "book": book, "deadline": deadline}
		).insert()
		assigned += 1
	return assigned
