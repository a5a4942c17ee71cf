"""Books and articles: handing in a summary, attesting it, overdue, the deadlines."""

from __future__ import annotations

from datetime import date

import pytest

from sales_technology.core.reading import (
	AGAIN,
	ARTICLE,
	ASSIGNED,
	BOOK,
	HANDED_IN,
	PASSED,
	ReadingError,
	attest,
	default_deadline,
	hand_in,
	is_overdue,
)


def test_a_summary_is_handed_in_then_attested_passed_or_again():
	assert hand_in(ASSIGNED, "Chapter 3: the questions that open a client") == HANDED_IN
	assert attest(HANDED_IN, False, "Read chapter 4 again: objections") == AGAIN
	assert hand_in(AGAIN, "Chapter 4: objections answered with facts") == HANDED_IN
	assert attest(HANDED_IN, True, None) == PASSED


@pytest.mark.parametrize(
	"action, message",
	[
		(lambda: hand_in(ASSIGNED, "  "), "Write the summary"),
		(lambda: hand_in(HANDED_IN, "again"), "handed in already"),
		(lambda: hand_in(PASSED, "again"), "handed in already"),
		(lambda: attest(ASSIGNED, True, None), "Only a summary handed in"),
		(lambda: attest(PASSED, True, None), "Only a summary handed in"),
		(lambda: attest(HANDED_IN, False, " "), "Say what to read again"),
	],
)
def test_what_the_state_does_not_allow_is_refused(action, message):
	with pytest.raises(ReadingError, match=message):
		action()


def test_overdue_is_an_unread_assignment_past_its_deadline():
	today = date(2026, 12, 7)
	assert is_overdue(ASSIGNED, date(2026, 12, 6), today)
	assert is_overdue(AGAIN, date(2026, 12, 6), today)
	assert not is_overdue(HANDED_IN, date(2026, 12, 6), today)
	assert not is_overdue(PASSED, date(2026, 12, 6), today)
	assert not is_overdue(ASSIGNED, today, today)
	assert not is_overdue(ASSIGNED, None, today)


def test_the_weekly_article_is_due_on_its_friday_and_a_book_in_two_weeks():
	monday, friday, saturday = date(2026, 12, 7), date(2026, 12, 11), date(2026, 12, 12)
	assert default_deadline(ARTICLE, monday) == friday
	assert default_deadline(ARTICLE, friday) == friday
	assert default_deadline(ARTICLE, saturday) == saturday
	assert default_deadline(BOOK, monday) == date(2026, 12, 21)


def test_a_trainings_effect_is_the_stages_conversion_before_and_after():
	import csv
	from pathlib import Path

	from sales_technology.core.trainings import STANDARD_TOPICS, StageChange

	change = StageChange(entered_before=4, moved_on_before=1, entered_after=5, moved_on_after=4)
	assert (change.before, change.after, change.change) == (25.0, 80.0, 55.0)
	assert StageChange(0, 0, 3, 1).change is None
	assert StageChange(2, 1, 0, 0).after is None
	catalogue = Path(__file__).resolve().parents[2] / "shared" / "catalogue" / "development.csv"
	if catalogue.exists():
		with catalogue.open(encoding="utf-8") as file:
			rows = [
				row
				for row in csv.DictReader(file)
				if row["kind"] in ("external training", "internal training", "team")
			]
		assert [topic.topic for topic in STANDARD_TOPICS] == [row["name_en"] for row in rows]
