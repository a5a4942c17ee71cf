"""The funnel steps kept on each done activity (core/next_steps.py): rewritten for a party whenever one of
its activities changes, and for every party at once after a bulk import or an upgrade."""

from __future__ import annotations

from dataclasses import asdict, astuple

import frappe

from sales_technology.core.next_steps import (
	ANY_MEETING,
	CALL_TAGS,
	NEXT_STEPS,
	Step,
	StepFacts,
	party_step_facts,
)
from sales_technology.kpi import kept_facts

FIELDS = tuple(StepFacts.__dataclass_fields__)


def activity_changed(doc, method: str | None = None) -> None:
	"""Sales Activity on_update and after_delete: the steps of its party, and of the party it left."""
	before = doc.get_doc_before_save() if method != "after_delete" else None
	parties = {(doc.party_type, doc.party)}
	if before is not None:
		parties.add((before.party_type, before.party))
	if method != "after_delete" and not doc.party and any(doc.get(field) for field in FIELDS):
		# an activity that no longer names a party took no step
		frappe.db.set_value(doc.doctype, doc.name, asdict(StepFacts()), update_modified=False)
		kept_facts.mark_days(doc.doctype, {doc.done_on})
	refresh_parties(parties)


def refresh_parties(parties) -> None:
	"""Rewrite the steps of each party's activities where they changed, and mark their days for the kept
	facts (a cold call made last month counts as converted once its meeting happens today)."""
	changed_days = set()
	for party_type, party in {(kind, name) for kind, name in parties if kind and name}:
		rows = frappe.get_all(
			"Sales Activity",
			filters={"party_type": party_type, "party": party},
			fields=["name", "status", "kpi_tag", "is_meeting", "channel", "done_at", "done_on", *FIELDS],
		)
		facts = party_step_facts(
			Step(row.name, row.kpi_tag, bool(row.is_meeting), row.channel, row.done_at)
			for row in rows
			if row.status == "Done"
		)
		# the rows that changed, by what they become: one update per outcome, not per activity (a meeting
		# converts every earlier cold call of the party at once)
		changed: dict[StepFacts, list[str]] = {}
		for row in rows:
			fresh = facts.get(row.name, StepFacts())
			if tuple(row.get(field) or 0 for field in FIELDS) != astuple(fresh):
				changed.setdefault(fresh, []).append(row.name)
				changed_days.add(row.done_on)
		activity = frappe.qb.DocType("Sales Activity")
		for fresh, names in changed.items():
			update = frappe.qb.update(activity).where(activity.name.isin(names))
			for field, value in asdict(fresh).items():
				update = update.set(activity[field], value)
			update.run()
	kept_facts.mark_days("Sales Activity", changed_days)


def refresh_all() -> None:
	"""Every activity's steps from scratch, in a few statements: for a bulk import, and for the upgrade
	that introduced them. The same rules as `party_step_facts`, which the tests hold them to."""
	activity = "`tabSales Activity`"
	done = "status = 'Done' and ifnull(party, '') != '' and done_at is not null"
	frappe.db.sql(
		f"""update {activity} set reached_next_step = 0, first_meeting = 0, calls_before_meeting = 0
		where reached_next_step != 0 or first_meeting != 0 or calls_before_meeting != 0"""
	)
	for tag, wanted in NEXT_STEPS.items():
		is_next = "is_meeting = 1" if wanted == ANY_MEETING else "kpi_tag in %(wanted)s"
		frappe.db.sql(
			f"""update {activity} step
			join (
				select party_type, party, max(done_at) as last_at from {activity}
				where {done} and {is_next} group by party_type, party
			) next_step on next_step.party_type = step.party_type and next_step.party = step.party
			set step.reached_next_step = 1
			where step.kpi_tag = %(tag)s and step.status = 'Done' and next_step.last_at >= step.done_at""",
			{"tag": tag, "wanted": wanted if wanted != ANY_MEETING else ()},
		)
	# the party's earliest meeting, ties by name
	frappe.db.sql(
		f"""update {activity} meeting
		join (
			select min(tied.name) as name from {activity} tied
			join (
				select party_type, party, min(done_at) as first_at from {activity}
				where {done} and is_meeting = 1 group by party_type, party
			) earliest on earliest.party_type = tied.party_type and earliest.party = tied.party
				and tied.done_at = earliest.first_at
			where tied.status = 'Done' and tied.is_meeting = 1
			group by tied.party_type, tied.party
		) first on first.name = meeting.name
		set meeting.first_meeting = 1"""
	)
	frappe.db.sql(
		f"""update {activity} meeting
		join (
			select first.name, count(call_.name) as calls from {activity} first
			join {activity} call_ on call_.party_type = first.party_type and call_.party = first.party
				and call_.status = 'Done' and call_.is_meeting = 0 and call_.done_at < first.done_at
				and (call_.channel = 'Phone' or call_.kpi_tag in %(call_tags)s)
			where first.first_meeting = 1
			group by first.name
		) calls on calls.name = meeting.name
		set meeting.calls_before_meeting = calls.calls""",
		{"call_tags": CALL_TAGS},
	)
