"""The head's plan reports to the General Director (seed 000): the month by the 5th of the next month,
the quarter by the 10th of the month after it. Every KPI behind its plan carries a commentary; a review
is written for a period that has ended; the director acknowledges it or returns it with a question.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date

from sales_technology.core.errors import SalesTechnologyError
from sales_technology.core.fulfilment import fulfilment


class ReviewError(SalesTechnologyError):
	"""A period review the methodology refuses."""


def due_date(period_end: date, due_day: int) -> date:
	"""Day `due_day` of the month after the period (the month's last day where it is shorter)."""
	year, month = (
		(period_end.year + 1, 1) if period_end.month == 12 else (period_end.year, period_end.month + 1)
	)
	return date(year, month, min(max(due_day, 1), calendar.monthrange(year, month)[1]))


def check_period_ended(period_end: date, today: date) -> None:
	if period_end >= today:
		raise ReviewError("The period ends on {0}: it is reviewed once it has ended", period_end.isoformat())


def is_behind(target: float, fact: float, direction: str) -> bool:
	"""Below 100 % of its plan (a KPI without a target is behind nothing)."""
	percent = fulfilment(target, fact, direction)
	return percent is not None and percent < 100


def check_commentaries(items: Iterable[tuple[str, bool, str | None]]) -> None:
	"""(KPI name, behind, commentary): every KPI behind needs a word on why and what is done about it."""
	missing = [name for name, behind, commentary in items if behind and not (commentary or "").strip()]
	if missing:
		raise ReviewError(
			"Write a commentary for every KPI behind its plan before submitting: {0}", ", ".join(missing)
		)


def check_return(question: str | None) -> None:
	if not (question or "").strip():
		raise ReviewError("Write the question the head is to answer before returning the review")
