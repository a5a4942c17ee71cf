import pytest

from sales_technology.core.fulfilment import (
	AT_RISK,
	BEHIND,
	ON_TRACK,
	deviation,
	fulfilment,
	run_rate_forecast,
	status,
)
from sales_technology.core.plan_rules import HIGHER_IS_BETTER, LOWER_IS_BETTER


@pytest.mark.parametrize(
	"target, fact, direction, expected",
	[
		(100, 80, HIGHER_IS_BETTER, 80),
		(100, 120, HIGHER_IS_BETTER, 120),
		(0, 5, HIGHER_IS_BETTER, None),
		(10, 8, LOWER_IS_BETTER, 100),  # fewer claims than allowed
		(10, 20, LOWER_IS_BETTER, 50),
		(0, 0, LOWER_IS_BETTER, 100),
	],
)
def test_fulfilment_respects_direction(target, fact, direction, expected):
	assert fulfilment(target, fact, direction) == expected


def test_run_rate_forecast():
	assert run_rate_forecast(100, 10, 20, additive=True) == 200
	assert run_rate_forecast(95, 10, 20, additive=False) == 95  # a level does not add up
	assert run_rate_forecast(100, 0, 20, additive=True) == 100
	assert run_rate_forecast(100, 20, 20, additive=True) == 100


def test_status_and_deviation():
	assert status(100, 120, HIGHER_IS_BETTER) == ON_TRACK
	assert status(100, 95, HIGHER_IS_BETTER) == AT_RISK
	assert status(100, 50, HIGHER_IS_BETTER) == BEHIND
	assert status(10, 12, LOWER_IS_BETTER) == BEHIND  # 83 %
	assert status(10, 10.5, LOWER_IS_BETTER) == AT_RISK
	assert deviation(100, 80) == -20


def test_a_plan_summary_counts_no_kpi_above_100_percent():
	from sales_technology.core.fulfilment import plan_summary

	assert plan_summary([50.0, 150.0]) == (75.0, 50.0)  # not 100 %: turnover is half done
	assert plan_summary([100.0, 120.0, None]) == (100.0, 100.0)
	assert plan_summary([None]) == (None, None)
	assert plan_summary([]) == (None, None)
