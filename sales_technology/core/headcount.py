"""How many reps a revenue target needs (seed 003, "Сколько нужно продавцов?": enough contacts with
enough clients for enough money): from the revenue and the average deal, the deals; back through the
conversions, the proposals, meetings and calls; through the daily norms, the rep-days; over the working
days of the period, the reps. Each segment or product whose inputs differ is planned on its own and
the rep-days add up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from sales_technology.core.errors import SalesTechnologyError


class HeadcountError(SalesTechnologyError):
	"""Inputs the planner cannot plan with."""


@dataclass(frozen=True)
class Inputs:
	revenue: float
	average_deal: float
	call_to_meeting: float  # percent
	meeting_to_proposal: float
	proposal_to_deal: float
	calls_per_day: float  # one rep's daily norms
	meetings_per_day: float
	proposals_per_day: float


@dataclass(frozen=True)
class Needs:
	deals: int
	proposals: int
	meetings: int
	calls: int
	rep_days: float


CONVERSIONS = (
	("call_to_meeting", "Calls to meetings"),
	("meeting_to_proposal", "Meetings to proposals"),
	("proposal_to_deal", "Proposals to deals"),
)
NORMS = (
	("calls_per_day", "Calls a day"),
	("meetings_per_day", "Meetings a day"),
	("proposals_per_day", "Proposals a day"),
)


# what a department that has no history yet starts from (B2B sales of the seed's kind: one meeting in ten
# calls, a proposal after every second meeting, a deal from every third proposal; a rep's day of thirty
# calls, two meetings and one proposal); the plan says which inputs it took from here, and the head
# types his own over them
FIRST_USE_INPUTS = {
	"call_to_meeting": 10.0,
	"meeting_to_proposal": 50.0,
	"proposal_to_deal": 30.0,
	"calls_per_day": 30.0,
	"meetings_per_day": 2.0,
	"proposals_per_day": 1.0,
}


def missing_inputs(values: dict[str, float | None]) -> list[str]:
	"""The inputs (of FIRST_USE_INPUTS and the average deal) that are still empty or zero."""
	return [name for name in ("average_deal", *FIRST_USE_INPUTS) if not values.get(name)]


def check_inputs(inputs: Inputs, label: str = "") -> None:
	where = f"{label}: " if label else ""
	if inputs.revenue <= 0:
		raise HeadcountError("{0}The revenue target must be above zero", where)
	if inputs.average_deal <= 0:
		raise HeadcountError("{0}The average deal must be above zero", where)
	for fieldname, name in CONVERSIONS:
		value = getattr(inputs, fieldname)
		if not 0 < value <= 100:
			raise HeadcountError(
				"{0}The conversion {1} must be above 0 % and at most 100 %, not {2} %", where, name, value
			)
	for fieldname, name in NORMS:
		if getattr(inputs, fieldname) <= 0:
			raise HeadcountError("{0}The norm {1} must be above zero", where, name)


def check_working_days(working_days: int) -> None:
	if working_days <= 0:
		raise HeadcountError("The period has no working days: choose another period or its calendar")


def needs(inputs: Inputs) -> Needs:
	"""What the revenue takes, each step up rounded to whole deals, proposals, meetings and calls; the
	rep-days are those of the norm that binds (a rep does all the day's norms in the same day)."""
	deals = math.ceil(round(inputs.revenue / inputs.average_deal, 9))
	proposals = math.ceil(round(deals * 100 / inputs.proposal_to_deal, 9))
	meetings = math.ceil(round(proposals * 100 / inputs.meeting_to_proposal, 9))
	calls = math.ceil(round(meetings * 100 / inputs.call_to_meeting, 9))
	rep_days = max(
		calls / inputs.calls_per_day,
		meetings / inputs.meetings_per_day,
		proposals / inputs.proposals_per_day,
	)
	return Needs(deals, proposals, meetings, calls, round(rep_days, 2))


def reps_needed(rep_days: Iterable[float], working_days: int) -> int:
	"""Whole reps for the rep-days of every segment over the period's working days."""
	check_working_days(working_days)
	return math.ceil(round(sum(rep_days) / working_days, 9))


def reps_to_hire(needed: int, capacity: float) -> int:
	"""The reps to hire: those needed less the reps now at full load (a new rep at his ramp-up share),
	rounded up, since half a rep short is a rep to hire."""
	return math.ceil(round(needed - capacity, 6))


def conversion(later: float, earlier: float) -> float | None:
	"""A measured conversion in percent, at most 100; none without the earlier step."""
	if not earlier or earlier <= 0:
		return None
	return round(min(later * 100 / earlier, 100.0), 2)
