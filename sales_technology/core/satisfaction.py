"""The client's word after a deal is won and after each closed claim (seed 000, 4.3 satisfaction and 4.4
quality feedback): a short survey of one score and a comment, behind a signed link that works once and
for a month. A won deal asks how satisfied the client is; a closed claim, how well it was handled."""

from __future__ import annotations

from datetime import date, timedelta

from sales_technology.core.feedback import QUALITY_TEMPLATE, SATISFACTION_TEMPLATE

DEAL_WON, CLAIM_CLOSED = "Deal Won", "Claim Closed"
# the Quality Feedback template each survey's answer is kept under (and the KPI it feeds)
SURVEY_TEMPLATES = {DEAL_WON: SATISFACTION_TEMPLATE, CLAIM_CLOSED: QUALITY_TEMPLATE}
SURVEY_DAYS = 30
SENT, ANSWERED, EXPIRED = "Sent", "Answered", "Expired"
LOWEST_SCORE, HIGHEST_SCORE = 1, 5


class SurveyClosed(ValueError):
	"""The survey was answered already, or its month has passed."""


def expiry(sent_on: date) -> date:
	return sent_on + timedelta(days=SURVEY_DAYS)


def survey_state(status: str, expires_on: date | None, today: date) -> str:
	"""Whether the client may still answer: Sent (open), Answered, or Expired."""
	if status == ANSWERED:
		return ANSWERED
	if expires_on and today > expires_on:
		return EXPIRED
	return SENT


def checked_score(score) -> int:
	"""The score as the 1 to 5 the survey offers; anything else is refused."""
	try:
		value = int(score)
	except (TypeError, ValueError):
		raise ValueError(f"not a score: {score!r}") from None
	if not LOWEST_SCORE <= value <= HIGHEST_SCORE:
		raise ValueError(f"a score is {LOWEST_SCORE} to {HIGHEST_SCORE}, not {value}")
	return value
