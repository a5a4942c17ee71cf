"""The record of done work: closed days, the rep's backdating limit, missed work, cancelling."""

from datetime import date, datetime

import pytest

from sales_technology.core.activity_rules import ActivityChangeError, ActivityState, check_activity_change

MONDAY, TUESDAY, WEDNESDAY = date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2)
EARLIEST = datetime(2026, 12, 1, 0, 0)  # the start of the previous working day, seen on Wednesday


def done(day: date, hour: int = 10, **values) -> ActivityState:
	return ActivityState(
		"Done", datetime(day.year, day.month, day.day, hour), "Establish contact", "Lead", "L1", **values
	)


def check(before, after, is_lead=False, closed=(), reason=None, cancel_reason=None):
	check_activity_change(
		before, after, is_lead=is_lead, closed_days=set(closed), earliest_done_at=EARLIEST,
		reason=reason, cancel_reason=cancel_reason,
	)  # fmt: skip


def test_a_rep_logs_today_and_yesterday():
	check(None, done(WEDNESDAY))
	check(None, done(TUESDAY))


def test_a_rep_does_not_log_before_the_limit_but_a_lead_may():
	with pytest.raises(ActivityChangeError):
		check(None, done(MONDAY))
	with pytest.raises(ActivityChangeError):  # nor move a done activity back there
		check(done(WEDNESDAY), done(MONDAY))
	check(None, done(MONDAY), is_lead=True)


def test_a_closed_day_is_changed_only_by_a_lead_who_says_why():
	closed = {TUESDAY}
	with pytest.raises(ActivityChangeError):
		check(done(TUESDAY), done(TUESDAY, hour=11), closed=closed)
	with pytest.raises(ActivityChangeError):  # nor cancelled
		check(
			done(TUESDAY),
			ActivityState("Cancelled", None, "Establish contact", "Lead", "L1"),
			closed=closed,
			cancel_reason="x",
		)
	with pytest.raises(ActivityChangeError):  # nor moved into it
		check(done(WEDNESDAY), done(TUESDAY), closed=closed)
	with pytest.raises(ActivityChangeError):  # the lead gives a reason
		check(done(TUESDAY), done(WEDNESDAY), is_lead=True, closed=closed)
	check(done(TUESDAY), done(WEDNESDAY), is_lead=True, closed=closed, reason="logged on the wrong day")


def test_unprotected_fields_stay_editable_on_a_closed_day():
	check(done(TUESDAY), done(TUESDAY), closed={TUESDAY})


def test_missed_does_not_become_done():
	missed = ActivityState("Missed", None, "Establish contact", "Lead", "L1")
	with pytest.raises(ActivityChangeError):
		check(missed, done(WEDNESDAY))
	check(missed, done(WEDNESDAY), is_lead=True)


def test_cancelling_needs_a_reason():
	cancelled = ActivityState("Cancelled", None, "Establish contact", "Lead", "L1")
	with pytest.raises(ActivityChangeError):
		check(done(WEDNESDAY), cancelled)
	check(done(WEDNESDAY), cancelled, cancel_reason="called the wrong number")
