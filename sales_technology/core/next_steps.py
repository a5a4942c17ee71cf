"""How far a party came after each of its done activities: whether it took the funnel's next step
afterwards, and which meeting was its first, with the calls it took to get there.

Kept on the activities themselves (`reached_next_step`, `first_meeting`, `calls_before_meeting`), so that
the conversions and the call-to-meeting iterations are plain KPIs over activities, kept per Sales Person
and day like the others, instead of a search through each party's history on every read. A party's
activities are few: the rules read them all when one of them changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

# what counts as the next step after an activity of a KPI tag: a meeting of any kind, or a tag of these
WORKING_MEETING_TAGS = ("Needs Meeting", "Terms Meeting")
CALL_TAGS = ("Cold Call", "Call to Decision Maker")
ANY_MEETING = "meeting"
NEXT_STEPS: dict[str, str | tuple[str, ...]] = {
	"Cold Call": ANY_MEETING,
	"Cold Meeting": WORKING_MEETING_TAGS,
	"Needs Meeting": ("Terms Meeting",),
}


@dataclass(frozen=True)
class Step:
	"""A party's done activity, as the rules read it."""

	name: str
	kpi_tag: str | None
	is_meeting: bool
	channel: str | None
	done_at: datetime | None


@dataclass(frozen=True)
class StepFacts:
	reached_next_step: int = 0
	first_meeting: int = 0
	calls_before_meeting: int = 0


def is_next_step(tag: str | None, step: Step) -> bool:
	"""Whether `step` is the next step after an activity tagged `tag`."""
	wanted = NEXT_STEPS.get(tag or "")
	if wanted is None:
		return False
	if wanted == ANY_MEETING:
		return bool(step.is_meeting)
	return step.kpi_tag in wanted


def is_call(step: Step) -> bool:
	return not step.is_meeting and (step.channel == "Phone" or step.kpi_tag in CALL_TAGS)


def party_step_facts(steps: Iterable[Step]) -> dict[str, StepFacts]:
	"""The facts of each of one party's done activities.

	An activity reached its next step when the party had one at or after it, whoever did it (counted
	for the rep who did the first step, as the conversions count). The first meeting is the party's
	earliest done meeting ever (ties by name); the calls before it are the party's done calls before its
	time. An activity without a time has neither."""
	steps = [step for step in steps]
	timed = [step for step in steps if step.done_at is not None]
	meetings = sorted((step for step in timed if step.is_meeting), key=lambda step: (step.done_at, step.name))
	first = meetings[0] if meetings else None
	facts = {}
	for step in steps:
		reached = (
			step.done_at is not None
			and step.kpi_tag in NEXT_STEPS
			and any(later.done_at >= step.done_at and is_next_step(step.kpi_tag, later) for later in timed)
		)
		calls = (
			sum(1 for call in timed if is_call(call) and call.done_at < first.done_at)
			if first is not None and step.name == first.name
			else 0
		)
		facts[step.name] = StepFacts(
			reached_next_step=int(reached),
			first_meeting=int(first is not None and step.name == first.name),
			calls_before_meeting=calls,
		)
	return facts
