"""Competitor intelligence and positioning (seed 004): intel is read by every sales role and kept by
marketing (the Sales Analyst) and the head; a rep or lead records what they learned and edits only
their own. A competitor's last update is the latest intel or review of its positioning.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

from sales_technology.core.competitors import (
	POSITION_CLASSES,
	Intel,
	Position,
	battle_card,
	check_intel,
	check_positions,
)
from sales_technology.core.roles import SALES_ANALYST, SALES_HEAD
from sales_technology.shared.org_structure import get_sales_person
from sales_technology.shared.validation import SalesRuleError, enforce


class IntelRefused(SalesRuleError):
	"""Intel or positioning the department cannot use."""


def validate_intel(doc) -> None:
	enforce(
		check_intel,
		Intel(
			competitor=doc.competitor,
			source=doc.source,
			collected_on=getdate(doc.collected_on) if doc.collected_on else None,
			party_type=doc.party_type,
			party=doc.party,
		),
		getdate(today()),
		exc=IntelRefused,
	)
	if doc.is_new() or not doc.collected_by:
		doc.collected_by = doc.collected_by or frappe.session.user
	doc.sales_person = get_sales_person(doc.collected_by) if doc.collected_by != "Administrator" else None
	if doc.checklist and not doc.answers:
		for question in checklist_questions(doc.checklist):
			doc.append("answers", {"question": question})


@frappe.whitelist()
def checklist_questions(checklist: str) -> list[str]:
	"""The checklist's questions in the user's language (the standard ones are translated), for the form
	to fill the answers' table."""
	frappe.has_permission("Competitor Checklist", "read", checklist, throw=True)
	questions = frappe.get_all(
		"Competitor Checklist Question",
		filters={"parent": checklist, "parenttype": "Competitor Checklist"},
		pluck="question",
		order_by="idx",
	)
	return [_(question) for question in questions]


def validate_positioning(doc) -> None:
	enforce(
		check_positions,
		[
			Position(row.criterion, row.position_class, row.ours or "", row.theirs or "")
			for row in doc.positions
		],
		exc=IntelRefused,
	)
	doc.reviewed_on = today()


def refresh_last_update(competitors: list[str] | None = None) -> None:
	"""The day we last learned about each competitor (all of them when None), in one update."""
	where = "where competitor.name in %(names)s" if competitors is not None else ""
	if competitors is not None and not competitors:
		return
	frappe.db.sql(
		f"""
		update `tabCompetitor` competitor
		set competitor.st_last_intel_on = nullif(greatest(
			coalesce((select max(intel.collected_on) from `tabCompetitor Intel` intel
				where intel.competitor = competitor.name), '1900-01-01'),
			coalesce((select positioning.reviewed_on from `tabCompetitor Positioning` positioning
				where positioning.competitor = competitor.name), '1900-01-01')
		), '1900-01-01')
		{where}""",
		{"names": competitors},
	)


def competitor_changed(doc, method: str | None = None) -> None:
	"""Intel or positioning saved or deleted: its competitor's last update (and the one it left)."""
	before = doc.get_doc_before_save() if method != "after_delete" else None
	names = {doc.competitor, before.competitor if before else None} - {None}
	refresh_last_update(sorted(names))


@frappe.whitelist()
def battle_cards(doctype: str, name: str) -> list[dict]:
	"""The battle card of every competitor the deal or quotation lists (a quotation also those of its
	deal), for the form: only what the user may read."""
	if doctype not in ("Opportunity", "Quotation"):
		frappe.throw(_("Battle cards show on deals and quotations"))
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	competitors = competitors_of(doc)
	cards = []
	for competitor in competitors:
		if not frappe.db.exists("Competitor Positioning", competitor):
			cards.append({"competitor": competitor, "positioning": None})
			continue
		positioning = frappe.get_doc("Competitor Positioning", competitor)
		if not positioning.has_permission("read"):
			continue
		by_class = battle_card(
			Position(row.criterion, row.position_class, row.ours or "", row.theirs or "")
			for row in positioning.positions
		)
		cards.append(
			{
				"competitor": competitor,
				"positioning": positioning.name,
				"summary": positioning.summary,
				"reviewed_on": positioning.reviewed_on,
				"classes": [
					{
						"class": position_class,
						"rows": [row.__dict__ for row in by_class[position_class]],
					}
					for position_class in POSITION_CLASSES
				],
			}
		)
	return cards


def competitors_of(doc) -> list[str]:
	names = [row.competitor for row in doc.get("competitors") or []]
	names += [row.competitor for row in doc.get("st_competing_with") or []]
	if doc.doctype == "Quotation" and doc.get("opportunity"):
		names += frappe.get_all(
			"Competitor Detail",
			filters={"parenttype": "Opportunity", "parent": doc.opportunity},
			pluck="competitor",
			order_by="idx",
		)
	return list(dict.fromkeys(name for name in names if name))
