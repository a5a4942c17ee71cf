"""Which funnel a deal is in, its stages and the probability its stage gives."""

import pytest

from sales_technology.core.funnels import (
	DealProfile,
	FunnelError,
	FunnelRule,
	FunnelStage,
	check_stage_in_funnel,
	check_stages,
	choose_funnel,
	probability,
)

FUNNELS = [
	FunnelRule("Default", is_default=True),
	FunnelRule("Equipment", item_group="Equipment"),
	FunnelRule("Equipment for Retail", item_group="Equipment", market_segment="Retail"),
	FunnelRule("Services", item_group="Services"),
]


def test_the_deal_goes_to_the_funnel_meeting_most_of_its_criteria():
	assert choose_funnel(FUNNELS, DealProfile(frozenset({"Equipment"}), "Retail")) == "Equipment for Retail"
	assert choose_funnel(FUNNELS, DealProfile(frozenset({"Equipment"}), "Banks")) == "Equipment"
	assert choose_funnel(FUNNELS, DealProfile(frozenset({"Services", "Other"}))) == "Services"
	assert choose_funnel(FUNNELS, DealProfile(frozenset(), "Retail")) == "Default"
	assert choose_funnel([FunnelRule("Only", item_group="X")], DealProfile()) is None


def test_a_funnels_stages():
	check_stages([FunnelStage("A", 10, 5, 10, True), FunnelStage("B", 50)])
	for stages in (
		[],
		[FunnelStage("A"), FunnelStage("A")],
		[FunnelStage("A", 120)],
		[FunnelStage("A", 10, 20, 10)],
		[FunnelStage("A", is_key_stage=True), FunnelStage("B", is_key_stage=True)],
	):
		with pytest.raises(FunnelError):
			check_stages(stages)


def test_a_deal_stays_on_its_funnels_stages():
	check_stage_in_funnel("A", "F", ["A", "B"])
	check_stage_in_funnel(None, "F", ["A"])
	with pytest.raises(FunnelError):
		check_stage_in_funnel("C", "F", ["A", "B"])


def test_the_probability_follows_the_stage_unless_typed():
	assert probability(True, False, 10, 40) == 40
	assert probability(True, True, 15, 40) == 15
	assert probability(False, False, 10, 40) == 10
	assert probability(True, False, 10, None) == 10
