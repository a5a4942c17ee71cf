"""The deal's last and next activity, kept on the Opportunity (st_last_activity_on, st_next_activity_on)
as activities change: the stale-deal job and the deal's form read them without a join."""

from __future__ import annotations

import frappe


def refresh_activity_dates(opportunities: list[str] | None = None) -> None:
	"""The last done and the next planned activity of the deals (all of them when None), in one update."""
	if opportunities is not None:
		opportunities = [name for name in set(opportunities) if name]
		if not opportunities:
			return
	where = "where deal.name in %(names)s" if opportunities is not None else ""
	frappe.db.sql(
		f"""
		update `tabOpportunity` deal
		set deal.st_last_activity_on = (
				select max(activity.done_on) from `tabSales Activity` activity
				where activity.opportunity = deal.name and activity.status = 'Done'
			),
			deal.st_next_activity_on = (
				select min(activity.planned_date) from `tabSales Activity` activity
				where activity.opportunity = deal.name and activity.status = 'Planned'
			)
		{where}""",
		{"names": opportunities},
	)


def activity_changed(doc, method: str | None = None) -> None:
	"""Sales Activity on_update and after_delete: its deal (and the one it left) shows it."""
	before = doc.get_doc_before_save() if method != "after_delete" else None
	refresh_activity_dates([doc.get("opportunity"), before.get("opportunity") if before else None])
