"""Knowing each competitor (seed 004, "Перехват целевых клиентов"): intelligence collected by marketing
and the reps from calls, visits, materials and what our clients tell us; a positioning table per
competitor (our exclusive strengths, the strengths we share, their exclusive weaknesses: never
disparage), monitored every month.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sales_technology.core.errors import SalesTechnologyError

CALL = "Call to the Competitor"
VISIT = "Visit to the Competitor"
MATERIALS = "Their Materials"
CLIENT_ACCOUNT = "A Client's Account"
WEBSITE = "Website"
EXHIBITION = "Exhibition"
OTHER = "Other"
SOURCES = (CALL, VISIT, MATERIALS, CLIENT_ACCOUNT, WEBSITE, EXHIBITION, OTHER)
CLIENT_DOCTYPES = ("Lead", "Prospect", "Customer")

# positioning against a competitor, in the order a rep uses it in front of the client
OUR_EXCLUSIVE_STRENGTH = "Our Exclusive Strength"
SHARED_STRENGTH = "Shared Strength"
THEIR_EXCLUSIVE_WEAKNESS = "Their Exclusive Weakness"
POSITION_CLASSES = (OUR_EXCLUSIVE_STRENGTH, SHARED_STRENGTH, THEIR_EXCLUSIVE_WEAKNESS)

# the checklists' purposes
CALL_CHECKLIST = "Call to a Competitor"
CLIENT_INTERVIEW = "Client Interview"
CHECKLIST_PURPOSES = (CALL_CHECKLIST, CLIENT_INTERVIEW, VISIT)


class CompetitorIntelError(SalesTechnologyError):
	"""Intelligence or positioning the department cannot use."""


@dataclass(frozen=True)
class Intel:
	competitor: str | None
	source: str | None
	collected_on: date | None
	party_type: str | None = None
	party: str | None = None


def check_intel(intel: Intel, today: date) -> None:
	"""Whose intel, from where, when; a client's account names the client who told us."""
	if not intel.competitor:
		raise CompetitorIntelError("Intel needs the competitor it is about")
	if not intel.source:
		raise CompetitorIntelError("Intel needs its source: where did it come from?")
	if intel.source not in SOURCES:
		raise CompetitorIntelError("{0} is not a source of intel", intel.source)
	if intel.collected_on and intel.collected_on > today:
		raise CompetitorIntelError("Intel cannot be collected in the future")
	if intel.party_type and intel.party_type not in CLIENT_DOCTYPES:
		raise CompetitorIntelError("The client who told us is a lead, a prospect or a customer")
	if bool(intel.party_type) != bool(intel.party):
		raise CompetitorIntelError("Name the client who told us, or leave both client fields empty")
	if intel.source == CLIENT_ACCOUNT and not intel.party:
		raise CompetitorIntelError("A client's account needs the client who told us")


@dataclass(frozen=True)
class Position:
	criterion: str
	position_class: str
	ours: str = ""
	theirs: str = ""


def check_positions(positions: Iterable[Position]) -> None:
	"""Every row a criterion, once, of one of the three classes."""
	seen = set()
	for position in positions:
		criterion = (position.criterion or "").strip()
		if not criterion:
			raise CompetitorIntelError("Every row of the positioning names its criterion")
		if position.position_class not in POSITION_CLASSES:
			raise CompetitorIntelError(
				"Class the criterion {0}: our exclusive strength, a shared strength or their exclusive weakness",
				criterion,
			)
		key = criterion.casefold()
		if key in seen:
			raise CompetitorIntelError("The criterion {0} is in the positioning twice", criterion)
		seen.add(key)


def battle_card(positions: Iterable[Position]) -> dict[str, list[Position]]:
	"""The rows by class, in the order the rep speaks: what only we have, what we both have, what only
	they lack; each class in the table's order."""
	card = {position_class: [] for position_class in POSITION_CLASSES}
	for position in positions:
		card[position.position_class].append(position)
	return card


def is_stale(last_update: date | None, today: date, days: int) -> bool:
	"""A competitor nobody learned anything about for more than `days` days (never counts as stale)."""
	return last_update is None or (today - last_update).days > days


def monitoring_month(day: date) -> tuple[date, date]:
	"""The month a monitoring task covers and is due by (its last day)."""
	start = day.replace(day=1)
	following = (start + timedelta(days=32)).replace(day=1)
	return start, following - timedelta(days=1)


# The checklists the department starts with (seed 004; the questions of the call and the visit are our
# reading of "each rep calls the competitors with a checklist"; the client interview's are the seed's)
STANDARD_CHECKLISTS = (
	(
		"Call to a competitor",
		CALL_CHECKLIST,
		(
			"Who answered, and how fast did they answer?",
			"What did they offer for our typical order, and at what price?",
			"What terms of delivery and payment did they name?",
			"What did they offer beyond the request (extra services, discounts)?",
			"How did they answer an objection on price or terms?",
			"Did they ask about our needs, and did they follow up after the call?",
		),
	),
	(
		"Client interview about a competitor",
		CLIENT_INTERVIEW,
		(
			"What commercial offers does the competitor make to you?",
			"How does the competitor solve your problems when something goes wrong?",
			"Who at the competitor works with you, and how often do you hear from them?",
			"How did you come to work with the competitor: their advertising or their active sales?",
			"What do you value most in working with them, and what would you change?",
		),
	),
	(
		"Visit to a competitor",
		VISIT,
		(
			"What did you see of their office, staff and service?",
			"Which services and products do they show, and which materials did you take?",
			"What strengths and weaknesses did you notice?",
		),
	),
)
