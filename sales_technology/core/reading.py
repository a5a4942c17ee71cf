"""Books and articles (seed 004, «Самостоятельное изучение книг технологий и статей по продажам», «Еженедельная
вырезка статьи»): the lead assigns a book or an article with a deadline, the rep hands in his summary, the
lead attests it, passed or again with a comment."""

from __future__ import annotations

from datetime import date, timedelta

from sales_technology.core.errors import SalesTechnologyError

BOOK = "Book"
ARTICLE = "Article"

ASSIGNED = "Assigned"
HANDED_IN = "Summary Handed In"
PASSED = "Summary Accepted"
AGAIN = "Again"
STATUSES = (ASSIGNED, HANDED_IN, PASSED, AGAIN)

# the weekly article is read by the end of its week; a book by the deadline the lead sets (two weeks
# when he sets none: our reading of "a deadline per book")
BOOK_DAYS = 14


class ReadingError(SalesTechnologyError):
	"""A summary or an attestation that the assignment's state does not allow."""


def hand_in(status: str, summary: str | None) -> str:
	"""The rep hands in his summary of an assignment given or sent back."""
	if status not in (ASSIGNED, AGAIN):
		raise ReadingError("The summary was handed in already: it waits for the lead, or it passed")
	if not (summary or "").strip():
		raise ReadingError("Write the summary of what you read before handing it in")
	return HANDED_IN


def attest(status: str, passed: bool, comment: str | None) -> str:
	"""The lead attests a handed-in summary: passed, or again with what to work on."""
	if status != HANDED_IN:
		raise ReadingError("Only a summary handed in is attested")
	if not passed and not (comment or "").strip():
		raise ReadingError("Say what to read again or work on when you send a summary back")
	return PASSED if passed else AGAIN


def is_overdue(status: str, deadline: date | None, today: date) -> bool:
	return status in (ASSIGNED, AGAIN) and deadline is not None and deadline < today


def default_deadline(kind: str, assigned_on: date) -> date:
	"""An article by the Friday of its week (the weekly article), a book in two weeks."""
	if kind == ARTICLE:
		return assigned_on + timedelta(days=max(4 - assigned_on.weekday(), 0))
	return assigned_on + timedelta(days=BOOK_DAYS)
