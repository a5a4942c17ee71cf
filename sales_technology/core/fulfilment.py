"""Plan against fact: fulfilment, deviation, the run-rate forecast and the status colour of a KPI."""

from __future__ import annotations

from sales_technology.core.plan_rules import LOWER_IS_BETTER

ON_TRACK, AT_RISK, BEHIND = "On Track", "At Risk", "Behind"


# a fact in percent or days is a share or an average of what was observed (the clients' ratings, the
# overdue share, a conversion, a preparation time): with nothing observed it is not measured, never 0
MEASURED_UNITS = ("Percent", "Days")


def missing_fact(unit: str | None) -> float | None:
	"""What a node without a fact shows: 0 for what is counted or summed, nothing for what is measured."""
	return None if unit in MEASURED_UNITS else 0.0


def fulfilment(target: float, fact: float, direction: str) -> float | None:
	"""Percent of the plan achieved; for "lower is better" KPIs, 100 % means at or under the target."""
	if direction == LOWER_IS_BETTER:
		if fact <= target:
			return 100.0
		return round(target * 100 / fact, 2) if fact else None
	if not target:
		return None
	return round(fact * 100 / target, 2)


def deviation(target: float, fact: float) -> float:
	return round(fact - target, 6)


def run_rate_forecast(
	fact: float, elapsed_working_days: int, total_working_days: int, additive: bool
) -> float:
	"""What the period will end at if the pace so far holds (levels and ratios stay where they are)."""
	if not additive or elapsed_working_days <= 0 or elapsed_working_days >= total_working_days:
		return fact
	return round(fact * total_working_days / elapsed_working_days, 6)


def status(target: float, forecast: float, direction: str) -> str:
	"""On Track when the forecast meets the plan, At Risk within 10 % of it, Behind otherwise."""
	achieved = fulfilment(target, forecast, direction)
	if achieved is None:
		return ON_TRACK if direction == LOWER_IS_BETTER else BEHIND
	if achieved >= 100:
		return ON_TRACK
	return AT_RISK if achieved >= 90 else BEHIND


def plan_summary(fulfilments: list[float | None]) -> tuple[float | None, float | None]:
	"""What a director reads of a whole plan: its fulfilment with no KPI counted above 100 % (150 % of
	cold calls does not make up for 50 % of turnover), and the share of its targets that are met; None
	where no target has a fulfilment yet."""
	known = [value for value in fulfilments if value is not None]
	if not known:
		return None, None
	capped = round(sum(min(value, 100.0) for value in known) / len(known), 2)
	met = round(sum(1 for value in known if value >= 100) * 100 / len(known), 2)
	return capped, met
