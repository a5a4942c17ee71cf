"""The funnel's shape: conversions, days in a stage, the period to compare with and the training list."""

from datetime import date

import pytest

from sales_technology.core.funnel_shape import (
	FunnelShapeError,
	StageFigures,
	percentile,
	previous_period,
	share,
	weak_stages,
)
from sales_technology.core.stage_history import LOST, OPENED, STAGE_CHANGED, WON, moved_on

STAGES = ["List", "Call", "Proposal", "Meeting"]


def test_a_step_moves_the_deal_on_only_forward_or_by_winning():
	assert moved_on(STAGE_CHANGED, "Call", "Proposal", STAGES)
	assert moved_on(STAGE_CHANGED, "List", "Meeting", STAGES)  # skipping a stage is moving on
	assert not moved_on(STAGE_CHANGED, "Proposal", "Call", STAGES)  # back
	assert moved_on(WON, "Meeting", "Meeting", STAGES)
	assert not moved_on(LOST, "Call", "Call", STAGES)
	assert not moved_on(OPENED, None, "List", STAGES)
	assert not moved_on(STAGE_CHANGED, "Call", "Elsewhere", STAGES)  # not of the funnel: unknown


def test_shares_and_percentiles():
	assert share(1, 3) == 33.3
	assert share(0, 0) is None
	assert percentile([], 0.5) is None
	assert percentile([4], 0.8) == 4
	assert percentile([1, 2, 3, 4], 0.5) == 2.5
	assert percentile([10, 1, 3, 2, 4], 0.5) == 3  # order does not matter
	assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.8) == 8.2
	with pytest.raises(FunnelShapeError):
		percentile([1], 80)


def test_the_period_before():
	assert previous_period(date(2026, 11, 1), date(2026, 11, 30)) == (date(2026, 10, 1), date(2026, 10, 31))
	assert previous_period(date(2026, 3, 1), date(2026, 3, 31)) == (date(2026, 2, 1), date(2026, 2, 28))
	assert previous_period(date(2026, 10, 1), date(2026, 12, 31)) == (date(2026, 7, 1), date(2026, 9, 30))
	assert previous_period(date(2026, 1, 1), date(2026, 1, 31)) == (date(2025, 12, 1), date(2025, 12, 31))
	assert previous_period(date(2026, 11, 9), date(2026, 11, 15)) == (date(2026, 11, 2), date(2026, 11, 8))
	with pytest.raises(FunnelShapeError):
		previous_period(date(2026, 11, 9), date(2026, 11, 8))


def test_the_training_list_against_the_team():
	team = {"Call": StageFigures(20, 10), "Proposal": StageFigures(10, 6), "Meeting": StageFigures(0, 0)}
	reps = {
		("A1", "Call"): StageFigures(10, 2),  # 20 % against 50 %: 30 points below
		("A1", "Proposal"): StageFigures(4, 2),  # 50 % against 60 %: 10 points, not more than the gap
		("A2", "Call"): StageFigures(10, 8),  # better than the team
		("A2", "Proposal"): StageFigures(6, 2),  # 33.3 % against 60 %
		("A2", "Meeting"): StageFigures(1, 0),  # the team has no conversion here: says nothing
		("A2", "List"): StageFigures(0, 0),
	}
	weak = weak_stages(reps, team, gap=10, stages=STAGES)
	assert [(w.key, w.stage, w.conversion, w.reference, w.gap) for w in weak] == [
		("A1", "Call", 20.0, 50.0, 30.0),
		("A2", "Proposal", 33.3, 60.0, 26.7),
	]
	assert [w.key for w in weak_stages(reps, team, gap=25, stages=STAGES)] == ["A1", "A2"]
	assert weak_stages(reps, team, gap=30, stages=STAGES) == []
	with pytest.raises(FunnelShapeError):
		weak_stages(reps, team, gap=-1, stages=STAGES)


def test_the_training_list_against_the_reps_own_previous_period():
	now = {("A1", "Call"): StageFigures(10, 3), ("A2", "Call"): StageFigures(5, 4)}
	before = {("A1", "Call"): StageFigures(10, 6), ("A2", "Call"): StageFigures(5, 4)}
	assert [(w.key, w.gap) for w in weak_stages(now, before, gap=10, stages=STAGES)] == [("A1", 30.0)]
	# a rep new this period has nothing to be compared with
	assert weak_stages({("A3", "Call"): StageFigures(3, 0)}, before, gap=10, stages=STAGES) == []


def test_an_entry_moved_on_afterwards():
	from sales_technology.core.stage_history import moved_on_afterwards

	steps = [
		(OPENED, None, "List", False),
		(STAGE_CHANGED, "List", "Call", True),
		(STAGE_CHANGED, "Call", "List", False),  # back
		(STAGE_CHANGED, "List", "Proposal", True),  # on again, skipping the call
		(WON, "Proposal", "Proposal", True),
	]
	# both entries into the list moved on later; the call did not (it went back); the proposal was won
	assert moved_on_afterwards(steps) == [True, False, True, True, False]
	assert moved_on_afterwards([(OPENED, None, "List", False), (LOST, "List", "List", False)]) == [
		False,
		False,
	]
