"""Property tests of the plan calendar: every level partitions the one above it exactly."""

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sales_technology.core.periods import (
	Period,
	PeriodError,
	PeriodType,
	children_of,
	parent_of,
	period_containing,
	period_starting,
	weekly_offs,
	working_days,
)

days = st.dates(min_value=date(1999, 1, 1), max_value=date(2101, 12, 31))
period_types = st.sampled_from(list(PeriodType))
fiscal_starts = st.integers(min_value=1, max_value=12)


def assert_partition(parent: Period, children: list[Period]) -> None:
	assert children, f"{parent} has no children"
	assert children[0].start == parent.start
	assert children[-1].end == parent.end
	for left, right in pairwise(children):
		assert right.start == left.end + timedelta(days=1), f"gap or overlap between {left} and {right}"
	assert sum(child.days for child in children) == parent.days


@given(day=days, period_type=period_types, fiscal_start=fiscal_starts)
def test_period_contains_its_day_and_is_found_again_from_any_of_its_days(day, period_type, fiscal_start):
	period = period_containing(day, period_type, fiscal_start)
	assert day in period
	assert period.period_type is period_type
	assert period_containing(period.start, period_type, fiscal_start) == period
	assert period_containing(period.end, period_type, fiscal_start) == period
	assert period_starting(period.start, period_type, fiscal_start) == period


@given(day=days, period_type=period_types, fiscal_start=fiscal_starts)
def test_children_partition_the_parent_exactly(day, period_type, fiscal_start):
	period = period_containing(day, period_type, fiscal_start)
	children = children_of(period, fiscal_year_start_month=fiscal_start)
	if period_type is PeriodType.DAY:
		assert children == []
		return
	assert_partition(period, children)
	for child in children:
		assert child.period_type is period_type.child
		assert parent_of(child, fiscal_start) == period


@given(day=days, fiscal_start=fiscal_starts)
def test_a_year_is_partitioned_by_its_months_and_a_quarter_by_three(day, fiscal_start):
	year = period_containing(day, PeriodType.YEAR, fiscal_start)
	months = children_of(year, PeriodType.MONTH, fiscal_start)
	assert len(months) == 12
	assert_partition(year, months)
	quarters = children_of(year, fiscal_year_start_month=fiscal_start)
	assert len(quarters) == 4
	for quarter in quarters:
		assert len(children_of(quarter, fiscal_year_start_month=fiscal_start)) == 3


@given(day=days)
def test_weeks_run_monday_to_sunday_clipped_to_the_month(day):
	week = period_containing(day, PeriodType.WEEK)
	month = period_containing(day, PeriodType.MONTH)
	assert week.start == month.start or week.start.weekday() == 0
	assert week.end == month.end or week.end.weekday() == 6
	assert week.start.month == week.end.month
	assert 1 <= week.days <= 7


@given(day=days)
@settings(max_examples=50)
def test_a_month_is_exactly_the_union_of_its_weeks(day):
	month = period_containing(day, PeriodType.MONTH)
	weeks = children_of(month)
	assert_partition(month, weeks)
	assert 4 <= len(weeks) <= 6


def test_leap_years():
	assert period_containing(date(2024, 2, 10), PeriodType.MONTH).end == date(2024, 2, 29)
	assert period_containing(date(2023, 2, 10), PeriodType.MONTH).end == date(2023, 2, 28)
	assert period_containing(date(2100, 2, 10), PeriodType.MONTH).end == date(2100, 2, 28)
	assert period_containing(date(2000, 2, 10), PeriodType.MONTH).end == date(2000, 2, 29)
	assert period_containing(date(2024, 6, 1), PeriodType.YEAR).days == 366
	# a fiscal year from March holds the next February's leap day
	assert period_containing(date(2023, 6, 1), PeriodType.YEAR, 3).days == 366
	assert period_containing(date(2024, 6, 1), PeriodType.YEAR, 3).days == 365
	leap_day = period_containing(date(2024, 2, 29), PeriodType.WEEK)
	assert (leap_day.start, leap_day.end) == (date(2024, 2, 26), date(2024, 2, 29))


def test_weeks_across_month_and_year_ends():
	# Monday 29 Dec 2025 .. Sunday 4 Jan 2026 is cut in two by the month and the year
	december = period_containing(date(2025, 12, 30), PeriodType.WEEK)
	january = period_containing(date(2026, 1, 2), PeriodType.WEEK)
	assert (december.start, december.end) == (date(2025, 12, 29), date(2025, 12, 31))
	assert (january.start, january.end) == (date(2026, 1, 1), date(2026, 1, 4))
	assert parent_of(december).start == date(2025, 12, 1)
	assert parent_of(january).start == date(2026, 1, 1)
	# a week wholly inside a month is seven days
	middle = period_containing(date(2026, 1, 14), PeriodType.WEEK)
	assert (middle.start, middle.end) == (date(2026, 1, 12), date(2026, 1, 18))


def test_fiscal_year_starting_in_april():
	year = period_containing(date(2026, 2, 15), PeriodType.YEAR, 4)
	assert (year.start, year.end) == (date(2025, 4, 1), date(2026, 3, 31))
	assert year.label(4) == "2025-26"
	quarters = children_of(year, fiscal_year_start_month=4)
	assert [(q.start, q.end) for q in quarters] == [
		(date(2025, 4, 1), date(2025, 6, 30)),
		(date(2025, 7, 1), date(2025, 9, 30)),
		(date(2025, 10, 1), date(2025, 12, 31)),
		(date(2026, 1, 1), date(2026, 3, 31)),
	]
	assert quarters[3].label(4) == "Q4 2025-26"
	assert parent_of(quarters[3], 4) == year


def test_labels_of_a_calendar_year():
	assert period_containing(date(2026, 5, 5), PeriodType.YEAR).label() == "2026"
	assert period_containing(date(2026, 5, 5), PeriodType.QUARTER).label() == "Q2 2026"
	assert period_containing(date(2026, 5, 5), PeriodType.MONTH).label() == "2026-05"
	assert period_containing(date(2026, 5, 5), PeriodType.WEEK).label() == "2026-05-04..10"
	assert period_containing(date(2026, 5, 5), PeriodType.DAY).label() == "2026-05-05"


@pytest.mark.parametrize(
	"start, period_type, fiscal_start",
	[
		(date(2026, 2, 1), "Year", 1),
		(date(2026, 1, 1), "Year", 4),
		(date(2026, 2, 1), "Quarter", 1),
		(date(2026, 4, 1), "Quarter", 2),
		(date(2026, 3, 15), "Month", 1),
		(date(2026, 3, 3), "Week", 1),  # a Tuesday in mid-month
	],
)
def test_misaligned_starts_are_refused_with_the_right_start(start, period_type, fiscal_start):
	with pytest.raises(PeriodError) as raised:
		period_starting(start, period_type, fiscal_start)
	expected = period_containing(start, period_type, fiscal_start).start
	assert expected.isoformat() in str(raised.value)
	assert period_type in str(raised.value)
	assert raised.value.template.startswith("A {0} period cannot start on {1}")


def test_a_week_may_start_on_the_first_of_a_month_that_is_not_a_monday():
	week = period_starting(date(2026, 4, 1), PeriodType.WEEK)  # a Wednesday
	assert (week.start, week.end) == (date(2026, 4, 1), date(2026, 4, 5))


@pytest.mark.parametrize("bad", [0, 13, -1])
def test_fiscal_start_month_out_of_range_is_refused(bad):
	with pytest.raises(PeriodError, match="from 1 to 12"):
		period_containing(date(2026, 1, 1), PeriodType.YEAR, bad)


def test_a_period_cannot_be_split_upwards():
	month = period_containing(date(2026, 1, 1), PeriodType.MONTH)
	with pytest.raises(PeriodError):
		children_of(month, PeriodType.QUARTER)


def test_unknown_period_type_is_refused():
	with pytest.raises(ValueError):
		period_containing(date(2026, 1, 1), "Fortnight")


def test_working_days_leave_out_holidays_and_weekly_offs():
	week = period_containing(date(2026, 5, 6), PeriodType.WEEK)  # 4..10 May 2026
	offs = weekly_offs(week.start, week.end)
	assert offs == {date(2026, 5, 9), date(2026, 5, 10)}
	holidays = offs | {date(2026, 5, 4)}
	assert working_days(week, holidays) == [date(2026, 5, d) for d in (5, 6, 7, 8)]


@given(day=days)
@settings(max_examples=50)
def test_working_days_of_a_month_are_the_working_days_of_its_weeks(day):
	month = period_containing(day, PeriodType.MONTH)
	offs = weekly_offs(month.start, month.end)
	from_weeks = [d for week in children_of(month) for d in working_days(week, offs)]
	assert from_weeks == working_days(month, offs)
	assert len(from_weeks) == month.days - len(offs)


def test_a_report_answers_for_a_sensible_span():
	from sales_technology.core.periods import PeriodError, check_report_columns, check_report_span

	check_report_span(date(2026, 1, 1), date(2026, 12, 31))
	with pytest.raises(PeriodError):
		check_report_span(date(2016, 1, 1), date(2026, 12, 31))
	with pytest.raises(PeriodError):
		check_report_span(date(2026, 2, 1), date(2026, 1, 1))
	check_report_columns(53)
	with pytest.raises(PeriodError):
		check_report_columns(365)  # a year by days
