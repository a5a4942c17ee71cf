"""Which periods that have ended a document's change reaches, for the facts kept per period that no day
row can keep (what is open at a period's end, the sales to the clients new in it).

A document counts for every period from its first date on: a deal is open at the end of each period
from the one it opened in to the one it closed in, an invoice makes its client new in its period and
current in every later one. So a change reaches the periods from the earliest date it touches: when only
dates moved (a deal closed), the earliest of their old and new values, which for a deal closed today is
today and reaches no period that has ended; when anything else it is read by changed (the amount, the
rep), the earliest date of either version. A field read through a link (the client's responsible rep)
reaches every period.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta

from sales_technology.core.periods import PeriodType, period_containing

# a change that reaches every period: earlier than any document's date
EVERY_PERIOD = date(1900, 1, 1)


def as_date(value) -> date | None:
	"""A date field's value as a date (a document holds dates, datetimes or ISO text)."""
	if not value:
		return None
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	return date.fromisoformat(str(value)[:10])


def reached_from(
	doc: Mapping, before: Mapping | None, dates: tuple[str, ...], others: tuple[str, ...] | None
) -> date | None:
	"""The earliest day whose periods the change of `before` into `doc` reaches (`before` None: a new or
	deleted document). `dates` are the document's dates, `others` the other fields read (None: unknown,
	so any change counts); no dates: a document read through a link, `others` its fields read."""
	if not dates:
		# a new document is linked by nothing yet, and one linked cannot be deleted
		changed = before is not None and any(before.get(field) != doc.get(field) for field in others or ())
		return EVERY_PERIOD if changed else None
	versions = [version for version in (doc, before) if version is not None]
	if before is not None and others is not None:
		if all(before.get(field) == doc.get(field) for field in others):
			moved = [field for field in dates if as_date(before.get(field)) != as_date(doc.get(field))]
			days = [as_date(v.get(field)) for v in versions for field in moved if v.get(field)]
			return min(days, default=None)
	days = [as_date(v.get(field)) for v in versions for field in dates if v.get(field)]
	return min(days, default=None)


def ended_span(first: date, last: date, period_type: PeriodType) -> tuple[date, date] | None:
	"""The periods of the type that end from `first` (the one containing it) to `last` (one running on
	that day left out), as (first start, last end); None when there are none."""
	start = period_containing(first, period_type).start
	period = period_containing(last, period_type)
	end = period.end if period.end == last else period.start - timedelta(days=1)
	return (start, end) if start <= end else None
