"""Rules of the plan cascade: parent levels, KPI applicability, targets, upward-only corrections."""

import math
from datetime import date

import pytest

from sales_technology.core.periods import PeriodType, period_containing
from sales_technology.core.plan_rules import (
	HIGHER_IS_BETTER,
	LOWER_IS_BETTER,
	OPERATIONAL,
	STRATEGIC,
	CorrectionDirectionError,
	PlanRef,
	PlanRuleError,
	TargetRow,
	check_correction,
	check_parent,
	check_targets,
	plan_kind,
)


def plan(period_type, day=date(2026, 5, 13), node="Rep 1", company="ACME", name=None):
	return PlanRef(name or f"{period_type}-{node}", company, node, period_containing(day, period_type))


ANCESTORS = ["Sales Team", "Department", "Group A"]


def test_kind():
	assert plan_kind("Day") == OPERATIONAL
	assert {plan_kind(t) for t in ("Year", "Quarter", "Month", "Week")} == {STRATEGIC}


@pytest.mark.parametrize(
	"child, parent",
	[("Quarter", "Year"), ("Month", "Quarter"), ("Week", "Month"), ("Day", "Week")],
)
def test_parent_one_level_up_of_the_same_node_or_an_ancestor(child, parent):
	check_parent(plan(child), plan(parent), ANCESTORS)
	check_parent(plan(child), plan(parent, node="Group A"), ANCESTORS)
	check_parent(plan(child), plan(parent, node="Sales Team"), ANCESTORS)


def test_year_plan_has_no_parent():
	check_parent(plan("Year"), None, ANCESTORS)
	with pytest.raises(PlanRuleError, match="no parent"):
		check_parent(plan("Year"), plan("Year", day=date(2025, 1, 1)), ANCESTORS)


def test_other_plans_need_a_parent():
	with pytest.raises(PlanRuleError, match="needs a parent Month plan"):
		check_parent(plan("Week"), None, ANCESTORS)


def test_parent_two_levels_up_is_refused():
	with pytest.raises(PlanRuleError, match="must be a Quarter plan, not a Year plan"):
		check_parent(plan("Month"), plan("Year"), ANCESTORS)


def test_parent_of_another_company_is_refused():
	with pytest.raises(PlanRuleError, match="company"):
		check_parent(plan("Month"), plan("Quarter", company="Other"), ANCESTORS)


def test_parent_that_does_not_cover_the_period_is_refused():
	with pytest.raises(PlanRuleError, match="does not cover"):
		check_parent(plan("Month"), plan("Quarter", day=date(2026, 1, 5)), ANCESTORS)


def test_parent_of_a_sibling_or_a_child_node_is_refused():
	with pytest.raises(PlanRuleError, match="neither"):
		check_parent(plan("Month"), plan("Quarter", node="Group B"), ANCESTORS)
	with pytest.raises(PlanRuleError, match="neither"):
		check_parent(
			plan("Month", node="Group A"), plan("Quarter", node="Rep 1"), ["Sales Team", "Department"]
		)


KPI_PERIODS = {"TURNOVER": ["Year", "Quarter", "Month"], "COLD_CALLS": ["Month", "Week", "Day"]}


def test_targets_of_kpis_valid_for_the_period():
	check_targets([TargetRow("TURNOVER", None, 100), TargetRow("COLD_CALLS", None, 5)], "Month", KPI_PERIODS)
	check_targets(
		[TargetRow("TURNOVER", "Retail", 100), TargetRow("TURNOVER", "Wholesale", 0)], "Year", KPI_PERIODS
	)


def test_kpi_not_valid_for_the_period_is_refused_naming_where_it_applies():
	with pytest.raises(PlanRuleError) as raised:
		check_targets([TargetRow("TURNOVER", None, 100)], "Day", KPI_PERIODS)
	assert "Year, Quarter, Month" in str(raised.value)


def test_one_row_per_kpi_and_dimension():
	with pytest.raises(PlanRuleError, match="more than once"):
		check_targets([TargetRow("TURNOVER", None, 1), TargetRow("TURNOVER", None, 2)], "Year", KPI_PERIODS)
	with pytest.raises(PlanRuleError, match="more than once for Retail"):
		check_targets(
			[TargetRow("TURNOVER", "Retail", 1), TargetRow("TURNOVER", "Retail", 2)], "Year", KPI_PERIODS
		)


@pytest.mark.parametrize("bad", [-1, math.nan, math.inf, None])
def test_targets_must_be_finite_and_not_negative(bad):
	with pytest.raises(PlanRuleError):
		check_targets([TargetRow("TURNOVER", None, bad)], "Year", KPI_PERIODS)


@pytest.mark.parametrize(
	"direction, current, new, allowed",
	[
		(HIGHER_IS_BETTER, 100, 120, True),
		(HIGHER_IS_BETTER, 100, 100, True),
		(HIGHER_IS_BETTER, 100, 99.99, False),
		(LOWER_IS_BETTER, 5, 3, True),
		(LOWER_IS_BETTER, 5, 5, True),
		(LOWER_IS_BETTER, 5, 6, False),
	],
)
def test_corrections_only_make_the_plan_more_demanding(direction, current, new, allowed):
	if allowed:
		check_correction("KPI", direction, current, new)
	else:
		with pytest.raises(CorrectionDirectionError) as raised:
			check_correction("KPI", direction, current, new)
		assert str(current) in str(raised.value) and str(new) in str(raised.value)
		assert "KPI" in str(raised.value)


def test_a_correction_to_a_negative_target_is_refused():
	with pytest.raises(PlanRuleError):
		check_correction("CLAIMS_COUNT", LOWER_IS_BETTER, 3, -1)
