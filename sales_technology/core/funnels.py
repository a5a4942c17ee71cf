"""Sales funnels (seed 002: a funnel per product and target group, up to three): which funnel a deal
belongs to, which stages it may be in, and the probability that follows its stage.

A funnel names the product (item group), segment and customer group it is for; a deal goes to the
funnel whose named criteria it meets, the one meeting most of them first, else to the default funnel.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from sales_technology.core.errors import SalesTechnologyError


class FunnelError(SalesTechnologyError):
	"""A funnel, or a deal's place in one, that the methodology refuses."""


@dataclass(frozen=True)
class FunnelRule:
	name: str
	is_default: bool = False
	item_group: str | None = None
	market_segment: str | None = None
	customer_group: str | None = None


@dataclass(frozen=True)
class FunnelStage:
	stage: str
	probability: float = 0
	expected_days: int = 0
	maximum_days: int = 0
	is_key_stage: bool = False


@dataclass(frozen=True)
class DealProfile:
	item_groups: frozenset[str] = field(default_factory=frozenset)
	market_segment: str | None = None
	customer_group: str | None = None


def choose_funnel(funnels: Iterable[FunnelRule], deal: DealProfile) -> str | None:
	"""The funnel whose every named criterion the deal meets, most criteria first; else the default."""
	best, best_score, default = None, 0, None
	for funnel in funnels:
		if funnel.is_default and default is None:
			default = funnel.name
		criteria = [
			(funnel.item_group, funnel.item_group in deal.item_groups),
			(funnel.market_segment, funnel.market_segment == deal.market_segment),
			(funnel.customer_group, funnel.customer_group == deal.customer_group),
		]
		named = [met for criterion, met in criteria if criterion]
		if named and all(named) and len(named) > best_score:
			best, best_score = funnel.name, len(named)
	return best or default


def check_stages(stages: list[FunnelStage]) -> None:
	if not stages:
		raise FunnelError("A funnel needs its stages, in order")
	seen = set()
	for stage in stages:
		if stage.stage in seen:
			raise FunnelError("Stage {0} is in the funnel twice", stage.stage)
		seen.add(stage.stage)
		if not 0 <= stage.probability <= 100:
			raise FunnelError("The probability of stage {0} is a percent from 0 to 100", stage.stage)
		if stage.maximum_days and stage.expected_days > stage.maximum_days:
			raise FunnelError(
				"Stage {0} is expected to take {1} days, more than its maximum of {2}",
				stage.stage,
				stage.expected_days,
				stage.maximum_days,
			)
	if sum(1 for stage in stages if stage.is_key_stage) > 1:
		raise FunnelError("A funnel has one key stage, its north star")


def check_stage_in_funnel(stage: str | None, funnel: str, stages: Collection[str]) -> None:
	if stage and stage not in stages:
		raise FunnelError(
			"{0} is not a stage of the funnel {1}; its stages are: {2}", stage, funnel, ", ".join(stages)
		)


def probability(
	stage_changed: bool, typed: bool, current: float | None, stage_probability: float | None
) -> float | None:
	"""The stage's probability when the deal moves to a stage, unless one was typed by hand in the same
	save; otherwise what the deal has."""
	if stage_changed and not typed and stage_probability is not None:
		return stage_probability
	return current
