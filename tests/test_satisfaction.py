from datetime import date

import pytest

from sales_technology.core.feedback import QUALITY_TEMPLATE, SATISFACTION_TEMPLATE
from sales_technology.core.satisfaction import (
	ANSWERED,
	CLAIM_CLOSED,
	DEAL_WON,
	EXPIRED,
	SENT,
	SURVEY_TEMPLATES,
	checked_score,
	expiry,
	survey_state,
)


def test_a_survey_is_open_for_a_month_and_answered_once():
	sent = date(2026, 12, 7)
	assert expiry(sent) == date(2027, 1, 6)
	assert survey_state(SENT, expiry(sent), date(2027, 1, 6)) == SENT
	assert survey_state(SENT, expiry(sent), date(2027, 1, 7)) == EXPIRED
	assert survey_state(ANSWERED, expiry(sent), date(2026, 12, 8)) == ANSWERED
	assert survey_state(ANSWERED, expiry(sent), date(2027, 2, 1)) == ANSWERED


def test_only_the_scores_the_survey_offers():
	assert [checked_score(score) for score in (1, "3", 5)] == [1, 3, 5]
	for wrong in (0, 6, "five", None, ""):
		with pytest.raises(ValueError):
			checked_score(wrong)


def test_a_won_deal_asks_for_satisfaction_a_closed_claim_for_quality():
	assert SURVEY_TEMPLATES == {DEAL_WON: SATISFACTION_TEMPLATE, CLAIM_CLOSED: QUALITY_TEMPLATE}
