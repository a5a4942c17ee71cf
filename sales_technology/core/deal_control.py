"""Deal control (seed 002): no "dead" deals, no rep deciding alone which client lives, no closed deal
vanishing into a black hole. Every closed deal carries a closing status of one of four outcomes; a rep
closes a deal only with the consent of someone above them in the tree; open deals that stopped moving
are flagged.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sales_technology.core.errors import SalesTechnologyError

WON = "Won"
LOST = "Lost"
POSTPONED = "Postponed"
DISQUALIFIED = "Disqualified"
OUTCOMES = (WON, LOST, POSTPONED, DISQUALIFIED)
# what a rep may ask for: winning is the order's doing, never a request
REQUESTABLE_OUTCOMES = (LOST, POSTPONED, DISQUALIFIED)

# the Opportunity status each outcome leaves the deal in (ERPNext's statuses)
OPPORTUNITY_STATUS = {WON: "Converted", LOST: "Lost", POSTPONED: "Closed", DISQUALIFIED: "Closed"}
# the outcome a deal closed without a chosen status gets (ERPNext's own Close, lost by a manager, won)
DEFAULT_OUTCOME = {"Converted": WON, "Lost": LOST, "Closed": DISQUALIFIED}

PENDING = "Pending"
APPROVED = "Approved"
RETURNED = "Returned"
WITHDRAWN = "Withdrawn"
REQUEST_STATUSES = (PENDING, APPROVED, RETURNED, WITHDRAWN)

# why an open deal is stale
NO_ACTIVITY = "No Activity"
PAST_CLOSING = "Past Expected Closing"
OPEN_TOO_LONG = "Open Too Long"
STALE_CONDITIONS = (NO_ACTIVITY, PAST_CLOSING, OPEN_TOO_LONG)


class DealControlError(SalesTechnologyError):
	"""A closing of a deal, or a decision on it, that the methodology refuses."""


class ConsentNeededError(DealControlError):
	"""A rep closing a deal on their own."""


@dataclass(frozen=True)
class ClosingRequest:
	outcome: str
	lost_reasons: tuple[str, ...] = ()
	competitors: tuple[str, ...] = ()
	revisit_on: date | None = None
	comment: str = ""


def check_request(request: ClosingRequest, today: date) -> None:
	"""What each outcome needs: a lost deal its reason, a postponed one the day to come back to it, a
	disqualified one why it is not our client."""
	if request.outcome not in REQUESTABLE_OUTCOMES:
		raise DealControlError(
			"A deal is closed as lost, postponed or disqualified on request; it is won by its order"
		)
	if request.outcome == LOST and not request.lost_reasons:
		raise DealControlError("A lost deal needs its reason: why did we lose it?")
	if request.outcome == POSTPONED:
		if not request.revisit_on:
			raise DealControlError("A postponed deal needs the date to come back to the client")
		if request.revisit_on <= today:
			raise DealControlError("The date to come back to the client must be after today")
	if request.outcome == DISQUALIFIED and not (request.comment or "").strip():
		raise DealControlError("A disqualified deal needs the reason it is not our client")


def closing_status_outcome(status: str, chosen_outcome: str | None) -> str | None:
	"""The outcome a deal in this Opportunity status carries: the chosen one if it fits the status, else
	the status's default; none while the deal is open."""
	if status not in DEFAULT_OUTCOME:
		return None
	if chosen_outcome and OPPORTUNITY_STATUS.get(chosen_outcome) == status:
		return chosen_outcome
	return DEFAULT_OUTCOME[status]


def needs_consent(
	roles: Collection[str],
	tree_roles: Collection[str],
	user_node: str | None,
	deal_node: str | None,
	deal_ancestors: Collection[str],
) -> bool:
	"""Whether the user may close this deal only through a request: a user of the tree's positions who
	does not stand above the deal's node, where someone does. Users outside the sales roles, and the
	ones above the deal, close it themselves."""
	if not set(roles) & set(tree_roles):
		return False
	if not deal_node or not deal_ancestors:
		return False
	return user_node not in deal_ancestors


def check_decision(
	requested_by: str, user: str, user_node: str | None, deal_ancestors: Collection[str], manages_all: bool
) -> None:
	"""Who decides on a request: someone above the deal's node (or the director), never who asked."""
	if user == requested_by:
		raise DealControlError("You cannot decide on your own request: it goes to the one above you")
	if manages_all:
		return
	if not user_node or user_node not in deal_ancestors:
		raise DealControlError("Only a lead above the deal's Sales Person decides on its closing")


def check_pending(status: str) -> None:
	if status != PENDING:
		raise DealControlError("The request is already {0}", status)


def stale_conditions(
	last_activity: date | None,
	opened_on: date,
	expected_closing: date | None,
	today: date,
	stale_days: int,
	max_duration_days: int,
) -> list[str]:
	"""Why an open deal is stale: no activity for `stale_days` (counted from its opening when it had
	none), past its expected closing, or open longer than the longest a deal may last. The stale-deal job
	asks the same in one query per condition."""
	found = []
	if (today - (last_activity or opened_on)).days >= stale_days:
		found.append(NO_ACTIVITY)
	if expected_closing and expected_closing < today:
		found.append(PAST_CLOSING)
	if (today - opened_on).days > max_duration_days:
		found.append(OPEN_TOO_LONG)
	return found


# the seed's endings of a deal and their criteria (name, outcome, criteria): a head renames, adds or
# disables them in Deal Closing Status
STANDARD_CLOSING_STATUSES = (
	(
		"Won",
		WON,
		"The client ordered: the deal turned into a sales order or an invoice",
	),
	(
		"Lost",
		LOST,
		"The client decided against us: chose a competitor, has no budget, made no decision, or does it "
		"themselves; the reason is required, and the competitor where it went to one",
	),
	(
		"Postponed",
		POSTPONED,
		"The client will decide later: the date to come back to them is required, and the deal returns "
		"into work on that date",
	),
	(
		"Disqualified",
		DISQUALIFIED,
		"Not our client: outside our segments, no need for our product, or no way to reach the decision "
		"maker; why is required",
	),
)
