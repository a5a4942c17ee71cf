"""The daily report's deadline: a report submitted after the deadline of its own day is late."""

from __future__ import annotations

from datetime import date, datetime, time


def deadline_of(report_date: date, deadline: time) -> datetime:
	return datetime.combine(report_date, deadline)


def is_late(submitted_at: datetime, report_date: date, deadline: time) -> bool:
	return submitted_at > deadline_of(report_date, deadline)
