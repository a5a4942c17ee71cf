"""Meetings: the agenda rule, the protocol's time, agreements, the sign-off order and the rhythm."""

from datetime import date, datetime, time, timedelta

import pytest

from sales_technology.core.meeting_rhythm import (
	MONTHLY,
	MORNING,
	ONE_ON_ONE,
	WEEKLY,
	Rhythm,
	RhythmError,
	earlier_working_day,
	last_weekday_of_month,
	one_on_one_slots,
	scheduled_meetings,
	weekday_index,
)
from sales_technology.core.meetings import (
	AGREED,
	NOT_SENT,
	SENT,
	SIGNED,
	Agreement,
	MeetingRuleError,
	agreement_status,
	check_agenda,
	check_agreement,
	check_protocol_time,
	check_sign_off,
)
from sales_technology.core.periods import weekly_offs

DECEMBER = (date(2026, 12, 1), date(2026, 12, 31))


def test_a_key_client_needs_an_agenda_others_do_not():
	with pytest.raises(MeetingRuleError):
		check_agenda(True, 0, "Plant Ltd")
	check_agenda(True, 1, "Plant Ltd")
	check_agenda(False, 0, "Shop Ltd")


def test_a_protocol_only_after_the_meeting_began():
	starts = datetime(2026, 12, 3, 10, 0)
	with pytest.raises(MeetingRuleError):
		check_protocol_time(starts, starts - timedelta(minutes=1))
	check_protocol_time(starts, starts)


@pytest.mark.parametrize(
	"agreement",
	[
		Agreement("", "Ours", "rep@example.com", None, date(2026, 12, 4), 1),
		Agreement("Send the offer", "Ours", None, None, date(2026, 12, 4), 1),
		Agreement("Send the offer", "Ours", "rep@example.com", None, None, 1),
		Agreement("Send drawings", "Client's", None, None, date(2026, 12, 4), 1),
	],
)
def test_an_agreement_says_what_who_and_by_when(agreement):
	with pytest.raises(MeetingRuleError):
		check_agreement(agreement)


def test_a_valid_agreement_of_either_side():
	check_agreement(Agreement("Send the offer", "Ours", "rep@example.com", None, date(2026, 12, 4), 1))
	check_agreement(Agreement("Send drawings", "Client's", None, "Irina", date(2026, 12, 4), 2))


def test_open_becomes_overdue_after_its_date_and_open_again_when_moved():
	today = date(2026, 12, 3)
	assert agreement_status("Open", date(2026, 12, 2), today) == "Overdue"
	assert agreement_status("Open", today, today) == "Open"
	assert agreement_status("Overdue", date(2026, 12, 10), today) == "Open"
	assert agreement_status("Done", date(2026, 12, 1), today) == "Done"


def test_sign_off_goes_forward_from_sending():
	check_sign_off(NOT_SENT, SENT, False)
	check_sign_off(SENT, SENT, False)  # sent again
	check_sign_off(SENT, AGREED, False)
	check_sign_off(SENT, SIGNED, True)
	check_sign_off(AGREED, SIGNED, True)
	with pytest.raises(MeetingRuleError):
		check_sign_off(NOT_SENT, SIGNED, True)  # never sent
	with pytest.raises(MeetingRuleError):
		check_sign_off(NOT_SENT, AGREED, False)
	with pytest.raises(MeetingRuleError):
		check_sign_off(AGREED, SIGNED, False)  # no scan
	with pytest.raises(MeetingRuleError):
		check_sign_off(SIGNED, SENT, True)  # no step back


def test_the_morning_meeting_every_working_day():
	holidays = weekly_offs(*DECEMBER) | {date(2026, 12, 31)}
	rhythm = Rhythm(MORNING, time(9, 5), time(9, 35))
	days = [m.day for m in scheduled_meetings(rhythm, date(2026, 12, 24), date(2026, 12, 31), holidays)]
	assert days == [
		date(2026, 12, 24),
		date(2026, 12, 25),
		date(2026, 12, 28),
		date(2026, 12, 29),
		date(2026, 12, 30),
	]
	assert scheduled_meetings(rhythm, date(2026, 12, 24), date(2026, 12, 24), holidays)[0].start_time == time(
		9, 5
	)


def test_the_weekly_meeting_every_two_weeks_on_friday_or_the_day_before_a_holiday():
	holidays = weekly_offs(*DECEMBER) | {date(2026, 12, 25)}
	rhythm = Rhythm(WEEKLY, time(16, 0), None, weekday=4, every_weeks=2)
	days = [m.day for m in scheduled_meetings(rhythm, *DECEMBER, holidays)]
	# ISO weeks 50 and 52 of 2026: Friday 11 December, and Thursday 24 December (25th is a holiday)
	assert days == [date(2026, 12, 11), date(2026, 12, 24)]
	weekly = Rhythm(WEEKLY, time(16, 0), None, weekday=4, every_weeks=1)
	assert len(scheduled_meetings(weekly, *DECEMBER, holidays)) == 4
	with pytest.raises(RhythmError):
		scheduled_meetings(Rhythm(WEEKLY, time(16, 0), None, every_weeks=0), *DECEMBER, holidays)


def test_the_monthly_meeting_on_the_last_friday():
	assert last_weekday_of_month(2026, 12, 4) == date(2026, 12, 25)
	assert last_weekday_of_month(2026, 7, 4) == date(2026, 7, 31)
	holidays = weekly_offs(*DECEMBER) | {date(2026, 12, 25)}
	rhythm = Rhythm(MONTHLY, time(16, 0), None, weekday=4)
	days = [m.day for m in scheduled_meetings(rhythm, date(2026, 11, 1), date(2026, 12, 31), holidays)]
	assert days == [date(2026, 11, 27), date(2026, 12, 24)]


def test_no_working_day_before_the_start_means_no_meeting():
	assert (
		earlier_working_day(date(2026, 12, 6), {date(2026, 12, 6), date(2026, 12, 5)}, date(2026, 12, 5))
		is None
	)
	assert weekday_index("Friday") == 4
	with pytest.raises(RhythmError):
		weekday_index("Freitag")


def test_a_decision_is_measured_on_an_ended_month():
	from sales_technology.core.corrective_decisions import DecisionError, check_measurable, check_month_ended

	with pytest.raises(DecisionError):
		check_measurable(None, 10)
	with pytest.raises(DecisionError):
		check_measurable("COLD_CALLS", None)
	with pytest.raises(DecisionError):
		check_measurable("COLD_CALLS", -1)
	check_measurable("COLD_CALLS", 0)
	with pytest.raises(DecisionError):
		check_month_ended(date(2026, 12, 31), date(2026, 12, 3))
	check_month_ended(date(2026, 11, 30), date(2026, 12, 1))


def test_a_decision_is_approved_above_its_node_never_by_its_author():
	from sales_technology.core.approval import ApproverError
	from sales_technology.core.corrective_decisions import check_decision_approver

	above = ["Department", "Group A"]
	check_decision_approver("lead@x", "head@x", {"Sales Head"}, "Department", "Rep A1", above)
	with pytest.raises(ApproverError):  # the author
		check_decision_approver("head@x", "head@x", {"Sales Head"}, "Department", "Rep A1", above)
	with pytest.raises(ApproverError):  # a lead does not approve
		check_decision_approver("rep@x", "lead@x", {"Sales Group Lead"}, "Group A", "Rep A1", above)
	with pytest.raises(ApproverError):  # not above the node
		check_decision_approver("lead@x", "head2@x", {"Sales Head"}, "Department B", "Rep A1", above)
	check_decision_approver("lead@x", "gd@x", {"General Director"}, None, "Rep A1", above)


def test_effective_in_the_kpis_direction():
	from sales_technology.core.corrective_decisions import EFFECTIVE, NOT_EFFECTIVE, effectiveness

	assert effectiveness(30, 30, "Higher is better") == EFFECTIVE
	assert effectiveness(29, 30, "Higher is better") == NOT_EFFECTIVE
	assert effectiveness(2, 3, "Lower is better") == EFFECTIVE
	assert effectiveness(4, 3, "Lower is better") == NOT_EFFECTIVE


def test_a_review_is_due_on_the_day_the_settings_give():
	from sales_technology.core.period_reviews import ReviewError, check_period_ended, due_date

	assert due_date(date(2026, 11, 30), 5) == date(2026, 12, 5)
	assert due_date(date(2026, 12, 31), 10) == date(2027, 1, 10)
	assert due_date(date(2027, 1, 31), 31) == date(2027, 2, 28)
	with pytest.raises(ReviewError):
		check_period_ended(date(2026, 12, 31), date(2026, 12, 3))
	check_period_ended(date(2026, 11, 30), date(2026, 12, 1))


def test_every_kpi_behind_has_a_commentary_and_a_return_a_question():
	from sales_technology.core.period_reviews import ReviewError, check_commentaries, check_return, is_behind

	assert is_behind(100, 99, "Higher is better")
	assert not is_behind(100, 100, "Higher is better")
	assert not is_behind(3, 2, "Lower is better")
	assert is_behind(3, 4, "Lower is better")
	assert not is_behind(0, 5, "Higher is better")
	check_commentaries([("Turnover", True, "Two deals moved to January"), ("Cold calls", False, None)])
	with pytest.raises(ReviewError):
		check_commentaries([("Turnover", True, "  ")])
	with pytest.raises(ReviewError):
		check_return("")
	check_return("Why did the deals move?")


def test_one_on_ones_every_two_weeks_one_rep_after_another():
	rhythm = Rhythm(ONE_ON_ONE, time(10, 0), None, 2, 2)  # Wednesdays, every second week
	start, end = date(2026, 11, 30), date(2026, 12, 27)
	days = [meeting.day for meeting in scheduled_meetings(rhythm, start, end, weekly_offs(start, end))]
	weekly = Rhythm(WEEKLY, time(10, 0), None, 2, 2)
	assert days == [
		meeting.day for meeting in scheduled_meetings(weekly, start, end, weekly_offs(start, end))
	]
	assert len(days) == 2 and all(day.weekday() == 2 for day in days)
	assert (days[1] - days[0]).days == 14
	# a Wednesday holiday moves it to the Tuesday before
	holidays = weekly_offs(start, end) | set(days)
	moved = [meeting.day for meeting in scheduled_meetings(rhythm, start, end, holidays)]
	assert moved == [day - timedelta(days=1) for day in days]
	assert one_on_one_slots(time(10, 0), 3) == [
		(time(10, 0), time(10, 20)),
		(time(10, 20), time(10, 40)),
		(time(10, 40), time(11, 0)),
	]
	assert one_on_one_slots(time(10, 0), 0) == []
