"""Plan periods: Year → Quarter → Month → Week → Day.

Weeks run Monday to Sunday but are clipped to their month, so that a month is exactly the union of
its weeks and every plan level nests in the one above it. Years and quarters may follow a fiscal
year that starts on the first day of any month.

Pure Python: the Frappe layer passes holidays and the fiscal year start month in.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from dateutil.relativedelta import MO, SU, relativedelta

from sales_technology.core.errors import SalesTechnologyError


class PeriodType(str, Enum):
	YEAR = "Year"
	QUARTER = "Quarter"
	MONTH = "Month"
	WEEK = "Week"
	DAY = "Day"

	@property
	def level(self) -> int:
		return _LEVELS.index(self)

	@property
	def parent(self) -> PeriodType | None:
		return _LEVELS[self.level - 1] if self.level > 0 else None

	@property
	def child(self) -> PeriodType | None:
		return _LEVELS[self.level + 1] if self.level < len(_LEVELS) - 1 else None


_LEVELS = (PeriodType.YEAR, PeriodType.QUARTER, PeriodType.MONTH, PeriodType.WEEK, PeriodType.DAY)


class PeriodError(SalesTechnologyError):
	"""A period that does not exist in the plan calendar."""


@dataclass(frozen=True, order=True)
class Period:
	"""A closed date range [start, end] of one period type."""

	start: date
	end: date
	period_type: PeriodType

	@property
	def days(self) -> int:
		return (self.end - self.start).days + 1

	def __contains__(self, day: date) -> bool:
		return self.start <= day <= self.end

	def dates(self) -> Iterator[date]:
		day = self.start
		while day <= self.end:
			yield day
			day += timedelta(days=1)

	def label(self, fiscal_year_start_month: int = 1) -> str:
		"""A short human name: 2026, 2026-27, Q1 2026, 2026-03, 2026-03-02..08, 2026-03-02."""
		if self.period_type is PeriodType.YEAR:
			if fiscal_year_start_month == 1:
				return str(self.start.year)
			return f"{self.start.year}-{str(self.end.year)[-2:]}"
		if self.period_type is PeriodType.QUARTER:
			year = period_containing(self.start, PeriodType.YEAR, fiscal_year_start_month)
			number = (_month_index(self.start) - _month_index(year.start)) // 3 + 1
			return f"Q{number} {year.label(fiscal_year_start_month)}"
		if self.period_type is PeriodType.MONTH:
			return self.start.strftime("%Y-%m")
		if self.period_type is PeriodType.WEEK:
			return f"{self.start.isoformat()}..{self.end.day:02d}"
		return self.start.isoformat()


def _check_fiscal_start(fiscal_year_start_month: int) -> None:
	if not isinstance(fiscal_year_start_month, int) or not 1 <= fiscal_year_start_month <= 12:
		raise PeriodError(
			"The fiscal year must start in a month from 1 to 12, not {0}", fiscal_year_start_month
		)


def _month_index(day: date) -> int:
	return day.year * 12 + day.month - 1


def _month_start(index: int) -> date:
	return date(index // 12, index % 12 + 1, 1)


def _months_block(day: date, length: int, fiscal_year_start_month: int) -> tuple[date, date]:
	"""The block of `length` months containing `day`, blocks counted from the fiscal year start."""
	offset = (_month_index(day) - (fiscal_year_start_month - 1)) % length
	first = _month_index(day) - offset
	return _month_start(first), _month_start(first + length) - timedelta(days=1)


def period_containing(day: date, period_type: PeriodType | str, fiscal_year_start_month: int = 1) -> Period:
	"""The period of the given type that contains `day`."""
	period_type = PeriodType(period_type)
	_check_fiscal_start(fiscal_year_start_month)
	if period_type is PeriodType.YEAR:
		start, end = _months_block(day, 12, fiscal_year_start_month)
	elif period_type is PeriodType.QUARTER:
		start, end = _months_block(day, 3, fiscal_year_start_month)
	elif period_type is PeriodType.MONTH:
		start, end = _months_block(day, 1, 1)
	elif period_type is PeriodType.WEEK:
		month_start, month_end = _months_block(day, 1, 1)
		start = max(day + relativedelta(weekday=MO(-1)), month_start)
		end = min(day + relativedelta(weekday=SU(+1)), month_end)
	else:
		start = end = day
	return Period(start, end, period_type)


def period_starting(start: date, period_type: PeriodType | str, fiscal_year_start_month: int = 1) -> Period:
	"""The period of the given type that starts on `start`; refuses a misaligned start."""
	period = period_containing(start, period_type, fiscal_year_start_month)
	if period.start != start:
		raise PeriodError(
			"A {0} period cannot start on {1}: the {0} containing that date starts on {2}",
			period.period_type.value,
			start.isoformat(),
			period.start.isoformat(),
		)
	return period


def parent_of(period: Period, fiscal_year_start_month: int = 1) -> Period | None:
	"""The period one level up that contains this one; None for a year."""
	parent_type = period.period_type.parent
	if parent_type is None:
		return None
	return period_containing(period.start, parent_type, fiscal_year_start_month)


def children_of(
	period: Period, child_type: PeriodType | str | None = None, fiscal_year_start_month: int = 1
) -> list[Period]:
	"""The periods of `child_type` (default: one level down) that partition this period."""
	child_type = PeriodType(child_type) if child_type else period.period_type.child
	if child_type is None:
		return []
	if child_type.level <= period.period_type.level:
		raise PeriodError(
			"A {0} cannot be split into {1} periods", period.period_type.value, child_type.value
		)
	children = []
	day = period.start
	while day <= period.end:
		child = period_containing(day, child_type, fiscal_year_start_month)
		children.append(child)
		day = child.end + timedelta(days=1)
	return children


def working_days(period: Period, holidays: Collection[date]) -> list[date]:
	"""The dates of the period that are not holidays (weekly offs belong in `holidays`)."""
	return [day for day in period.dates() if day not in holidays]


def weekly_offs(start: date, end: date, weekdays: Collection[int] = (5, 6)) -> set[date]:
	"""The days from start to end that fall on the weekly off days (Saturday and Sunday by default)."""
	offs = set()
	day = start
	while day <= end:
		if day.weekday() in weekdays:
			offs.add(day)
		day += timedelta(days=1)
	return offs


# a report with a column or a row per day (or per bucket) answers for a sensible span, not for any span a
# user types: one rep's request for ten years of days would hold a worker for minutes
MAX_REPORT_DAYS = 366
MAX_REPORT_COLUMNS = 62


def check_report_span(start: date, end: date, max_days: int = MAX_REPORT_DAYS) -> None:
	if end < start:
		raise PeriodError("To Date cannot be before From Date")
	if (end - start).days + 1 > max_days:
		raise PeriodError("Choose at most {0} days: the report has a column or row for each day", max_days)


def check_report_columns(count: int, max_columns: int = MAX_REPORT_COLUMNS) -> None:
	if count > max_columns:
		raise PeriodError(
			"The report would have {0} columns: choose longer columns or a shorter span (at most {1})",
			count,
			max_columns,
		)


def consecutive_ranges(days: Iterable[date]) -> list[tuple[date, date]]:
	"""Days joined into (first, last) runs of consecutive days: one rewrite of kept facts per run."""
	runs: list[list[date]] = []
	for day in sorted(set(days)):
		if runs and day == runs[-1][1] + timedelta(days=1):
			runs[-1][1] = day
		else:
			runs.append([day, day])
	return [(first, last) for first, last in runs]
