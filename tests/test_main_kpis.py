"""The department's main KPIs: at most five, each once, shown first."""

import pytest

from sales_technology.core.main_kpis import DEFAULT_MAIN_KPIS, MainKPIError, check_main_kpis, main_first
from sales_technology.setup.standard_kpis import CATALOGUE_KPIS


def test_at_most_five_each_once():
	check_main_kpis(DEFAULT_MAIN_KPIS)
	check_main_kpis([])
	with pytest.raises(MainKPIError, match="at most 5"):
		check_main_kpis(["A", "B", "C", "D", "E", "F"])
	with pytest.raises(MainKPIError, match="twice"):
		check_main_kpis(["A", "B", "A"])


def test_the_defaults_are_standard_monthly_kpis():
	monthly = {kpi["code"] for kpi in CATALOGUE_KPIS if "Month" in kpi["periods"]}
	assert set(DEFAULT_MAIN_KPIS) <= monthly


def test_main_kpis_come_first_in_their_order():
	rows = [{"kpi": code} for code in ("COLD_CALLS", "TURNOVER", "CLAIMS", "NEW_CLIENTS_COUNT", "X")]
	ordered = main_first(rows, ["NEW_CLIENTS_COUNT", "TURNOVER"])
	assert [row["kpi"] for row in ordered] == ["NEW_CLIENTS_COUNT", "TURNOVER", "COLD_CALLS", "CLAIMS", "X"]
