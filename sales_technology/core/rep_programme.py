"""The new rep's programme (seed 004, «Обучение нового менеджера по продажам»): dated steps from the day
he joins, each with the person who owns it, and what of it is done, still to come and overdue.

The steps and their days are `catalogue/new_rep_programme.csv`; the days are our reading of the seed, but
the support talks' (two weeks, one month, two months). A step's day counts working days: the first
working day on or after the start is day 1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sales_technology.core.errors import SalesTechnologyError

# who owns a step: the new rep, his group lead, the head of the department, or the experienced colleague
# the lead names as mentor (the lead himself while there is none)
REP = "Rep"
LEAD = "Group Lead"
HEAD = "Head"
MENTOR = "Mentor"
OWNER_KINDS = (REP, LEAD, HEAD, MENTOR)

# what a step asks for before it is done
TASK = "Task"
EXAM = "Exam"
TALK = "Support Talk"
STEP_KINDS = (TASK, EXAM, TALK)

OPEN = "Open"
DONE = "Done"

# the exam's pass mark out of 100 in the standard programme: our reading (the seed names none)
EXAM_PASS_MARK = 70.0

# a new rep's share of a full rep's plan in each month of his programme, in percent (our reading of the
# seed's ramp-up: the first month a third, the second two thirds, then full)
STANDARD_RAMP_UP = "30, 60, 100"

# "during probation" (the books): our reading is three months of working days
PROBATION_WORKING_DAYS = 60


@dataclass(frozen=True)
class ProgrammeStep:
	title: str
	owner: str
	working_day: int
	what_to_do: str
	evidence: str
	kind: str = TASK
	pass_mark: float | None = None


STANDARD_PROGRAMME_NAME = "Standard Programme"

# the seed's programme in English (ru.csv gives the seed's own words): catalogue/new_rep_programme.csv
STANDARD_PROGRAMME: tuple[ProgrammeStep, ...] = (
	ProgrammeStep(
		"Induction briefing by the head",
		HEAD,
		1,
		"Brief the new rep on the company's internal instructions, signed by the rep",
		"Signed acknowledgement",
	),
	ProgrammeStep(
		"Adaptation on the first day",
		LEAD,
		1,
		"Show where everything is; introduce the sales development staff; the new rep is never left alone "
		"on day one",
		"Done",
	),
	ProgrammeStep(
		"The company's story",
		HEAD,
		2,
		"History, mission, goals; which services we offer and why clients need them",
		"Done",
	),
	ProgrammeStep(
		"How the work is done",
		LEAD,
		2,
		"The principles of the work, the requirements for staff and the schedule",
		"Done",
	),
	ProgrammeStep(
		"Self-study of the technology's documents and standards",
		REP,
		5,
		"Self-study of the department's standards library",
		"Standards confirmed as read",
	),
	ProgrammeStep(
		"Training in other departments",
		HEAD,
		10,
		"A training programme across the company's departments",
		"Done per department",
	),
	ProgrammeStep(
		"Exam after the training",
		HEAD,
		12,
		"Check that the rep learned the departments' work",
		"Exam score and pass mark",
		EXAM,
		EXAM_PASS_MARK,
	),
	ProgrammeStep(
		"Training for the new rep",
		LEAD,
		12,
		"Which companies can be clients, target segments, sources of information and client lists, how to "
		"call and book meetings",
		"Done",
	),
	ProgrammeStep(
		"The competitors' activity",
		LEAD,
		13,
		"What distinguishes us from the competitors, our strengths and weaknesses (the battle cards)",
		"Done",
	),
	ProgrammeStep(
		"Cold-call training day",
		LEAD,
		14,
		"The head picks an under-worked city; a list of companies is made; the new rep cold-calls it under "
		"supervision: a market survey and a list of prospects",
		"Calls logged on the day",
	),
	ProgrammeStep(
		"First calls to clients",
		LEAD,
		15,
		"The lead and the rep sit side by side; the rep calls from the list and books meetings",
		"Calls and meetings booked",
	),
	ProgrammeStep(
		"First meetings",
		MENTOR,
		20,
		"With the lead or an experienced rep; a debrief after each; the experienced colleague leads the "
		"first two, the new rep the third",
		"Three meetings with debriefs",
	),
	ProgrammeStep(
		"The personal sales technology",
		LEAD,
		25,
		"Decide how the rep works best: letters then calls; cold calls; mass cold visits; pairing on "
		"closing for someone who finds cold contact hard",
		"Personal technology written",
	),
	ProgrammeStep(
		"Book assignments",
		LEAD,
		PROBATION_WORKING_DAYS,
		"Books from the department's library; 30 minutes a day of reading with a short summary during "
		"probation; a deadline per book, then an attestation of what was learned and the summary",
		"Summary and attestation",
	),
	ProgrammeStep(
		"Support talk after two weeks",
		LEAD,
		10,
		"How well is he doing; moral support through early failures; an open talk with examples from one's "
		"own experience",
		"Talk notes",
		TALK,
	),
	ProgrammeStep(
		"Support talk after one month",
		LEAD,
		21,
		"How well is he doing; moral support through early failures; an open talk with examples from one's "
		"own experience",
		"Talk notes",
		TALK,
	),
	ProgrammeStep(
		"Support talk after two months",
		LEAD,
		42,
		"How well is he doing; moral support through early failures; an open talk with examples from one's "
		"own experience",
		"Talk notes",
		TALK,
	),
)


def nth_working_day(start: date, n: int, is_holiday: Callable[[date], bool]) -> date:
	"""The n-th working day counting from the start (the first working day on or after it is day 1)."""
	day, counted = start, 0
	while True:
		if not is_holiday(day):
			counted += 1
			if counted >= max(n, 1):
				return day
		day += timedelta(days=1)


def calendar_window(start: date, working_days: Iterable[int]) -> date:
	"""A last day surely past the latest of the working days (to read the holidays up to): a week of five
	working days, and a month of holidays besides."""
	longest = max(working_days, default=1)
	return start + timedelta(days=longest * 7 // 5 + 45)


@dataclass(frozen=True)
class Progress:
	total: int
	done: int
	to_come: int
	overdue: int


def step_is_overdue(status: str, due: date | None, today: date) -> bool:
	return status != DONE and due is not None and due < today


def progress(steps: Iterable[tuple[str, date | None]], today: date) -> Progress:
	"""Of (status, due date) per step: how many are done, still to come and overdue."""
	rows = list(steps)
	done = sum(1 for status, _due in rows if status == DONE)
	overdue = sum(1 for status, due in rows if step_is_overdue(status, due, today))
	return Progress(len(rows), done, len(rows) - done - overdue, overdue)


def exam_passed(score: float | None, pass_mark: float | None) -> bool:
	return score is not None and score >= (pass_mark or 0)


def may_change_step(owner: str, relation: str | None) -> bool:
	"""Whether a person may mark a step done or write its result: who manages the rep (his lead, the head)
	any step, the mentor's too (the lead sits in the debriefs); the rep his own steps only."""
	if relation == "manager":
		return True
	return relation == "rep" and owner == REP


def missing_for_done(
	kind: str, notes: str | None, score: float | None, pass_mark: float | None
) -> str | None:
	"""What a step still lacks to be done: a talk its notes (what was said), an exam a passing score."""
	if kind == TALK and not (notes or "").strip():
		return "notes"
	if kind == EXAM and not exam_passed(score, pass_mark):
		return "score"
	return None


class RampUpError(SalesTechnologyError):
	"""A ramp-up that is not a list of shares between 0 and 100."""


def parse_ramp_up(text: str | None) -> list[float]:
	"""'30, 60, 100' as [30.0, 60.0, 100.0]: the share of each month of the programme, in percent."""
	shares = []
	for part in (text or "").replace(";", ",").split(","):
		if not part.strip():
			continue
		try:
			share = float(part.strip().rstrip("%"))
		except ValueError:
			raise RampUpError(
				"The ramp-up {0} is not a list of percentages such as 30, 60, 100", text
			) from None
		if not 0 < share <= 100:
			raise RampUpError(
				"Each month's share of the ramp-up is above 0 and at most 100 %: {0}", part.strip()
			)
		shares.append(share)
	return shares


def ramp_share(shares: list[float], start: date, period_start: date) -> float:
	"""A new rep's weight in a period: his programme's share for the month the period starts in (its first
	month is the month he joined), full after the last."""
	months = (period_start.year - start.year) * 12 + period_start.month - start.month
	if not shares or months >= len(shares):
		return 1.0
	return shares[max(months, 0)] / 100


def ramp_share_over(shares: list[float], start: date, period_start: date, period_end: date) -> float:
	"""A new rep's weight over a period of several months (a quarter's headcount plan): the average of
	his months' shares."""
	firsts = []
	month = date(period_start.year, period_start.month, 1)
	while month <= period_end:
		firsts.append(month)
		month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
	return sum(ramp_share(shares, start, first) for first in firsts) / len(firsts) if firsts else 1.0
