"""Claims (seed 000, process 2.15: everyone handles the client's claims; 4.4 quality feedback): each
claim is answered and resolved by the deadlines of its category's service level, and one that misses
them goes up the line, to the rep's lead first and, still unresolved some hours later, to the head.

ERPNext keeps the deadlines and the moments (an Issue's Response By and First Responded On, Resolution
By and Resolution Date); what was kept, missed or is still running is read from them here."""

from __future__ import annotations

from datetime import datetime, timedelta

# a claim is an ERPNext Issue of this type (the Claims count KPI counts them)
CLAIM_ISSUE_TYPE = "Claim"
# the statuses of ERPNext's Issue in which a claim is done with (its agreement is fulfilled in them)
CLOSED_STATUSES = ("Resolved", "Closed")
KEPT, MISSED, RUNNING = "Kept", "Missed", "Running"
LEAD, HEAD = "Lead", "Head"
# a claim's levels, in the order it climbs them
ESCALATION_LEVELS = ("", LEAD, HEAD)


def is_claim(issue) -> bool:
	return issue.get("issue_type") == CLAIM_ISSUE_TYPE


def deadline_outcome(due: datetime | None, done: datetime | None, now: datetime) -> str | None:
	"""Whether a deadline was kept: done by it, done after it or not done and past it (missed), or not
	done and not due yet (running); None for a claim without that deadline."""
	if not due:
		return None
	if done:
		return KEPT if done <= due else MISSED
	return MISSED if now > due else RUNNING


def overdue_since(
	response_by: datetime | None,
	responded_on: datetime | None,
	resolution_by: datetime | None,
	resolved_on: datetime | None,
	now: datetime,
) -> datetime | None:
	"""Since when an open claim is past a deadline it has not met (the earlier one missed), or None."""
	missed = [
		due
		for due, done in ((response_by, responded_on), (resolution_by, resolved_on))
		if due and not done and now > due
	]
	return min(missed) if missed else None


def escalation_level(
	current: str | None, since: datetime | None, now: datetime, to_head_after_hours: float
) -> str | None:
	"""The level an overdue claim is to be raised to now, or None where it stays where it is: to the lead
	as soon as it is overdue, to the head once it has been overdue `to_head_after_hours` (never back)."""
	if since is None:
		return None
	wanted = HEAD if now - since >= timedelta(hours=to_head_after_hours) else LEAD
	if ESCALATION_LEVELS.index(wanted) <= ESCALATION_LEVELS.index(current or ""):
		return None
	return wanted


def levels_reached(current: str | None, raised_to: str) -> tuple[str, ...]:
	"""The levels a claim climbs on its way from where it is to where it is raised: a claim found long
	overdue goes to the head and is told to the lead on its way."""
	start = ESCALATION_LEVELS.index(current or "") + 1
	return ESCALATION_LEVELS[start : ESCALATION_LEVELS.index(raised_to) + 1]


# (name, Russian name, response hours, resolution hours, description): the categories a site starts with;
# the head changes their hours, adds and removes categories (each working hours of the company's days)
STANDARD_CLAIM_CATEGORIES = (
	("Product Quality", "Качество продукции", 4, 40, "The product or service does not do what was agreed"),
	("Late or Short Delivery", "Сроки и комплектность поставки", 4, 24, "Late, short or wrong delivery"),
	("Documents", "Документы", 8, 16, "Invoices, acts and contracts with mistakes"),
	("Treatment of the Client", "Обслуживание клиента", 4, 40, "How the client was treated by our people"),
)
DEFAULT_CLAIM_CATEGORY = "Product Quality"
