"""When a deal is in work: the pipeline KPIs count what was open at the end of each period."""

from __future__ import annotations

from datetime import date

# the statuses of an opportunity that is no longer in work: won (Converted), lost, or closed by hand
CLOSED_STATUSES = ("Converted", "Lost", "Closed")


def closing_date(status: str, closed_on: date | None, today: date) -> date | None:
	"""Kept while the deal stays closed, today when it closes now, none again when it is reopened."""
	if status not in CLOSED_STATUSES:
		return None
	return closed_on or today
