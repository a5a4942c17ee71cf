"""The new rep's programme: the seed's steps, their working days, who may change which, what a step lacks."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from sales_technology.core.rep_programme import (
	DONE,
	EXAM,
	HEAD,
	LEAD,
	MENTOR,
	OPEN,
	PROBATION_WORKING_DAYS,
	REP,
	STANDARD_PROGRAMME,
	TALK,
	RampUpError,
	calendar_window,
	exam_passed,
	may_change_step,
	missing_for_done,
	nth_working_day,
	parse_ramp_up,
	progress,
	ramp_share,
	ramp_share_over,
)

CATALOGUE = Path(__file__).resolve().parents[2] / "shared" / "catalogue" / "new_rep_programme.csv"
OWNERS = {"head": HEAD, "group lead": LEAD, "rep": REP, "group lead or experienced rep": MENTOR}


def weekend(day: date) -> bool:
	return day.weekday() >= 5


@pytest.mark.skipif(not CATALOGUE.exists(), reason="the catalogue sits beside the repository")
def test_the_standard_programme_is_the_catalogues():
	with CATALOGUE.open(encoding="utf-8") as file:
		rows = list(csv.DictReader(file))
	assert [step.title for step in STANDARD_PROGRAMME] == [row["name_en"] for row in rows]
	for step, row in zip(STANDARD_PROGRAMME, rows, strict=True):
		assert step.owner == OWNERS[row["owner"]], step.title
		due = row["working_day_due"]
		assert step.working_day == (PROBATION_WORKING_DAYS if due == "probation" else int(due)), step.title


def test_the_support_talks_fall_at_two_weeks_one_month_and_two_months():
	talks = {step.title: step.working_day for step in STANDARD_PROGRAMME if step.kind == TALK}
	assert talks == {
		"Support talk after two weeks": 10,
		"Support talk after one month": 21,
		"Support talk after two months": 42,
	}
	assert [step.title for step in STANDARD_PROGRAMME if step.kind == EXAM] == ["Exam after the training"]


def test_a_steps_day_counts_working_days_from_the_first_working_day():
	monday = date(2026, 11, 2)
	assert nth_working_day(monday, 1, weekend) == monday
	assert nth_working_day(monday, 5, weekend) == date(2026, 11, 6)
	assert nth_working_day(monday, 6, weekend) == date(2026, 11, 9)
	assert nth_working_day(monday, 10, weekend) == date(2026, 11, 13)
	# joined on a Saturday: Monday is his first day
	assert nth_working_day(date(2026, 11, 7), 1, weekend) == date(2026, 11, 9)
	# a holiday on the Wednesday moves every later day by one
	holiday = date(2026, 11, 4)
	assert nth_working_day(monday, 5, lambda day: weekend(day) or day == holiday) == date(2026, 11, 9)
	# day 0 is day 1
	assert nth_working_day(monday, 0, weekend) == monday


def test_the_calendar_window_covers_the_last_step():
	start = date(2026, 11, 2)
	days = [step.working_day for step in STANDARD_PROGRAMME]
	assert calendar_window(start, days) > nth_working_day(start, max(days), weekend)


def test_progress_counts_done_to_come_and_overdue():
	today = date(2026, 11, 20)
	steps = [
		(DONE, today - timedelta(days=3)),
		(DONE, today + timedelta(days=3)),
		(OPEN, today - timedelta(days=1)),
		(OPEN, today),
		(OPEN, None),
	]
	result = progress(steps, today)
	assert (result.total, result.done, result.to_come, result.overdue) == (5, 2, 2, 1)


def test_who_may_change_which_step():
	for owner in (REP, LEAD, HEAD, MENTOR):
		assert may_change_step(owner, "manager")
	assert may_change_step(REP, "rep")
	assert not may_change_step(LEAD, "rep")
	assert not may_change_step(HEAD, "rep")
	assert not may_change_step(MENTOR, "rep")
	assert not may_change_step(REP, None)


def test_a_talk_needs_its_notes_and_an_exam_a_passing_score():
	assert missing_for_done(TALK, "", None, None) == "notes"
	assert missing_for_done(TALK, "  ", None, None) == "notes"
	assert missing_for_done(TALK, "He is doing well", None, None) is None
	assert missing_for_done(EXAM, None, None, 70) == "score"
	assert missing_for_done(EXAM, None, 65, 70) == "score"
	assert missing_for_done(EXAM, None, 70, 70) is None
	assert missing_for_done("Task", None, None, None) is None
	assert exam_passed(0, None)
	assert not exam_passed(None, 0)


def test_the_ramp_up_gives_a_new_rep_his_share_month_by_month():
	assert parse_ramp_up("30, 60, 100") == [30.0, 60.0, 100.0]
	assert parse_ramp_up("30%; 60%") == [30.0, 60.0]
	assert parse_ramp_up("") == []
	for wrong in ("thirty", "0, 50", "30, 120"):
		with pytest.raises(RampUpError):
			parse_ramp_up(wrong)
	shares, joined = [30.0, 60.0, 100.0], date(2026, 11, 9)
	assert ramp_share(shares, joined, date(2026, 11, 1)) == 0.3  # the month he joined
	assert ramp_share(shares, joined, date(2026, 11, 23)) == 0.3
	assert ramp_share(shares, joined, date(2026, 12, 1)) == 0.6
	assert ramp_share(shares, joined, date(2027, 1, 4)) == 1.0
	assert ramp_share(shares, joined, date(2027, 6, 1)) == 1.0
	assert ramp_share([], joined, date(2026, 11, 1)) == 1.0
	assert ramp_share(shares, joined, date(2026, 10, 1)) == 0.3  # before he joined: his first share


def test_over_a_quarter_a_new_rep_weighs_the_average_of_his_months():
	shares, joined = [30.0, 60.0, 100.0], date(2026, 11, 16)
	# November 30 %, December 60 %, January full
	assert ramp_share_over(shares, joined, date(2026, 11, 1), date(2027, 1, 31)) == pytest.approx(
		0.6333, abs=1e-3
	)
	assert ramp_share_over(shares, joined, date(2026, 12, 1), date(2026, 12, 31)) == 0.6
	assert ramp_share_over(shares, joined, date(2027, 1, 1), date(2027, 12, 31)) == 1.0
	# a period across the new year counts December and January
	assert ramp_share_over(shares, joined, date(2026, 12, 15), date(2027, 1, 10)) == pytest.approx(0.8)
