"""A deal's way through the funnel (seed 002, 003): every change of an Opportunity's stage, and its
opening, winning, losing, closing and reopening, with the days it spent in the stage it left.

The same rule reads a change as it happens and rebuilds the history of a deal that existed before the
app from ERPNext's Version log.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

OPENED, STAGE_CHANGED, WON, LOST, CLOSED, REOPENED = (
	"Opened",
	"Stage Changed",
	"Won",
	"Lost",
	"Closed",
	"Reopened",
)
# ERPNext's Opportunity statuses that end a deal, and the event each is
ENDING_STATUSES = {"Converted": WON, "Lost": LOST, "Closed": CLOSED}


@dataclass(frozen=True)
class DealState:
	stage: str | None
	status: str | None


@dataclass(frozen=True)
class StageStep:
	event: str
	at: datetime
	by: str | None
	before: DealState | None
	after: DealState
	days_in_stage: float


def stage_event(before: DealState | None, after: DealState) -> str | None:
	"""The funnel event a change is, or None (a change among the open statuses, Open to Replied or
	Quotation, on the same stage, is no step of the funnel)."""
	if before is None:
		return OPENED
	if before.status != after.status:
		if after.status in ENDING_STATUSES:
			return ENDING_STATUSES[after.status]
		if before.status in ENDING_STATUSES:
			return REOPENED
	if before.stage != after.stage:
		return STAGE_CHANGED
	return None


def moved_on(event: str, from_stage: str | None, to_stage: str | None, order: Sequence[str]) -> bool:
	"""Whether a step takes the deal on from the stage it left: won, or moved to a later stage of its
	funnel (`order`, the funnel's stages first to last). Moving back, losing or closing does not."""
	if event == WON:
		return True
	if event != STAGE_CHANGED or from_stage not in order or to_stage not in order:
		return False
	return order.index(to_stage) > order.index(from_stage)


ENTERING = (OPENED, STAGE_CHANGED, REOPENED)  # the events that put a deal on a stage


def moved_on_afterwards(steps: list[tuple[str, str | None, str | None, bool]]) -> list[bool]:
	"""For each step (event, from stage, to stage, moved on) of a deal, oldest first: whether it put the
	deal on a stage that the deal moved on from later (the funnel report's cohort conversion)."""
	result = [False] * len(steps)
	for index, (event, _from, to_stage, _moved) in enumerate(steps):
		if event in ENTERING:
			result[index] = any(
				moved and from_stage == to_stage for _e, from_stage, _t, moved in steps[index + 1 :]
			)
	return result


def days_between(earlier: datetime | None, later: datetime) -> float:
	if not earlier:
		return 0.0
	return round(max((later - earlier).total_seconds(), 0) / 86400, 2)


def history_from_changes(
	created_at: datetime,
	created_by: str | None,
	current: DealState,
	changes: Iterable[tuple[datetime, str | None, str, str | None, str | None]],
) -> list[StageStep]:
	"""The steps of a deal from its Version log: `changes` are (when, who, field, old, new) of the
	fields `sales_stage` and `status`, oldest first; the deal opened in the state before the first change
	of each field (its current one where that field never changed)."""
	changes = sorted(changes, key=lambda change: change[0])
	first_old = {}
	for _at, _by, field, old, _new in changes:
		first_old.setdefault(field, old)
	state = DealState(first_old.get("sales_stage", current.stage), first_old.get("status", current.status))
	steps = [StageStep(OPENED, created_at, created_by, None, state, 0.0)]
	since = created_at
	for at, by, field, _old, new in changes:
		after = DealState(new, state.status) if field == "sales_stage" else DealState(state.stage, new)
		event = stage_event(state, after)
		if event:
			steps.append(StageStep(event, at, by, state, after, days_between(since, at)))
			since = at
		state = after
	return steps
