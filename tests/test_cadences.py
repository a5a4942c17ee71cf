"""Cadence rules: steps a run can follow, branching by the step's outcome, working-day offsets."""

from __future__ import annotations

from datetime import date

import pytest

from sales_technology.core.cadences import (
	AGREED,
	COMPLETED,
	CONVERTED,
	DONE,
	END,
	FROM_START,
	NO_ANSWER,
	REFUSED,
	REFUSED_RUN,
	STANDARD_CADENCES,
	CadenceError,
	Step,
	add_working_days,
	check_one_running,
	check_steps,
	end_status,
	next_step,
	outcome_of,
	planned_day,
	standard_steps,
)

# 2026-12-05 and 06 are a weekend; 2026-12-08 a holiday of this test's calendar
HOLIDAYS = {date(2026, 12, 5), date(2026, 12, 6), date(2026, 12, 8)}


def steps(*items: Step) -> list[Step]:
	return list(items)


def test_the_standard_cadences_are_valid_and_the_intercept_has_a_long_plan():
	for name in STANDARD_CADENCES:
		check_steps(standard_steps(name))
	intercept = standard_steps("Intercept")
	assert [step.key for step in intercept if step.is_long_plan] == ["5", "6", "7", "8"]
	assert any(step.asks_temperature for step in intercept)


@pytest.mark.parametrize(
	"bad, message",
	[
		([], "at least one step"),
		([Step("", "Call")], "needs its name"),
		([Step("1", "Call"), Step("1", "Letter")], "twice"),
		([Step("1", "")], "needs the activity"),
		([Step("1", "Call", offset_days=-2)], "2 working days before"),
		([Step("1", "Call", offset_from="Tomorrow")], "from the start or from the previous step"),
		([Step("1", "Call", on_refused="9")], "branches to step 9"),
		([Step("1", "Call", on_agreed="1")], "cannot branch to itself"),
		([Step(END, "Call")], "ends a cadence"),
	],
)
def test_steps_a_run_cannot_follow_are_refused(bad, message):
	with pytest.raises(CadenceError, match=message):
		check_steps(bad)


def test_a_branch_to_end_is_not_a_missing_step():
	check_steps([Step("1", "Call", on_agreed=END)])


def test_the_outcome_is_the_reps_choice_else_read_from_the_result():
	assert outcome_of("Meeting booked") == AGREED
	assert outcome_of("Refused") == REFUSED
	assert outcome_of("No answer") == NO_ANSWER
	assert outcome_of("Proposal sent") == DONE
	assert outcome_of(None) == DONE
	assert outcome_of("Meeting booked", REFUSED) == REFUSED
	with pytest.raises(CadenceError, match="not an outcome"):
		outcome_of(None, "Maybe")


def test_the_intercept_branches_by_the_outcome():
	intercept = standard_steps("Intercept")
	# the first call: a meeting when the client agrees, the personalised letter when not
	assert next_step(intercept, "1", AGREED).key == "4"
	assert next_step(intercept, "1", REFUSED).key == "2"
	assert next_step(intercept, "1", NO_ANSWER).key == "2"
	# the letter is followed by the second call
	assert next_step(intercept, "2", DONE).key == "3"
	# a refusal at the second call switches the client to the long intercept plan
	long_plan = next_step(intercept, "3", REFUSED)
	assert long_plan.key == "5" and long_plan.is_long_plan
	# the long plan goes on touch after touch, and back to the meeting when the client agrees
	assert next_step(intercept, "5", DONE).key == "6"
	assert next_step(intercept, "6", AGREED).key == "4"
	# the meeting held ends the run; its last long-plan call refused ends it too
	assert next_step(intercept, "4", AGREED) is None
	assert next_step(intercept, "4", DONE) is None
	assert next_step(intercept, "8", REFUSED) is None


def test_without_a_branch_the_next_step_in_order_follows_and_the_last_ends():
	cadence = [Step("a", "Call"), Step("b", "Letter")]
	assert next_step(cadence, "a", REFUSED).key == "b"
	assert next_step(cadence, "b", DONE) is None
	with pytest.raises(CadenceError, match="not in the cadence"):
		next_step(cadence, "z", DONE)


def test_working_days_skip_weekends_and_holidays():
	friday = date(2026, 12, 4)
	assert add_working_days(friday, 0, HOLIDAYS) == friday
	# Saturday counted from is the Monday; one working day after Friday is Monday, two is Wednesday
	assert add_working_days(date(2026, 12, 5), 0, HOLIDAYS) == date(2026, 12, 7)
	assert add_working_days(friday, 1, HOLIDAYS) == date(2026, 12, 7)
	assert add_working_days(friday, 2, HOLIDAYS) == date(2026, 12, 9)
	with pytest.raises(CadenceError):
		add_working_days(friday, -1, HOLIDAYS)


def test_a_step_counts_from_the_previous_step_or_from_the_start():
	started, done = date(2026, 12, 1), date(2026, 12, 4)
	assert planned_day(Step("2", "Letter", offset_days=1), started, done, HOLIDAYS) == date(2026, 12, 7)
	assert planned_day(
		Step("2", "Letter", offset_days=1, offset_from=FROM_START), started, done, HOLIDAYS
	) == date(2026, 12, 2)
	# the first step has no previous one: the start is its base
	assert planned_day(Step("1", "Call", offset_days=0), started, None, HOLIDAYS) == started


def test_how_an_ended_run_is_counted():
	assert end_status(True, [AGREED, REFUSED]) == CONVERTED
	assert end_status(False, [NO_ANSWER, REFUSED]) == REFUSED_RUN
	assert end_status(False, [REFUSED, DONE]) == COMPLETED
	assert end_status(False, []) == COMPLETED


def test_a_client_runs_one_cadence_at_a_time():
	check_one_running("Acme", [], "Intercept")
	with pytest.raises(CadenceError, match="already runs the cadence SCR-1"):
		check_one_running("Acme", ["SCR-1"], "Intercept")
