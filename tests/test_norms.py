"""Norm inheritance down the Sales Person tree, norm and Day plan evaluation, the report deadline."""

from datetime import date, datetime, time

import pytest

from sales_technology.core.daily_report import is_late
from sales_technology.core.norms import (
	Norm,
	NormError,
	Shortfall,
	check_norm,
	effective_norms,
	evaluate_norms,
	evaluate_plan,
	ramped_norms,
	required_counts,
	share_done,
)

PATH = ["Sales Team", "Department", "Group A", "Rep A1"]
NORMS = [
	Norm("Department", "COLD_CALLS", "Day", minimum=20),
	Norm("Group A", "COLD_CALLS", "Day", minimum=30),
	Norm("Department", "MEETINGS_NEEDS", "Week", minimum=5),
	Norm("Department", "TECH_PROPOSALS", "Day", minimum=1),
	Norm("Group B", "COLD_CALLS", "Day", minimum=50),  # another branch
	Norm("Rep A1", "NONSTANDARD_SITUATIONS", "Day", maximum=2),
]


def test_the_nearest_node_wins_and_other_branches_do_not_count():
	day = effective_norms(PATH, NORMS, "Day")
	assert day["COLD_CALLS"].sales_person == "Group A"
	assert day["COLD_CALLS"].minimum == 30
	assert day["TECH_PROPOSALS"].sales_person == "Department"
	assert day["NONSTANDARD_SITUATIONS"].maximum == 2
	assert set(day) == {"COLD_CALLS", "TECH_PROPOSALS", "NONSTANDARD_SITUATIONS"}
	assert set(effective_norms(PATH, NORMS, "Week")) == {"MEETINGS_NEEDS"}


def test_a_rep_of_another_group_inherits_from_the_department():
	day = effective_norms(["Sales Team", "Department", "Group C", "Rep C1"], NORMS, "Day")
	assert day["COLD_CALLS"].minimum == 20


def test_the_order_of_the_norms_does_not_matter():
	assert effective_norms(PATH, list(reversed(NORMS)), "Day") == effective_norms(PATH, NORMS, "Day")


def test_evaluation_flags_below_minimum_and_above_maximum():
	norms = effective_norms(PATH, NORMS, "Day")
	broken = evaluate_norms(norms, {"COLD_CALLS": 25, "TECH_PROPOSALS": 1, "NONSTANDARD_SITUATIONS": 3})
	assert broken == [
		Shortfall("COLD_CALLS", 25, 30, None, "norm"),
		Shortfall("NONSTANDARD_SITUATIONS", 3, None, 2, "norm"),
	]
	assert broken[0].is_below and not broken[1].is_below
	assert evaluate_norms(norms, {"COLD_CALLS": 30, "TECH_PROPOSALS": 2}) == []


def test_day_plan_evaluation_respects_direction():
	targets = {"COLD_CALLS": 10, "MEETINGS_NEEDS": 2, "NONSTANDARD_SITUATIONS": 1}
	missed = evaluate_plan(
		targets, {"COLD_CALLS": 10, "NONSTANDARD_SITUATIONS": 2}, ["NONSTANDARD_SITUATIONS"]
	)
	assert missed == [
		Shortfall("MEETINGS_NEEDS", 0, 2, None, "plan"),
		Shortfall("NONSTANDARD_SITUATIONS", 2, None, 1, "plan"),
	]


@pytest.mark.parametrize(
	"period_type, minimum, maximum",
	[("Day", 5, 3), ("Day", None, None), ("Year", 1, None), ("Week", -1, None)],
)
def test_impossible_norms_are_refused(period_type, minimum, maximum):
	with pytest.raises(NormError):
		check_norm("COLD_CALLS", period_type, minimum, maximum)


def test_sane_norms_pass():
	check_norm("COLD_CALLS", "Day", 20, None)
	check_norm("OPEN", "Month", 3, 3)
	check_norm("OPEN", "Week", None, 10)


def test_late_daily_report():
	assert not is_late(datetime(2026, 5, 5, 18, 59), date(2026, 5, 5), time(19, 0))
	assert is_late(datetime(2026, 5, 5, 19, 0, 1), date(2026, 5, 5), time(19, 0))
	assert is_late(datetime(2026, 5, 6, 9, 0), date(2026, 5, 5), time(19, 0))


def test_the_day_asks_for_the_higher_of_plan_and_norm():
	norms = effective_norms(PATH, NORMS, "Day")
	targets = {"COLD_CALLS": 25, "TECH_PROPOSALS": 2, "NONSTANDARD_SITUATIONS": 1}
	required = required_counts(targets, norms, lower_is_better={"NONSTANDARD_SITUATIONS"})
	# the group's norm of 30 calls beats the plan's 25; the plan's 2 proposals beat the norm's 1;
	# a "lower is better" KPI asks for nothing, and a maximum is no requirement
	assert required == {"COLD_CALLS": 30, "TECH_PROPOSALS": 2}


def test_share_done_does_not_let_one_kpi_make_up_for_another():
	required = {"COLD_CALLS": 30, "TECH_PROPOSALS": 2}
	assert share_done(required, {"COLD_CALLS": 45, "TECH_PROPOSALS": 0}) == 93.75  # 30 of 32
	assert share_done(required, {"COLD_CALLS": 15, "TECH_PROPOSALS": 1}) == 50
	assert share_done(required, {}) == 0
	assert share_done({}, {"COLD_CALLS": 3}) is None  # nothing was asked


def test_a_new_reps_norm_minimums_follow_his_ramp_up_and_maximums_stay():
	norms = {
		"COLD_CALLS": Norm("Group A", "COLD_CALLS", "Day", 20, None),
		"MEETINGS": Norm("Group A", "MEETINGS", "Day", 3, 6),
		"HOURS": Norm("Group A", "HOURS", "Day", 2.5, None),
		"LIMIT": Norm("Group A", "LIMIT", "Day", None, 10),
	}
	ramped = ramped_norms(norms, 0.3)
	assert ramped["COLD_CALLS"].minimum == 6
	assert ramped["MEETINGS"].minimum == 1  # 0.9 of a meeting is one meeting
	assert ramped["MEETINGS"].maximum == 6
	assert ramped["HOURS"].minimum == 0.75
	assert ramped["LIMIT"] == norms["LIMIT"]
	assert ramped_norms(norms, 1.0) == norms
	# a share of 60 % of 20 calls is 12, not 12.000000000000002 rounded up to 13
	assert ramped_norms(norms, 0.6)["COLD_CALLS"].minimum == 12
	assert evaluate_norms(ramped, {"COLD_CALLS": 6, "MEETINGS": 1, "HOURS": 1}) == []
