"""Distribution math: children sum exactly to the parent, by the largest remainder."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sales_technology.core.distribution import (
	MONTH_NAMES,
	Coverage,
	DistributionError,
	TargetSpec,
	coverage,
	monthly_distribution_weights,
	split_targets,
	split_total,
	working_day_weights,
)
from sales_technology.core.periods import (
	PeriodType,
	children_of,
	period_containing,
	weekly_offs,
	working_days,
)

weights_lists = st.lists(st.floats(min_value=0, max_value=1e4, allow_nan=False), min_size=1, max_size=31)


@given(total=st.integers(min_value=0, max_value=10**9), weights=weights_lists)
def test_whole_numbers_sum_exactly_and_stay_within_one_of_the_exact_share(total, weights):
	shares = split_total(total, weights)
	assert sum(shares) == total
	assert all(share == int(share) and share >= 0 for share in shares)
	weight_sum = sum(weights) or len(weights)
	norm = weights if sum(weights) else [1] * len(weights)
	for share, weight in zip(shares, norm, strict=True):
		assert abs(share - total * weight / weight_sum) < 1 + 1e-6


@given(cents=st.integers(min_value=0, max_value=10**11), weights=weights_lists)
def test_amounts_sum_exactly_to_the_cent(cents, weights):
	total = cents / 100
	shares = split_total(total, weights, decimals=2)
	assert round(sum(shares) * 100) == cents
	assert all(abs(share * 100 - round(share * 100)) < 1e-3 for share in shares)


def test_largest_remainder_gives_the_leftover_units_to_the_largest_fractions():
	assert split_total(10, [1, 1, 1]) == [4, 3, 3]  # ties: earlier shares first
	assert split_total(100, [1, 2, 3, 4]) == [10, 20, 30, 40]
	assert split_total(7, [0.2, 0.3, 0.5]) == [1, 2, 4]  # exact 1.4, 2.1, 3.5
	assert split_total(1000, [22, 20, 21]) == [349, 318, 333]  # exact 349.21, 317.46, 333.33
	assert split_total(100.0, [1, 1, 1], decimals=2) == [33.34, 33.33, 33.33]


def test_zero_weights_split_equally_and_a_zero_weight_gets_nothing():
	assert split_total(9, [0, 0, 0]) == [3, 3, 3]
	assert split_total(9, [1, 0, 2]) == [3, 0, 6]


@pytest.mark.parametrize(
	"total, weights",
	[(10, []), (10, [1, -1]), (-5, [1]), (float("nan"), [1]), (float("inf"), [1]), (10, [float("nan")])],
)
def test_bad_input_is_refused(total, weights):
	with pytest.raises(DistributionError):
		split_total(total, weights)


def test_additive_targets_are_split_and_the_others_copied():
	specs = {
		"TURNOVER": TargetSpec(additive=True, whole_numbers=False),
		"COLD_CALLS": TargetSpec(additive=True, whole_numbers=True),
		"QUALITY_LEVEL": TargetSpec(additive=False, whole_numbers=False),
	}
	children = split_targets({"TURNOVER": 1000.0, "COLD_CALLS": 10, "QUALITY_LEVEL": 95}, specs, [1, 1, 1])
	assert [c["TURNOVER"] for c in children] == [333.34, 333.33, 333.33]
	assert [c["COLD_CALLS"] for c in children] == [4, 3, 3]
	assert [c["QUALITY_LEVEL"] for c in children] == [95, 95, 95]


def test_working_day_weights_of_the_weeks_of_a_month():
	month = period_containing(date(2026, 5, 1), PeriodType.MONTH)
	weeks = children_of(month)
	offs = weekly_offs(month.start, month.end) | {date(2026, 5, 1), date(2026, 5, 11)}
	weights = working_day_weights(weeks, [len(working_days(w, offs)) for w in weeks])
	# 1-3 May: Fri holiday + weekend; 4-10: 5; 11-17: 4 (Mon holiday); 18-24: 5; 25-31: 5
	assert weights == [0, 5, 4, 5, 5]
	assert split_total(19, weights) == [0, 5, 4, 5, 5]


def test_a_week_without_working_days_falls_back_to_calendar_days():
	month = period_containing(date(2026, 5, 1), PeriodType.MONTH)
	weeks = children_of(month)
	assert working_day_weights(weeks, [0] * len(weeks)) == [3, 7, 7, 7, 7]


def test_monthly_distribution_percentages():
	year = period_containing(date(2026, 1, 1), PeriodType.YEAR)
	percentages = dict.fromkeys(MONTH_NAMES, 6.0) | {"November": 15.0, "December": 25.0}
	months = children_of(year, PeriodType.MONTH)
	weights = monthly_distribution_weights(months, percentages)
	assert weights[10:] == [15.0, 25.0]
	shares = split_total(1_000_000, weights, decimals=2)
	assert shares[0] == 60_000 and shares[11] == 250_000
	assert sum(shares) == 1_000_000
	quarters = monthly_distribution_weights(children_of(year), percentages)
	assert quarters == [18.0, 18.0, 18.0, 46.0]


def test_monthly_distribution_follows_a_fiscal_year():
	year = period_containing(date(2026, 4, 1), PeriodType.YEAR, 4)
	percentages = {"April": 40.0, "May": 30.0, "June": 30.0}
	assert monthly_distribution_weights(children_of(year, fiscal_year_start_month=4), percentages) == [
		100,
		0,
		0,
		0,
	]


def test_monthly_distribution_refuses_weeks_and_empty_shares():
	month = period_containing(date(2026, 1, 1), PeriodType.MONTH)
	with pytest.raises(DistributionError):
		monthly_distribution_weights(children_of(month), {"January": 100})
	with pytest.raises(DistributionError):
		monthly_distribution_weights([month], {"February": 100})
	with pytest.raises(DistributionError):
		monthly_distribution_weights([month], {"Smarch": 100})


def test_coverage_flags_children_that_sum_below_the_parent():
	result = coverage(
		{"TURNOVER": 1000, "COLD_CALLS": 40}, [{"TURNOVER": 600, "COLD_CALLS": 20}, {"TURNOVER": 400}]
	)
	assert result["TURNOVER"] == Coverage(1000, 1000)
	assert not result["TURNOVER"].is_short
	assert result["COLD_CALLS"].uncovered == 20
	assert result["COLD_CALLS"].percent == 50
	assert result["COLD_CALLS"].is_short
	assert Coverage(0, 0).percent == 100
