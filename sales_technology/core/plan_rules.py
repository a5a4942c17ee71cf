"""Rules of the plan cascade: which parent a plan may have, which targets it may hold, how it may change."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sales_technology.core.errors import SalesTechnologyError
from sales_technology.core.periods import Period, PeriodType

HIGHER_IS_BETTER = "Higher is better"
LOWER_IS_BETTER = "Lower is better"

STRATEGIC = "Strategic"
OPERATIONAL = "Operational"


class PlanRuleError(SalesTechnologyError):
	"""A plan that breaks a rule of the cascade."""


class CorrectionDirectionError(PlanRuleError):
	"""A correction that would make a plan less demanding."""


@dataclass(frozen=True)
class PlanRef:
	"""What the rules need to know of a plan."""

	name: str | None
	company: str
	sales_person: str
	period: Period


def plan_kind(period_type: PeriodType | str) -> str:
	"""Day plans are operational (concrete activities); Year to Week plans are strategic."""
	return OPERATIONAL if PeriodType(period_type) is PeriodType.DAY else STRATEGIC


def check_parent(plan: PlanRef, parent: PlanRef | None, node_ancestors: Iterable[str]) -> None:
	"""The parent is one level up, of the same company, covers the period and is the node or above it."""
	period_type = plan.period.period_type
	if period_type is PeriodType.YEAR:
		if parent is not None:
			raise PlanRuleError("A Year plan has no parent plan")
		return
	if parent is None:
		raise PlanRuleError("A {0} plan needs a parent {1} plan", period_type.value, period_type.parent.value)
	if parent.period.period_type is not period_type.parent:
		raise PlanRuleError(
			"The parent of a {0} plan must be a {1} plan, not a {2} plan",
			period_type.value,
			period_type.parent.value,
			parent.period.period_type.value,
		)
	if parent.company != plan.company:
		raise PlanRuleError(
			"The parent plan {0} belongs to company {1}, not {2}", parent.name, parent.company, plan.company
		)
	if not (parent.period.start <= plan.period.start and plan.period.end <= parent.period.end):
		raise PlanRuleError(
			"The parent plan {0} ({1} to {2}) does not cover {3} to {4}",
			parent.name,
			parent.period.start.isoformat(),
			parent.period.end.isoformat(),
			plan.period.start.isoformat(),
			plan.period.end.isoformat(),
		)
	if parent.sales_person != plan.sales_person and parent.sales_person not in set(node_ancestors):
		raise PlanRuleError(
			"The parent plan {0} belongs to {1}, which is neither {2} nor above it in the Sales Person tree",
			parent.name,
			parent.sales_person,
			plan.sales_person,
		)


@dataclass(frozen=True)
class TargetRow:
	kpi: str
	dimension_value: str | None
	target: float


def check_targets(
	rows: Sequence[TargetRow], period_type: PeriodType | str, kpi_periods: dict[str, Iterable[str]]
) -> None:
	"""Each KPI is valid for the period type, appears once per dimension value, with a sane target."""
	period_type = PeriodType(period_type)
	seen = set()
	for row in rows:
		allowed = {PeriodType(p) for p in kpi_periods.get(row.kpi, ())}
		if period_type not in allowed:
			raise PlanRuleError(
				"KPI {0} does not apply to {1} plans; it applies to: {2}",
				row.kpi,
				period_type.value,
				", ".join(p.value for p in sorted(allowed, key=lambda p: p.level)) or "-",
			)
		key = (row.kpi, row.dimension_value or "")
		if key in seen:
			if row.dimension_value:
				raise PlanRuleError("KPI {0} appears more than once for {1}", row.kpi, row.dimension_value)
			raise PlanRuleError("KPI {0} appears more than once", row.kpi)
		seen.add(key)
		check_target_value(row.kpi, row.target)


def check_target_value(kpi: str, target: float) -> None:
	if target is None or not isinstance(target, int | float) or not math.isfinite(target):
		raise PlanRuleError("The target of KPI {0} must be a number", kpi)
	if target < 0:
		raise PlanRuleError("The target of KPI {0} cannot be negative: {1}", kpi, target)


def is_more_demanding_or_equal(direction: str, current: float, new: float) -> bool:
	if direction == LOWER_IS_BETTER:
		return new <= current
	return new >= current


def check_correction(kpi: str, direction: str, current: float, new: float) -> None:
	"""A correction may only make a plan more demanding (or leave a target as it is)."""
	check_target_value(kpi, new)
	if not is_more_demanding_or_equal(direction, current, new):
		template = (
			"A correction may only lower KPI {0} (lower is better): {1} cannot become {2}"
			if direction == LOWER_IS_BETTER
			else "A correction may only raise KPI {0} (higher is better): {1} cannot become {2}"
		)
		raise CorrectionDirectionError(template, kpi, current, new)
