"""The Sales KPI shape: what each aggregate needs, and the standard catalogue."""

import csv
from pathlib import Path

import pytest

from sales_technology.core.kpi_definition import (
	AGGREGATES,
	CATEGORIES,
	DIMENSIONS,
	UNITS,
	KPIDefinitionError,
	check_child_rows,
	check_definition,
	missing_fields,
	parse_filters,
)
from sales_technology.core.plan_rules import HIGHER_IS_BETTER, LOWER_IS_BETTER
from sales_technology.setup.standard_kpis import CATALOGUE_KPIS, COMPUTATIONS, FUNNEL_KPIS, STANDARD_KPIS

CATALOGUE = Path(__file__).resolve().parents[2] / "shared" / "catalogue" / "kpis.csv"

TURNOVER = {
	"code": "TURNOVER",
	"periods": ("Year",),
	"aggregate": "Sum",
	"source_doctype": "Sales Invoice",
	"date_field": "posting_date",
	"value_field": "base_net_total",
	"attribution": "Sales Team",
	"additive": 1,
}


def test_a_complete_definition_passes():
	check_definition(TURNOVER)
	check_definition({"code": "X", "periods": ("Month",)})  # not computed yet


@pytest.mark.parametrize(
	"changes, missing",
	[
		({"value_field": None}, ["value_field"]),
		({"date_field": ""}, ["date_field"]),
		({"attribution": "Owner User"}, ["attribution_field"]),
		({"aggregate": "Distinct Count"}, ["distinct_field"]),
		({"aggregate": "Average Days Between", "additive": 0}, ["start_date_field", "end_date_field"]),
		({"aggregate": "Ratio", "additive": 0}, ["numerator_kpi", "denominator_kpi"]),
		({"aggregate": "Python Method"}, ["method"]),
	],
)
def test_each_aggregate_names_what_it_misses(changes, missing):
	definition = TURNOVER | changes
	assert missing_fields(definition) == missing
	with pytest.raises(KPIDefinitionError):
		check_definition(definition)


def test_ratio_of_itself_and_additive_ratios_are_refused():
	ratio = {
		"code": "CONV",
		"periods": ("Month",),
		"aggregate": "Ratio",
		"numerator_kpi": "A",
		"denominator_kpi": "CONV",
	}
	with pytest.raises(KPIDefinitionError, match="itself"):
		check_definition(ratio)
	with pytest.raises(KPIDefinitionError, match="additive"):
		check_definition(ratio | {"denominator_kpi": "B", "additive": 1})


def test_unknown_aggregate_and_no_period_are_refused():
	with pytest.raises(KPIDefinitionError):
		check_definition(TURNOVER | {"aggregate": "Median"})
	with pytest.raises(KPIDefinitionError, match="at least one period"):
		check_definition(TURNOVER | {"periods": ()})


def test_filters():
	assert parse_filters('{"docstatus": 1}') == [["docstatus", "=", 1]]
	assert parse_filters('[["is_return", "=", 0], ["status", "Open"]]') == [
		["is_return", "=", 0],
		["status", "=", "Open"],
	]
	assert parse_filters("") == []
	for bad in ("{not json", '"text"', "[1, 2]"):
		with pytest.raises(KPIDefinitionError):
			parse_filters(bad, "X")


def test_the_standard_catalogue_is_complete_and_consistent():
	codes = [kpi["code"] for kpi in STANDARD_KPIS]
	assert len(codes) == len(set(codes))
	assert len(CATALOGUE_KPIS) == 39 and len(FUNNEL_KPIS) == 4
	for kpi in STANDARD_KPIS:
		assert kpi["category"] in CATEGORIES
		assert kpi["unit"] in UNITS
		assert kpi["direction"] in (HIGHER_IS_BETTER, LOWER_IS_BETTER)
		assert kpi["dimension"] in ("", *DIMENSIONS)
		assert kpi["seed_name"] and kpi["kpi_name"]
		check_definition(kpi)
	assert "Sum" in AGGREGATES


@pytest.mark.skipif(not CATALOGUE.exists(), reason="shared/catalogue is not beside the repo")
def test_the_standard_catalogue_follows_the_shared_catalogue():
	rows = {row["code"]: row for row in csv.DictReader(CATALOGUE.open())}
	assert set(rows) == {kpi["code"] for kpi in CATALOGUE_KPIS}
	for kpi in CATALOGUE_KPIS:
		row = rows[kpi["code"]]
		assert kpi["kpi_name"] == row["name_en"]
		assert kpi["seed_name"] == row["seed_name_ru"]
		assert kpi["additive"] == int(row["additive"])
		assert set(kpi["periods"]) == {
			p for p in ("Year", "Quarter", "Month", "Week", "Day") if row[p.lower()] == "1"
		}


def test_every_standard_kpi_ships_a_computation_the_rules_accept():
	assert set(COMPUTATIONS) == {kpi["code"] for kpi in STANDARD_KPIS}
	for kpi in STANDARD_KPIS:
		definition = {**kpi, **{k: v for k, v in COMPUTATIONS[kpi["code"]].items() if v is not None}}
		check_definition(definition)
		check_child_rows(definition, child_tables={"items", "sales_team"})


ORDERS_BY_PRODUCT = {
	**TURNOVER,
	"code": "ORDERS_BY_PRODUCT",
	"source_doctype": "Sales Order",
	"date_field": "transaction_date",
	"value_field": "items.base_net_amount",
	"dimension_field": "items.item_group",
}


def test_sums_over_a_child_table_must_sum_its_rows():
	check_child_rows(ORDERS_BY_PRODUCT, {"items", "taxes"})
	check_child_rows({**ORDERS_BY_PRODUCT, "aggregate": "Count", "value_field": None}, {"items"})
	header_sum = {**ORDERS_BY_PRODUCT, "value_field": "base_net_total"}  # would count once per line
	with pytest.raises(KPIDefinitionError, match="once for every row"):
		check_child_rows(header_sum, {"items"})
	filtered = {**TURNOVER, "filters": '[["items.item_group", "=", "Services"]]'}
	with pytest.raises(KPIDefinitionError, match="once for every row"):
		check_child_rows(filtered, {"items"})
	check_child_rows({**TURNOVER, "dimension_field": "customer.market_segment"}, {"items"})  # a Link
	two_tables = {**ORDERS_BY_PRODUCT, "filters": '[["taxes.rate", ">", 0]]'}
	with pytest.raises(KPIDefinitionError, match="one child table"):
		check_child_rows(two_tables, {"items", "taxes"})


def test_a_kpi_reads_the_sales_documents_and_their_catalogues_only():
	from sales_technology.core.kpi_definition import KPIDefinitionError, check_sources

	check_sources("TURNOVER", "Sales Invoice", {"Customer", "Item Group"})
	with pytest.raises(KPIDefinitionError) as refused:
		check_sources("MAIL", "Communication", set())
	assert "Communication" in str(refused.value.args)
	with pytest.raises(KPIDefinitionError):
		# a sales document's link to a private one: its fields would show in KPI Matrix
		check_sources("LEAK", "Sales Activity", {"Communication"})


def test_every_standard_kpi_reads_allowed_doctypes():
	from sales_technology.core.kpi_definition import KPI_SOURCE_DOCTYPES
	from sales_technology.setup.standard_kpis import COMPUTATIONS

	sources = {c["source_doctype"] for c in COMPUTATIONS.values() if c.get("source_doctype")}
	assert len(sources) >= 5
	assert sources <= KPI_SOURCE_DOCTYPES, sources - KPI_SOURCE_DOCTYPES
