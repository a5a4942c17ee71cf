"""Activity norms: standing minimums and maximums per Sales Person node, inherited down the tree.

A norm set on a group applies to every rep below it until a node nearer to the rep sets its own norm
for the same KPI and period type ("the nearest node wins").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from sales_technology.core.errors import SalesTechnologyError

NORM_PERIODS = ("Day", "Week", "Month")


class NormError(SalesTechnologyError):
	"""A norm that cannot be met by anybody, or says nothing."""


@dataclass(frozen=True)
class Norm:
	sales_person: str
	kpi: str
	period_type: str
	minimum: float | None = None
	maximum: float | None = None
	name: str | None = None


@dataclass(frozen=True)
class Shortfall:
	"""A KPI whose count broke its norm or its plan target."""

	kpi: str
	actual: float
	minimum: float | None = None
	maximum: float | None = None
	source: str = "norm"  # "norm" or "plan"

	@property
	def is_below(self) -> bool:
		return self.minimum is not None and self.actual < self.minimum


def check_norm(kpi: str, period_type: str, minimum: float | None, maximum: float | None) -> None:
	if period_type not in NORM_PERIODS:
		raise NormError("A norm applies to a Day, a Week or a Month, not to a {0}", period_type)
	if minimum is None and maximum is None:
		raise NormError("A norm for {0} needs a minimum, a maximum or both", kpi)
	for value in (minimum, maximum):
		if value is not None and value < 0:
			raise NormError("The norm for {0} cannot be negative", kpi)
	if minimum is not None and maximum is not None and minimum > maximum:
		raise NormError(
			"The minimum of the norm for {0} ({1}) is above its maximum ({2})", kpi, minimum, maximum
		)


def effective_norms(path: Sequence[str], norms: Iterable[Norm], period_type: str) -> dict[str, Norm]:
	"""The norms in force for the last node of `path` (root first): per KPI, the nearest node's norm."""
	depth = {node: i for i, node in enumerate(path)}
	nearest: dict[str, Norm] = {}
	for norm in norms:
		if norm.period_type != period_type or norm.sales_person not in depth:
			continue
		current = nearest.get(norm.kpi)
		if current is None or depth[norm.sales_person] > depth[current.sales_person]:
			nearest[norm.kpi] = norm
	return nearest


def ramped_norms(norms: Mapping[str, Norm], share: float) -> dict[str, Norm]:
	"""A new rep's norms at his ramp-up share: each minimum scaled down (a whole count stays whole,
	rounded up); a maximum is a limit, not a load, and stays."""
	if share >= 1:
		return dict(norms)
	ramped = {}
	for kpi, norm in norms.items():
		minimum = norm.minimum
		if minimum is not None:
			scaled = minimum * share
			minimum = float(math.ceil(scaled - 1e-9)) if float(minimum).is_integer() else round(scaled, 2)
		ramped[kpi] = replace(norm, minimum=minimum)
	return ramped


def evaluate_norms(norms: Mapping[str, Norm], actuals: Mapping[str, float]) -> list[Shortfall]:
	"""The norms the actual counts break: below the minimum or above the maximum."""
	broken = []
	for kpi, norm in sorted(norms.items()):
		actual = actuals.get(kpi, 0)
		below = norm.minimum is not None and actual < norm.minimum
		above = norm.maximum is not None and actual > norm.maximum
		if below or above:
			broken.append(Shortfall(kpi, actual, norm.minimum, norm.maximum, "norm"))
	return broken


def evaluate_plan(
	targets: Mapping[str, float], actuals: Mapping[str, float], lower_is_better: Iterable[str] = ()
) -> list[Shortfall]:
	"""The Day plan targets the actual counts did not reach (or, for "lower is better" KPIs, exceeded)."""
	lower = set(lower_is_better)
	missed = []
	for kpi, target in sorted(targets.items()):
		actual = actuals.get(kpi, 0)
		if kpi in lower:
			if actual > target:
				missed.append(Shortfall(kpi, actual, None, target, "plan"))
		elif actual < target:
			missed.append(Shortfall(kpi, actual, target, None, "plan"))
	return missed


def required_counts(
	targets: Mapping[str, float], norms: Mapping[str, Norm], lower_is_better: Iterable[str] = ()
) -> dict[str, float]:
	"""What the day asks of a rep per KPI: the Day plan's target or the norm's minimum, whichever is
	higher. "Lower is better" KPIs ask for nothing to be done."""
	lower = set(lower_is_better)
	required = {}
	for kpi in set(targets) | {kpi for kpi, norm in norms.items() if norm.minimum}:
		if kpi in lower:
			continue
		norm = norms.get(kpi)
		value = max(targets.get(kpi) or 0, (norm.minimum if norm else None) or 0)
		if value > 0:
			required[kpi] = value
	return required


def share_done(required: Mapping[str, float], actuals: Mapping[str, float]) -> float | None:
	"""Percent of what was required that was done; doing more of one KPI does not make up for another."""
	total = sum(required.values())
	if not total:
		return None
	done = sum(min(actuals.get(kpi, 0), value) for kpi, value in required.items())
	return round(done * 100 / total, 2)
