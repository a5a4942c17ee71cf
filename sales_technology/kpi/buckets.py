"""The period bucket of a date column, computed by the database, aligned as `core.periods` aligns it.

Day: the date; Week: its Monday, or the first of the month where the week began in the month before;
Month: the first of the month; Quarter and Year: the first month of the block of 3 or 12 months counted
from the fiscal year's start month.
"""

from __future__ import annotations

from datetime import date, datetime

from pypika import CustomFunction
from pypika.terms import Term

from sales_technology.core.periods import PeriodType

_DateFormat = CustomFunction("DATE_FORMAT", ["date", "format"])
_Weekday = CustomFunction("WEEKDAY", ["date"])
_SubDate = CustomFunction("SUBDATE", ["date", "days"])
_Greatest = CustomFunction("GREATEST", ["a", "b"])
_Year = CustomFunction("YEAR", ["date"])
_Month = CustomFunction("MONTH", ["date"])
_Mod = CustomFunction("MOD", ["a", "b"])
_MakeDate = CustomFunction("STR_TO_DATE", ["text", "format"])
_Concat = CustomFunction("CONCAT_WS", ["separator", "a", "b", "c"])
_Floor = CustomFunction("FLOOR", ["value"])
_Date = CustomFunction("DATE", ["value"])


def bucket_start(column: Term, bucket: PeriodType, fiscal_year_start_month: int = 1) -> Term:
	"""An SQL expression giving the first day of the bucket that contains `column`."""
	day = _Date(column)
	if bucket is PeriodType.DAY:
		return day
	month_start = _DateFormat(day, "%Y-%m-01")
	if bucket is PeriodType.MONTH:
		return month_start
	if bucket is PeriodType.WEEK:
		return _Greatest(_SubDate(day, _Weekday(day)), month_start)
	length = 3 if bucket is PeriodType.QUARTER else 12
	month_index = _Year(day) * 12 + _Month(day) - 1
	start_index = month_index - _Mod(month_index - (fiscal_year_start_month - 1), length)
	return _MakeDate(_Concat("-", _Floor(start_index / 12), _Mod(start_index, 12) + 1, 1), "%Y-%m-%d")


def bucket_date(value: date | datetime | str) -> date:
	"""A bucket start as the database returns it (a date, or text from DATE_FORMAT) as a date, without
	a general date parser: a report reads thousands of them."""
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	return date.fromisoformat(str(value)[:10])
