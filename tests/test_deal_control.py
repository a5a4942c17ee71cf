"""Deal control's rules: what each ending needs, who closes a deal alone, who decides on a request, and
when an open deal is stale."""

from datetime import date

import pytest

from sales_technology.core.deal_control import (
	DISQUALIFIED,
	LOST,
	NO_ACTIVITY,
	OPEN_TOO_LONG,
	PAST_CLOSING,
	POSTPONED,
	STANDARD_CLOSING_STATUSES,
	WON,
	ClosingRequest,
	DealControlError,
	check_decision,
	check_pending,
	check_request,
	closing_status_outcome,
	needs_consent,
	stale_conditions,
)

TODAY = date(2026, 12, 3)
TREE = ("Sales Rep", "Sales Group Lead", "Sales Head")


@pytest.mark.parametrize(
	"request_, message",
	[
		(ClosingRequest(LOST), "reason"),
		(ClosingRequest(POSTPONED), "date to come back"),
		(ClosingRequest(POSTPONED, revisit_on=TODAY), "after today"),
		(ClosingRequest(DISQUALIFIED, comment="  "), "not our client"),
		(ClosingRequest(WON), "won by its order"),
	],
)
def test_each_ending_refuses_what_it_lacks(request_, message):
	with pytest.raises(DealControlError) as refused:
		check_request(request_, TODAY)
	assert message in str(refused.value)


@pytest.mark.parametrize(
	"request_",
	[
		ClosingRequest(LOST, lost_reasons=("Price",)),
		ClosingRequest(LOST, lost_reasons=("Price",), competitors=("Rival",)),
		ClosingRequest(POSTPONED, revisit_on=date(2027, 2, 1)),
		ClosingRequest(DISQUALIFIED, comment="Retail, not our segment"),
	],
)
def test_a_complete_request_passes(request_):
	check_request(request_, TODAY)


def test_the_closing_status_follows_the_opportunity_status():
	assert closing_status_outcome("Open", LOST) is None
	assert closing_status_outcome("Lost", None) == LOST
	assert closing_status_outcome("Closed", POSTPONED) == POSTPONED
	assert closing_status_outcome("Closed", None) == DISQUALIFIED
	# a chosen status of another outcome does not fit: the default of the status
	assert closing_status_outcome("Converted", LOST) == WON
	assert closing_status_outcome("Lost", POSTPONED) == LOST


def test_a_rep_below_someone_needs_consent():
	ancestors = ("Department", "Group A")
	assert needs_consent({"Sales Rep", "Sales User"}, TREE, "Rep A1", "Rep A1", ancestors)
	# the lead's own deal: the head above consents
	assert needs_consent({"Sales Group Lead"}, TREE, "Group A", "Group A", ("Department",))
	# the lead closes the rep's deal: his consent is given
	assert not needs_consent({"Sales Group Lead"}, TREE, "Group A", "Rep A1", ancestors)
	# a lead of another group is not above the deal
	assert needs_consent({"Sales Group Lead"}, TREE, "Group B", "Rep A1", ancestors)
	# nobody above: the head closes alone
	assert not needs_consent({"Sales Head"}, TREE, "Department", "Department", ())
	# users outside the sales positions close as ERPNext lets them
	assert not needs_consent({"Sales User", "Sales Manager"}, TREE, None, "Rep A1", ancestors)


def test_who_decides_on_a_request():
	ancestors = ("Department", "Group A")
	check_decision("rep@x", "lead@x", "Group A", ancestors, manages_all=False)
	check_decision("rep@x", "head@x", "Department", ancestors, manages_all=False)
	check_decision("rep@x", "director@x", None, ancestors, manages_all=True)
	with pytest.raises(DealControlError, match="your own request"):
		check_decision("lead@x", "lead@x", "Group A", ("Department",), manages_all=False)
	with pytest.raises(DealControlError, match="your own request"):
		check_decision("director@x", "director@x", None, ancestors, manages_all=True)
	with pytest.raises(DealControlError, match="above the deal"):
		check_decision("rep@x", "leadb@x", "Group B", ancestors, manages_all=False)
	with pytest.raises(DealControlError, match="above the deal"):
		check_decision("rep@x", "rep2@x", "Rep A2", ancestors, manages_all=False)


def test_a_decided_request_stays_decided():
	check_pending("Pending")
	with pytest.raises(DealControlError, match="already Approved"):
		check_pending("Approved")


@pytest.mark.parametrize(
	"last, opened, closing, expected",
	[
		(date(2026, 11, 30), date(2026, 11, 1), date(2026, 12, 20), []),
		# 14 days without activity, on the 14th day
		(date(2026, 11, 19), date(2026, 11, 1), None, [NO_ACTIVITY]),
		(date(2026, 11, 20), date(2026, 11, 1), None, []),
		# no activity ever: counted from the opening
		(None, date(2026, 11, 19), None, [NO_ACTIVITY]),
		(None, date(2026, 11, 25), date(2026, 12, 2), [PAST_CLOSING]),
		(date(2026, 12, 1), date(2026, 12, 3), date(2026, 12, 3), []),
		# open longer than 180 days
		(date(2026, 12, 1), date(2026, 6, 5), None, [OPEN_TOO_LONG]),
		(date(2026, 12, 1), date(2026, 6, 6), None, []),
		(None, date(2026, 1, 10), date(2026, 3, 1), [NO_ACTIVITY, PAST_CLOSING, OPEN_TOO_LONG]),
	],
)
def test_when_a_deal_is_stale(last, opened, closing, expected):
	assert stale_conditions(last, opened, closing, TODAY, stale_days=14, max_duration_days=180) == expected


def test_the_standard_statuses_cover_every_outcome_once():
	outcomes = [outcome for _name, outcome, _criteria in STANDARD_CLOSING_STATUSES]
	assert sorted(outcomes) == sorted({WON, LOST, POSTPONED, DISQUALIFIED})
	assert all(criteria.strip() for _name, _outcome, criteria in STANDARD_CLOSING_STATUSES)
