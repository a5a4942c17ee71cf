"""Splitting a plan's targets among its children: down the calendar and down the org.

Additive KPIs (amounts, counts) are split so that the children sum exactly to the parent; counts in
whole numbers, amounts in cents, both by the largest remainder method. Non-additive KPIs (levels,
percentages, conversions, durations) are copied to every child.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from sales_technology.core.errors import SalesTechnologyError
from sales_technology.core.periods import Period, PeriodType, children_of

MONTH_NAMES = (
	"January",
	"February",
	"March",
	"April",
	"May",
	"June",
	"July",
	"August",
	"September",
	"October",
	"November",
	"December",
)


class DistributionError(SalesTechnologyError):
	"""Weights or targets that cannot be split."""


def split_total(total: float, weights: Sequence[float], decimals: int = 0) -> list[float]:
	"""Split `total` in proportion to `weights`, rounded to `decimals`, summing exactly to `total`.

	Largest remainder: every share is first rounded down, then the units still missing go to the shares
	that lost the most in rounding (earlier shares first on ties).
	"""
	if not weights:
		raise DistributionError("There is nothing to split the target among")
	if any(not math.isfinite(w) or w < 0 for w in weights):
		raise DistributionError("Weights must be finite and not negative")
	if not math.isfinite(total) or total < 0:
		raise DistributionError("A target must be a finite number, not negative: {0}", total)
	if sum(weights) == 0:
		weights = [1] * len(weights)
	unit = Decimal(1).scaleb(-decimals)
	units_total = int((Decimal(str(total)) / unit).to_integral_value())
	weight_sum = Decimal(sum(Decimal(str(w)) for w in weights))
	exact = [Decimal(units_total) * Decimal(str(w)) / weight_sum for w in weights]
	floors = [int(share.to_integral_value(rounding=ROUND_FLOOR)) for share in exact]
	missing = units_total - sum(floors)
	by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
	for i in by_remainder[:missing]:
		floors[i] += 1
	return [float(Decimal(units) * unit) for units in floors]


@dataclass(frozen=True)
class TargetSpec:
	"""What the splitter needs to know of a KPI."""

	additive: bool
	whole_numbers: bool  # counts are split in whole units, amounts in cents


def split_targets(
	targets: Mapping[str, float], specs: Mapping[str, TargetSpec], weights: Sequence[float]
) -> list[dict[str, float]]:
	"""Each child's targets: additive KPIs split by `weights`, the others copied."""
	children: list[dict[str, float]] = [{} for _ in weights]
	for key, total in targets.items():
		spec = specs[key]
		if spec.additive:
			shares = split_total(total, weights, 0 if spec.whole_numbers else 2)
		else:
			shares = [total] * len(weights)
		for child, share in zip(children, shares, strict=True):
			child[key] = share
	return children


def working_day_weights(children: Sequence[Period], working_days: Sequence[int]) -> list[float]:
	"""Weights of child periods by their working days; calendar days where no child has any."""
	if len(children) != len(working_days):
		raise DistributionError("Each child period needs its number of working days")
	if sum(working_days) == 0:
		return [float(child.days) for child in children]
	return [float(days) for days in working_days]


def monthly_distribution_weights(children: Sequence[Period], percentages: Mapping[str, float]) -> list[float]:
	"""Weights of child periods (months or quarters) from an ERPNext Monthly Distribution.

	`percentages` maps month names (January...) to their share of the year; a quarter weighs the sum
	of its months.
	"""
	unknown = set(percentages) - set(MONTH_NAMES)
	if unknown:
		raise DistributionError("Unknown months in the distribution: {0}", ", ".join(sorted(unknown)))
	weights = []
	for child in children:
		if child.period_type not in (PeriodType.QUARTER, PeriodType.MONTH):
			raise DistributionError(
				"A Monthly Distribution splits into quarters or months, not into {0} periods",
				child.period_type.value,
			)
		months = children_of(child, PeriodType.MONTH) if child.period_type is PeriodType.QUARTER else [child]
		weights.append(sum(float(percentages.get(MONTH_NAMES[m.start.month - 1], 0)) for m in months))
	if sum(weights) == 0:
		raise DistributionError("The Monthly Distribution gives these periods no share at all")
	return weights


@dataclass(frozen=True)
class Coverage:
	"""How much of a parent's additive target its children cover."""

	target: float
	covered: float

	@property
	def uncovered(self) -> float:
		return max(0.0, round(self.target - self.covered, 6))

	@property
	def percent(self) -> float:
		return 100.0 if self.target == 0 else round(self.covered * 100 / self.target, 2)

	@property
	def is_short(self) -> bool:
		return self.uncovered > 0


def coverage(targets: Mapping[str, float], children: Sequence[Mapping[str, float]]) -> dict[str, Coverage]:
	"""For each of the parent's additive targets, the sum its children give it."""
	return {
		key: Coverage(target, round(sum(child.get(key, 0) for child in children), 6))
		for key, target in targets.items()
	}
