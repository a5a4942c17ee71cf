"""The client × product matrix and its funnel index (seed 001: 19 over 4 clients, 4.75 per client)."""

from sales_technology.core.client_matrix import (
	LEVELS,
	SEED_STAGE_LEVELS,
	cell_levels,
	clients_at_each_level,
	funnel_index,
	level_of,
	name_of,
)
from sales_technology.setup.standard_funnel import SEED_STAGES


def test_levels():
	assert [level_of(name) for name in ("Informed", "Interested", "Negotiating", "Sold", None, "")] == [
		1,
		2,
		3,
		4,
		0,
		0,
	]
	assert name_of(3) == "Negotiating" and name_of(0) is None
	assert len(SEED_STAGE_LEVELS) == len(SEED_STAGES)
	assert SEED_STAGE_LEVELS[-1] == "Sold"  # the contract signed
	# the levels never go down along the funnel
	numbers = [level_of(level) for level in SEED_STAGE_LEVELS]
	assert numbers == sorted(numbers)


def test_a_cell_is_the_highest_deal_or_sold_where_invoiced():
	cells = cell_levels(
		[("A", "Pumps", 1), ("A", "Pumps", 3), ("A", "Valves", 0), ("B", "Pumps", 2)],
		[("B", "Valves"), ("A", "Pumps")],
	)
	assert cells == {("A", "Pumps"): 4, ("B", "Pumps"): 2, ("B", "Valves"): 4}


def test_the_seeds_example_of_the_funnel_index():
	# four clients, their levels per product summing to 19: 4.75 per client
	cells = {
		("C1", "P1"): 4,
		("C1", "P2"): 2,
		("C2", "P1"): 3,
		("C2", "P3"): 1,
		("C3", "P2"): 4,
		("C3", "P3"): 1,
		("C4", "P1"): 2,
		("C4", "P2"): 2,
	}
	per_client, total, average = funnel_index(cells)
	assert per_client == {"C1": 6, "C2": 4, "C3": 5, "C4": 4}
	assert (total, average) == (19, 4.75)
	assert funnel_index({}) == ({}, 0, None)
	assert clients_at_each_level(cells)["P1"] == {1: 0, 2: 1, 3: 1, 4: 1}
	assert set(LEVELS.values()) == {1, 2, 3, 4}
