"""The department's meeting rhythm (seed 004): the morning meeting every working day (9:05–9:35), the
weekly meeting every two weeks on Friday (16:00), the monthly meeting on the last Friday of the month.

The lead's one-on-ones with each rep (15-20 minutes) fall every N weeks (two by default) on a weekday,
one rep after another. A weekly or monthly meeting or a one-on-one whose day is a holiday moves to the working day before it, in the same week
or month; a morning meeting on a holiday does not take place.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sales_technology.core.errors import SalesTechnologyError

MORNING, WEEKLY, MONTHLY = "Morning Meeting", "Weekly Meeting", "Monthly Meeting"
ONE_ON_ONE = "One-on-One"
# a one-on-one lasts 15-20 minutes (seed 004): the lead's reps follow one another from the start
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class RhythmError(SalesTechnologyError):
	"""A meeting rhythm the settings cannot mean."""


@dataclass(frozen=True)
class Rhythm:
	kind: str
	start_time: time
	end_time: time | None
	weekday: int = 4  # Friday
	every_weeks: int = 1


@dataclass(frozen=True)
class ScheduledMeeting:
	kind: str
	day: date
	start_time: time
	end_time: time | None


def weekday_index(name: str) -> int:
	if name not in WEEKDAYS:
		raise RhythmError("{0} is not a day of the week", name)
	return WEEKDAYS.index(name)


def last_weekday_of_month(year: int, month: int, weekday: int) -> date:
	following = date(year + (month == 12), month % 12 + 1, 1)
	day = following - timedelta(days=1)
	return day - timedelta(days=(day.weekday() - weekday) % 7)


def is_meeting_week(day: date, every_weeks: int) -> bool:
	"""Every N weeks by the ISO week number: week 2, 4, 6… of the year for every two weeks."""
	if every_weeks < 1:
		raise RhythmError("A weekly meeting takes place every 1 week or more, not every {0}", every_weeks)
	return day.isocalendar()[1] % every_weeks == 0


def earlier_working_day(day: date, holidays: Collection[date], not_before: date) -> date | None:
	"""The day itself if it is a working day, else the nearest working day before it, not before
	`not_before` (the start of its week or month): None when there is none."""
	while day >= not_before:
		if day not in holidays:
			return day
		day -= timedelta(days=1)
	return None


def scheduled_meetings(
	rhythm: Rhythm, start: date, end: date, holidays: Collection[date]
) -> list[ScheduledMeeting]:
	"""The meetings of the rhythm from start to end (both included)."""
	days: list[date] = []
	if rhythm.kind == MORNING:
		day = start
		while day <= end:
			if day not in holidays:
				days.append(day)
			day += timedelta(days=1)
	elif rhythm.kind in (WEEKLY, ONE_ON_ONE):
		monday = start - timedelta(days=start.weekday())
		while monday <= end:
			if is_meeting_week(monday, rhythm.every_weeks):
				day = earlier_working_day(monday + timedelta(days=rhythm.weekday), holidays, monday)
				if day and start <= day <= end:
					days.append(day)
			monday += timedelta(weeks=1)
	elif rhythm.kind == MONTHLY:
		year, month = start.year, start.month
		while date(year, month, 1) <= end:
			last = last_weekday_of_month(year, month, rhythm.weekday)
			day = earlier_working_day(last, holidays, date(year, month, 1))
			if day and start <= day <= end:
				days.append(day)
			year, month = (year + 1, 1) if month == 12 else (year, month + 1)
	else:
		raise RhythmError("Unknown meeting kind {0}", rhythm.kind)
	return [ScheduledMeeting(rhythm.kind, day, rhythm.start_time, rhythm.end_time) for day in days]


ONE_ON_ONE_MINUTES = 20


def one_on_one_slots(start: time, reps: int) -> list[tuple[time, time]]:
	"""(start, end) of each rep's one-on-one, one after another from the start."""
	first = datetime.combine(date(2000, 1, 3), start)
	return [
		(
			(first + timedelta(minutes=n * ONE_ON_ONE_MINUTES)).time(),
			(first + timedelta(minutes=(n + 1) * ONE_ON_ONE_MINUTES)).time(),
		)
		for n in range(reps)
	]
