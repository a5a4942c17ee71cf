"""Strategies as activity cadences (seed 004, "Перехват целевых клиентов" and "Активный охват").

A cadence is a template of steps. Each step is an activity planned a number of working days after the
cadence's start or after the previous step was done; the step's outcome (the client agreed to meet,
refused, did not answer, or simply done) chooses the next step. In the intercept, a refusal moves the
client to the long intercept plan: calls, letters, information and greetings spread over months.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sales_technology.core.errors import SalesTechnologyError

INTERCEPT = "Intercept"
ACTIVE_COVERAGE = "Active Coverage"
STRATEGIES = (INTERCEPT, ACTIVE_COVERAGE)

FROM_PREVIOUS = "Previous Step"
FROM_START = "Start"
OFFSET_BASES = (FROM_PREVIOUS, FROM_START)

AGREED = "Agreed to Meet"
REFUSED = "Refused"
NO_ANSWER = "No Answer"
DONE = "Done"
OUTCOMES = (AGREED, REFUSED, NO_ANSWER, DONE)

# a branch that ends the run instead of naming a step
END = "End"

RUNNING = "Running"
CONVERTED = "Converted to a Meeting"
REFUSED_RUN = "Refused"
COMPLETED = "Completed"
STOPPED = "Stopped"
RUN_STATUSES = (RUNNING, CONVERTED, REFUSED_RUN, COMPLETED, STOPPED)

# the standard activity results (setup/standard_activity_types.py) read as a cadence outcome when the
# rep does not pick one
_OUTCOME_OF_RESULT = {
	"Meeting booked": AGREED,
	"Decision maker met": AGREED,
	"Next meeting booked": AGREED,
	"Refused": REFUSED,
	"No answer": NO_ANSWER,
	"Call back later": NO_ANSWER,
}


class CadenceError(SalesTechnologyError):
	"""A cadence or a run the department cannot follow."""


@dataclass(frozen=True)
class Step:
	key: str
	activity_type: str
	offset_days: int = 0
	offset_from: str = FROM_PREVIOUS
	on_agreed: str = ""
	on_refused: str = ""
	on_no_answer: str = ""
	on_done: str = ""
	is_long_plan: bool = False
	asks_temperature: bool = False

	def branch(self, outcome: str) -> str:
		return {
			AGREED: self.on_agreed,
			REFUSED: self.on_refused,
			NO_ANSWER: self.on_no_answer,
			DONE: self.on_done,
		}.get(outcome, "")


def check_steps(steps: Sequence[Step]) -> None:
	"""Steps a run can follow: named once each, never planned before their base, branching to steps that
	exist, and not looping forever on the same step."""
	if not steps:
		raise CadenceError("A cadence needs at least one step")
	keys = set()
	for step in steps:
		key = (step.key or "").strip()
		if not key:
			raise CadenceError("Every step of a cadence needs its name")
		if key == END:
			raise CadenceError("{0} ends a cadence and cannot name a step", END)
		if key in keys:
			raise CadenceError("Step {0} is in the cadence twice", key)
		keys.add(key)
		if not step.activity_type:
			raise CadenceError("Step {0} needs the activity it plans", key)
		if step.offset_days is None or step.offset_days < 0:
			raise CadenceError(
				"Step {0} cannot be planned {1} working days before its base", key, -(step.offset_days or 0)
			)
		if step.offset_from not in OFFSET_BASES:
			raise CadenceError("Step {0} counts its days from the start or from the previous step", key)
	for step in steps:
		for outcome in OUTCOMES:
			target = step.branch(outcome)
			if target and target != END and target not in keys:
				raise CadenceError(
					"Step {0} branches to step {1}, which the cadence does not have", step.key, target
				)
			if target == step.key:
				raise CadenceError("Step {0} cannot branch to itself", step.key)


def outcome_of(result: str | None, chosen: str | None = None) -> str:
	"""The step's outcome: the one the rep chose, else the one the activity's result says, else done."""
	if chosen:
		if chosen not in OUTCOMES:
			raise CadenceError("{0} is not an outcome of a cadence step", chosen)
		return chosen
	return _OUTCOME_OF_RESULT.get((result or "").strip(), DONE)


def next_step(steps: Sequence[Step], key: str, outcome: str) -> Step | None:
	"""The step the outcome leads to: its branch, else the next step in order; None ends the run."""
	index = {step.key: position for position, step in enumerate(steps)}
	if key not in index:
		raise CadenceError("Step {0} is not in the cadence", key)
	current = steps[index[key]]
	target = current.branch(outcome)
	if target == END:
		return None
	if target:
		return steps[index[target]]
	following = index[key] + 1
	return steps[following] if following < len(steps) else None


def add_working_days(day: date, days: int, holidays: Collection[date]) -> date:
	"""The working day `days` working days after `day` (the day itself, or the next working one, for 0)."""
	if days < 0:
		raise CadenceError("A step cannot be planned before its base")
	while day in holidays:
		day += timedelta(days=1)
	for _ in range(days):
		day += timedelta(days=1)
		while day in holidays:
			day += timedelta(days=1)
	return day


def planned_day(
	step: Step, started_on: date, previous_done_on: date | None, holidays: Collection[date]
) -> date:
	"""When the step is due: its offset in working days from the run's start or the previous step's
	completion (the start itself for the first step)."""
	base = started_on if step.offset_from == FROM_START or previous_done_on is None else previous_done_on
	return add_working_days(base, step.offset_days, holidays)


def end_status(converted: bool, outcomes: Iterable[str]) -> str:
	"""How an ended run is counted: a meeting agreed at any step converts it; a run whose last word was a
	refusal is refused; else it completed."""
	if converted:
		return CONVERTED
	outcomes = list(outcomes)
	if outcomes and outcomes[-1] == REFUSED:
		return REFUSED_RUN
	return COMPLETED


def check_one_running(party: str, running: Collection[str], cadence: str) -> None:
	"""A client follows one cadence at a time: another must be stopped first."""
	if running:
		raise CadenceError(
			"{0} already runs the cadence {1}: stop it before starting {2}",
			party,
			sorted(running)[0],
			cadence,
		)


@dataclass(frozen=True)
class StandardStep:
	step: str
	activity_type: str
	subject: str
	offset_days: int
	offset_from: str = FROM_PREVIOUS
	channel: str = ""
	on_agreed: str = ""
	on_refused: str = ""
	on_no_answer: str = ""
	on_done: str = ""
	is_long_plan: bool = False
	asks_temperature: bool = False
	marketing_support: str = ""


FIRST_CALL = "Call the decision maker: book a meeting"
COLD_CALL = "Cold call: find the decision maker"
MEETING = "Meeting with the decision maker"
LETTER = "Personalised letter"
INTERCEPT_TOUCH = "Intercept touch"

# `shared/catalogue/cadences.csv`: the rep's steps of the two strategies (the list, the plan per
# industry and the training are the lead's and marketing's work, not a client's activity)
STANDARD_CADENCES: dict[str, dict] = {
	"Intercept": {
		"strategy": INTERCEPT,
		"seed_name": "Перехват целевого клиента",
		"description": (
			"A large target client taken from a competitor: a first call, a personalised letter if the client "
			"is not ready to meet, a second call 2–3 days after the letter arrives that ranks the client hot "
			"or warm, a meeting with a presentation and gifts; a client who refuses goes to the long "
			"intercept plan of calls, letters, information and greetings."
		),
		"steps": (
			StandardStep(
				"1", FIRST_CALL, "First call to the large client", 0, FROM_START, "Phone", "4", "2", "2"
			),
			StandardStep(
				"2",
				LETTER,
				"Personalised letter: only what serves the client's interest",
				1,
				channel="Letter",
				on_agreed="4",
				marketing_support="The letter is prepared together with marketing",
			),
			StandardStep(
				"3",
				FIRST_CALL,
				"Second call after the letter: rank the client hot or warm",
				3,
				channel="Phone",
				on_agreed="4",
				on_refused="5",
				on_no_answer="5",
				asks_temperature=True,
				marketing_support="Learn about the decision maker through social networks",
			),
			StandardStep(
				"4",
				MEETING,
				"Meeting with the large client: presentation and gifts",
				2,
				channel="Meeting at the Client",
				on_agreed=END,
				on_refused="5",
				on_no_answer="5",
				on_done=END,
				marketing_support="Presentation and promotional items (calendars, pens)",
			),
			StandardStep(
				"5",
				INTERCEPT_TOUCH,
				"Long intercept: a call with news for the client",
				20,
				channel="Phone",
				on_agreed="4",
				is_long_plan=True,
				marketing_support="Targeted ads around the client's office; PR articles",
			),
			StandardStep(
				"6",
				INTERCEPT_TOUCH,
				"Long intercept: a letter with information useful to the client",
				20,
				channel="Letter",
				on_agreed="4",
				is_long_plan=True,
				marketing_support="Information prepared by marketing",
			),
			StandardStep(
				"7",
				INTERCEPT_TOUCH,
				"Long intercept: greetings and a branded gift to the office",
				20,
				channel="Letter",
				on_agreed="4",
				is_long_plan=True,
				marketing_support="Branded gifts to the office; offers through branches",
			),
			StandardStep(
				"8",
				INTERCEPT_TOUCH,
				"Long intercept: a call to offer the meeting again",
				20,
				channel="Phone",
				on_agreed="4",
				on_refused=END,
				on_no_answer=END,
				is_long_plan=True,
				asks_temperature=True,
			),
		),
	},
	"Active Coverage": {
		"strategy": ACTIVE_COVERAGE,
		"seed_name": "Активный охват",
		"description": (
			"The other clients of the list, by industry outlook: a first call, then as the intercept: a meeting "
			"when the client agrees, a personalised letter and a second call when not."
		),
		"steps": (
			StandardStep("1", COLD_CALL, "First call", 0, FROM_START, "Phone", "4", "2", "2"),
			StandardStep("2", LETTER, "Personalised letter", 1, channel="Letter", on_agreed="4"),
			StandardStep(
				"3",
				FIRST_CALL,
				"Second call after the letter: rank the client",
				3,
				channel="Phone",
				on_agreed="4",
				on_refused=END,
				on_no_answer=END,
				asks_temperature=True,
			),
			StandardStep(
				"4",
				MEETING,
				"Meeting with the client",
				2,
				channel="Meeting at the Client",
				on_agreed=END,
				on_refused=END,
				on_no_answer=END,
			),
		),
	},
}


def standard_steps(cadence: str) -> list[Step]:
	return [
		Step(
			s.step,
			s.activity_type,
			s.offset_days,
			s.offset_from,
			s.on_agreed,
			s.on_refused,
			s.on_no_answer,
			s.on_done,
			s.is_long_plan,
			s.asks_temperature,
		)
		for s in STANDARD_CADENCES[cadence]["steps"]
	]
