"""The development matrix's rules: a cell's target, when a cell is idle, and the industry × territory
pivot."""

from datetime import date

import pytest

from sales_technology.core.development_matrix import (
	NOT_SET,
	MatrixTargetError,
	check_target,
	fulfilment,
	is_idle,
	pivot,
)


def test_a_cells_target_is_whole_clients_or_turnover_never_negative():
	check_target(5, 0)
	check_target(0, 1_000_000)
	for clients, turnover, message in (
		(-1, 0, "negative"),
		(0, -5, "negative"),
		(0, 0, "Set the"),
		(2.5, 0, "whole"),
	):
		with pytest.raises(MatrixTargetError, match=message):
			check_target(clients, turnover)


def test_a_cell_with_clients_and_no_work_for_weeks_is_idle():
	today = date(2026, 12, 3)
	assert is_idle(3, None, today, 4)
	assert is_idle(3, date(2026, 11, 5), today, 4)  # 28 days
	assert not is_idle(3, date(2026, 11, 6), today, 4)
	assert not is_idle(0, None, today, 4)  # no clients, nothing to work on


def test_fulfilment_of_a_cell():
	assert fulfilment(200, 50) == 25.0
	assert fulfilment(None, 50) is None
	assert fulfilment(0, 50) is None


def test_the_pivot_adds_up_and_puts_the_unknown_last():
	industries, territories, values = pivot(
		[
			("Logistics", "Moscow", 2),
			("Logistics", "Moscow", 1),
			("Retail", None, 4),
			(None, "Kazan", 1),
			("Logistics", "Kazan", 0),
		]
	)
	assert industries == ["Logistics", "Retail", NOT_SET]
	assert territories == ["Kazan", "Moscow", NOT_SET]
	assert values[("Logistics", "Moscow")] == 3
	assert values[("Retail", NOT_SET)] == 4
	assert values[(NOT_SET, "Kazan")] == 1
