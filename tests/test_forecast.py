"""The forecast's rules: the week a Monday report speaks of, a deal's weighted amount, what a step of a
deal's history changes, and the figures added up along the tree."""

from datetime import date

from sales_technology.core.forecast import (
	LOST,
	MOVED_BACK,
	MOVED_FORWARD,
	NEW,
	WON,
	Forecast,
	Node,
	change_of,
	reported_week,
	rolled_up,
	weighted,
)


def test_the_report_speaks_of_the_week_before():
	assert reported_week(date(2026, 11, 9)) == (date(2026, 11, 2), date(2026, 11, 8))
	# any day of a week reports the same week before
	assert reported_week(date(2026, 11, 15)) == (date(2026, 11, 2), date(2026, 11, 8))
	assert reported_week(date(2027, 1, 4)) == (date(2026, 12, 28), date(2027, 1, 3))


def test_a_deal_weighs_its_amount_at_its_probability():
	assert weighted(100_000, 50) == 50_000
	assert weighted(100_000, 0) == 0
	assert weighted(100_000, None) == 0
	# out-of-range probabilities are held to 0..100 %
	assert weighted(100_000, 150) == 100_000
	assert weighted(100_000, -5) == 0


def test_what_each_step_changes():
	assert change_of("Opened", False) == NEW
	assert change_of("Stage Changed", True) == MOVED_FORWARD
	assert change_of("Stage Changed", False) == MOVED_BACK
	assert change_of("Won", False) == WON
	assert change_of("Lost", False) == LOST
	assert change_of("Closed", False) == LOST
	assert change_of("Reopened", False) is None


def test_figures_add_up_along_the_tree():
	# Department [1, 10] ├ Group A [2, 7] ├ A1 [3, 4], A2 [5, 6]; └ Group B [8, 9]
	nodes = [Node("Dept", 1, 10), Node("A", 2, 7), Node("A1", 3, 4), Node("A2", 5, 6), Node("B", 8, 9)]
	own = {
		"A1": Forecast(open_deals=3, pipeline=380_000, weighted_month=50_000, moved_forward=1),
		"A2": Forecast(open_deals=1, pipeline=40_000, weighted_month=20_000, deals_won=2),
		"B": Forecast(open_deals=1, pipeline=60_000, weighted_month=6_000, deals_lost=1),
	}
	result = rolled_up(nodes, own)
	assert (result["A"].open_deals, result["A"].pipeline, result["A"].weighted_month) == (4, 420_000, 70_000)
	assert (result["Dept"].open_deals, result["Dept"].weighted_month) == (5, 76_000)
	assert (result["Dept"].moved_forward, result["Dept"].deals_won, result["Dept"].deals_lost) == (1, 2, 1)
	assert result["A1"].open_deals == 3
	# a node without deals has zeros, not nothing
	assert result["B"].weighted_quarter == 0
