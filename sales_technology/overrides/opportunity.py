"""Opportunity events: the day an opportunity stopped being in work, for the pipeline KPIs.

ERPNext keeps no closing date: a deal is declared lost by saving it, but marked Converted or Closed by
`set_status(update=True)`, which writes the status with `db_set`. Both run `on_change`, so the date is
kept there, and written with `db_set` too so that it never triggers another save.
"""

from __future__ import annotations

import frappe
from frappe.utils import getdate, today
from pypika.functions import Date

from sales_technology.core.pipeline import CLOSED_STATUSES, closing_date


def on_change(doc, method: str | None = None) -> None:
	kept = getdate(doc.st_closed_on) if doc.get("st_closed_on") else None
	closed_on = closing_date(doc.status, kept, getdate(today()))
	if closed_on != kept:
		doc.db_set("st_closed_on", closed_on, update_modified=False)


def backfill_closing_dates() -> None:
	"""Opportunities closed before the app was installed (or by a data import) get the day they were
	last modified; reopened ones lose a stale date. Idempotent: runs on every migrate."""
	opportunity = frappe.qb.DocType("Opportunity")
	(
		frappe.qb.update(opportunity)
		.set(opportunity.st_closed_on, Date(opportunity.modified))
		.where(opportunity.status.isin(CLOSED_STATUSES) & opportunity.st_closed_on.isnull())
	).run()
	(
		frappe.qb.update(opportunity)
		.set(opportunity.st_closed_on, None)
		.where(opportunity.status.notin(CLOSED_STATUSES) & opportunity.st_closed_on.isnotnull())
	).run()
