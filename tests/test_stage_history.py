"""A deal's steps through the funnel: as they happen, and rebuilt from the Version log."""

from datetime import datetime

from sales_technology.core.stage_history import (
	CLOSED,
	LOST,
	OPENED,
	REOPENED,
	STAGE_CHANGED,
	WON,
	DealState,
	days_between,
	history_from_changes,
	stage_event,
)


def test_the_events_of_a_deal():
	open_at = DealState("Prospecting", "Open")
	assert stage_event(None, open_at) == OPENED
	assert stage_event(open_at, DealState("Qualification", "Open")) == STAGE_CHANGED
	assert stage_event(open_at, DealState("Prospecting", "Replied")) is None  # no funnel step
	assert stage_event(open_at, DealState("Prospecting", "Lost")) == LOST
	assert stage_event(open_at, DealState("Negotiation/Review", "Converted")) == WON
	assert stage_event(open_at, DealState("Prospecting", "Closed")) == CLOSED
	assert stage_event(DealState("Prospecting", "Lost"), open_at) == REOPENED
	assert stage_event(open_at, open_at) is None


def test_days_in_the_stage_left():
	assert days_between(datetime(2026, 11, 1, 12), datetime(2026, 11, 4, 0)) == 2.5
	assert days_between(None, datetime(2026, 11, 4)) == 0
	assert days_between(datetime(2026, 11, 5), datetime(2026, 11, 4)) == 0


def test_the_history_of_a_deal_from_its_version_log():
	created = datetime(2026, 10, 1, 9)
	steps = history_from_changes(
		created,
		"rep@x",
		DealState("Proposal/Price Quote", "Lost"),
		[
			(datetime(2026, 10, 11, 9), "lead@x", "status", "Open", "Lost"),
			(datetime(2026, 10, 3, 9), "rep@x", "sales_stage", "Prospecting", "Qualification"),
			(datetime(2026, 10, 5, 9), "rep@x", "status", "Open", "Replied"),  # no step
			(datetime(2026, 10, 8, 9), "rep@x", "sales_stage", "Qualification", "Proposal/Price Quote"),
		],
	)
	assert [(s.event, s.after.stage, s.after.status, s.days_in_stage) for s in steps] == [
		(OPENED, "Prospecting", "Open", 0.0),
		(STAGE_CHANGED, "Qualification", "Open", 2.0),
		(STAGE_CHANGED, "Proposal/Price Quote", "Replied", 5.0),
		(LOST, "Proposal/Price Quote", "Lost", 3.0),
	]
	assert steps[-1].by == "lead@x"


def test_a_deal_without_changes_is_one_step_at_its_current_stage():
	steps = history_from_changes(datetime(2026, 10, 1), None, DealState("Qualification", "Open"), [])
	assert [(s.event, s.after) for s in steps] == [(OPENED, DealState("Qualification", "Open"))]
