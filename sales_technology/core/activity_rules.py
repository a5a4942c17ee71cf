"""What may change in the record of done work: reps are judged by it, so history is not rewritten.

A done activity belongs to its day once the day is closed (its daily report submitted, or a KPI
snapshot taken of its period): nobody below the group lead changes its date, type, party or status
afterwards, and a lead who does must say why. A rep logs work no earlier than the settings allow (the
start of the previous working day by default), never turns a Missed activity into a Done one, and
cancels a wrong activity with a reason instead of deleting it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sales_technology.core.errors import SalesTechnologyError

DONE = "Done"
MISSED = "Missed"
CANCELLED = "Cancelled"
PROTECTED = ("status", "done_at", "activity_type", "party_type", "party")


class ActivityChangeError(SalesTechnologyError):
	"""A change to the record of done work that the rules refuse."""


@dataclass(frozen=True)
class ActivityState:
	status: str
	done_at: datetime | None = None
	activity_type: str | None = None
	party_type: str | None = None
	party: str | None = None

	@property
	def done_on(self) -> date | None:
		return self.done_at.date() if self.status == DONE and self.done_at else None


def changed_fields(before: ActivityState, after: ActivityState) -> list[str]:
	return [field for field in PROTECTED if getattr(before, field) != getattr(after, field)]


def check_activity_change(
	before: ActivityState | None,
	after: ActivityState,
	*,
	is_lead: bool,
	closed_days: Collection[date],
	earliest_done_at: datetime,
	reason: str | None = None,
	cancel_reason: str | None = None,
) -> None:
	"""Raise if the change from `before` (None for a new activity) to `after` rewrites history.

	`is_lead`: the user manages the activity's rep (a group lead above them, the head, the director);
	`closed_days`: which of the days involved are closed; `earliest_done_at`: a rep's limit for Done At."""
	if after.status == CANCELLED and (before is None or before.status != CANCELLED) and not cancel_reason:
		raise ActivityChangeError("Say why the activity is cancelled: it stays visible to your group lead")
	changed = changed_fields(before, after) if before else list(PROTECTED)
	if before is not None and not changed:
		return
	closed = [
		day for day in (before.done_on if before else None, after.done_on) if day and day in closed_days
	]
	if closed:
		if not is_lead:
			raise ActivityChangeError(
				"The work of {0} is closed (its daily report is submitted or its period has a KPI snapshot): "
				"only the group lead may change it",
				min(closed),
			)
		if before is not None and not reason:
			raise ActivityChangeError(
				"The work of {0} is closed: say why you change it (Reason for the Change)", min(closed)
			)
	if is_lead:
		return
	if before is not None and before.status == MISSED and after.status == DONE:
		raise ActivityChangeError(
			"A missed activity does not become done afterwards; log what was done as new"
		)
	logs_done = after.status == DONE and (
		before is None or before.status != DONE or before.done_at != after.done_at
	)
	if logs_done and after.done_at and after.done_at < earliest_done_at:
		raise ActivityChangeError(
			"Done At cannot be earlier than {0}: older work is logged by your group lead", earliest_done_at
		)
