"""The headcount planner's arithmetic (seed 003: how many reps make enough contacts with enough
clients for enough money) and the inputs it refuses."""

import pytest

from sales_technology.core.headcount import (
	HeadcountError,
	Inputs,
	Needs,
	check_inputs,
	conversion,
	needs,
	reps_needed,
	reps_to_hire,
)

QUARTER = Inputs(
	revenue=12_000_000,
	average_deal=400_000,
	call_to_meeting=10,
	meeting_to_proposal=40,
	proposal_to_deal=25,
	calls_per_day=30,
	meetings_per_day=2,
	proposals_per_day=1,
)


def test_from_revenue_back_to_calls_and_rep_days():
	# 30 deals; 120 proposals; 300 meetings; 3,000 calls; the meetings bind: 150 rep-days
	assert needs(QUARTER) == Needs(deals=30, proposals=120, meetings=300, calls=3000, rep_days=150)
	assert reps_needed([150], 63) == 3  # 150 / 63 = 2.38: three reps
	assert reps_needed([126], 63) == 2  # exactly two


def test_each_step_rounds_up_to_whole_things():
	small = Inputs(1_000_000, 300_000, 15, 35, 30, 40, 3, 2)
	# 3.33 → 4 deals; 13.3 → 14 proposals; 40 meetings; 266.7 → 267 calls
	result = needs(small)
	assert (result.deals, result.proposals, result.meetings, result.calls) == (4, 14, 40, 267)
	# calls 6.68 days, meetings 13.33, proposals 7: the meetings bind
	assert result.rep_days == 13.33


def test_segments_add_their_rep_days():
	assert reps_needed([100, 50.5], 63) == 3
	assert reps_needed([], 63) == 0


@pytest.mark.parametrize(
	"field, value, message",
	[
		("call_to_meeting", 0, "above 0 %"),
		("meeting_to_proposal", 120, "at most 100 %"),
		("proposal_to_deal", -5, "above 0 %"),
		("revenue", 0, "revenue target"),
		("average_deal", 0, "average deal"),
		("meetings_per_day", 0, "norm"),
	],
)
def test_inputs_it_cannot_plan_with(field, value, message):
	values = {**QUARTER.__dict__, field: value}
	with pytest.raises(HeadcountError) as refused:
		check_inputs(Inputs(**values), "Retail")
	assert message in str(refused.value)
	assert str(refused.value).startswith("Retail: ")


def test_a_period_without_working_days():
	with pytest.raises(HeadcountError, match="no working days"):
		reps_needed([10], 0)


def test_measured_conversions():
	assert conversion(30, 300) == 10
	assert conversion(5, 3) == 100  # more meetings than calls (incoming ones): held to 100 %
	assert conversion(3, 0) is None


def test_a_new_rep_counts_at_his_share_and_half_a_rep_short_is_a_rep_to_hire():
	assert reps_to_hire(5, 5) == 0
	assert reps_to_hire(5, 4.3) == 1  # four full reps and a new one at 30 %: 0.7 of a rep short
	assert reps_to_hire(5, 3.6) == 2
	assert reps_to_hire(3, 4.0) == -1  # more than the target needs
	assert reps_to_hire(4, 3.0000001) == 1
