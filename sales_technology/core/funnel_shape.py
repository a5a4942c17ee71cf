"""The funnel's shape (seed 003: "a change in the funnel's geometry shows where a seller lacks skill;
those problems become the subject of training"): each stage's conversion, the days deals spend in it,
and the stages where a rep converts markedly worse than the reference (the team, or the rep's own
previous period).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from sales_technology.core.errors import SalesTechnologyError


class FunnelShapeError(SalesTechnologyError):
	"""A funnel comparison that cannot be made."""


def share(part: float, whole: float) -> float | None:
	"""`part` of `whole` in percent, one decimal; None where there is no whole to take a share of."""
	if not whole:
		return None
	return round(part * 100 / whole, 1)


def percentile(values: Iterable[float], q: float) -> float | None:
	"""The q-th quantile (0..1) with linear interpolation between the closest ranks, as SQL's
	PERCENTILE_CONT: the median is `percentile(values, 0.5)`."""
	if not 0 <= q <= 1:
		raise FunnelShapeError("A percentile is between 0 and 1, not {0}", q)
	ordered = sorted(values)
	if not ordered:
		return None
	rank = q * (len(ordered) - 1)
	low, high = math.floor(rank), math.ceil(rank)
	value = ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
	return round(value, 2)


def previous_period(start: date, end: date) -> tuple[date, date]:
	"""The period of the same length just before: whole months give the months before (November gives
	October, a quarter the quarter before), any other range the same number of days before."""
	if end < start:
		raise FunnelShapeError("The period cannot end before it starts")
	next_day = end + timedelta(days=1)
	if start.day == 1 and next_day.day == 1:
		months = (next_day.year - start.year) * 12 + next_day.month - start.month
		return start - relativedelta(months=months), start - timedelta(days=1)
	length = (end - start).days + 1
	return start - timedelta(days=length), start - timedelta(days=1)


@dataclass(frozen=True)
class StageFigures:
	"""One stage of one key's funnel (a rep, a group, a segment, a product, or the whole node)."""

	entered: int = 0
	moved_on: int = 0

	@property
	def conversion(self) -> float | None:
		return share(self.moved_on, self.entered)


@dataclass(frozen=True)
class WeakStage:
	key: str
	stage: str
	conversion: float
	reference: float

	@property
	def gap(self) -> float:
		return round(self.reference - self.conversion, 1)


def weak_stages(
	figures: Mapping[tuple[str, str], StageFigures],
	reference: Mapping[tuple[str, str], StageFigures] | Mapping[str, StageFigures],
	gap: float,
	stages: Sequence[str],
	minimum_entered: int = 1,
) -> list[WeakStage]:
	"""The (key, stage) whose conversion falls more than `gap` points below the reference: the training
	list. The reference is per (key, stage) (the key's previous period) or per stage (the team's).
	A stage no deal entered, in either, says nothing and is not listed."""
	if gap < 0:
		raise FunnelShapeError("The conversion gap is a number of points, not {0}", gap)
	weak = []
	for (key, stage), own in figures.items():
		theirs = reference.get((key, stage)) if (key, stage) in reference else reference.get(stage)
		if not theirs or own.entered < minimum_entered or own.conversion is None:
			continue
		if theirs.conversion is None:
			continue
		if theirs.conversion - own.conversion > gap:
			weak.append(WeakStage(key, stage, own.conversion, theirs.conversion))
	order = {stage: index for index, stage in enumerate(stages)}
	return sorted(weak, key=lambda w: (order.get(w.stage, len(order)), -w.gap, w.key))
