"""The development matrix (seed 004, weekly, strategic): clients developed by industry and region, each
cell with its clients by category and commitment level, its open pipeline, its turnover and the target
the head set for it; a cell with clients but no activity for weeks is marked.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sales_technology.core.errors import SalesTechnologyError

NOT_SET = "Not Set"  # the row or column of clients without an industry or a territory


class MatrixTargetError(SalesTechnologyError):
	"""A cell's target the methodology refuses."""


def check_target(target_clients: float, target_turnover: float) -> None:
	if target_clients < 0 or target_turnover < 0:
		raise MatrixTargetError("A cell's target cannot be negative")
	if not (target_clients or target_turnover):
		raise MatrixTargetError("Set the clients or the turnover the cell should reach")
	if target_clients != int(target_clients):
		raise MatrixTargetError("The clients of a cell are counted in whole clients")


def is_idle(clients: int, last_activity: date | None, today: date, weeks: int) -> bool:
	"""A cell with clients that nobody worked with for `weeks` weeks (or ever)."""
	if not clients:
		return False
	return last_activity is None or (today - last_activity).days >= weeks * 7


def fulfilment(target: float | None, fact: float) -> float | None:
	return round(fact * 100 / target, 1) if target else None


def pivot(
	cells: Iterable[tuple[str, str, float]],
) -> tuple[list[str], list[str], dict[tuple[str, str], float]]:
	"""(industries, territories, {(industry, territory): value}) with the ones not set last."""
	values: dict[tuple[str, str], float] = {}
	for industry, territory, value in cells:
		key = (industry or NOT_SET, territory or NOT_SET)
		values[key] = values.get(key, 0) + (value or 0)

	def ordered(names: set[str]) -> list[str]:
		return sorted(names - {NOT_SET}) + ([NOT_SET] if NOT_SET in names else [])

	return (
		ordered({industry for industry, _territory in values}),
		ordered({territory for _industry, territory in values}),
		values,
	)
