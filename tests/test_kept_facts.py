"""Which KPIs keep their facts per Sales Person and day, and when kept facts are stale."""

from datetime import date

import pytest

from sales_technology.core.kpi_definition import (
	KEPT_AVERAGE,
	KEPT_DISTINCT,
	KEPT_SUM,
	computation_signature,
	kept_kind,
)
from sales_technology.core.periods import consecutive_ranges
from sales_technology.setup.standard_kpis import COMPUTATIONS


@pytest.mark.parametrize(
	"definition, kind",
	[
		({"aggregate": "Sum", "attribution": "Sales Team"}, KEPT_SUM),
		({"aggregate": "Count", "attribution": "Sales Person Field"}, KEPT_SUM),
		# a deal shared by two reps of a group counts once for the group: kept by its name
		({"aggregate": "Count", "attribution": "Sales Team"}, KEPT_DISTINCT),
		({"aggregate": "Distinct Count", "attribution": "Owner User"}, KEPT_DISTINCT),
		({"aggregate": "Average", "attribution": "Sales Team"}, KEPT_AVERAGE),
		({"aggregate": "Average Days Between", "attribution": "Sales Person Field"}, KEPT_AVERAGE),
		# what is open at a date is read from the few documents still open, not added up since the first day
		({"aggregate": "Open at Date", "value_field": "amount", "attribution": "Sales Team"}, None),
		({"aggregate": "Open at Date", "distinct_field": "party_name"}, None),
		({"aggregate": "Ratio"}, None),
		({"aggregate": "Python Method"}, None),
		({"aggregate": "Count", "date_field": "customer.creation"}, None),
	],
)
def test_kept_kind(definition, kind):
	assert kept_kind(definition) == kind


def test_the_standard_kpis_kept():
	kept = {code for code, computation in COMPUTATIONS.items() if kept_kind(computation)}
	assert {"TURNOVER", "COLD_CALLS", "NEW_CONTRACTS_COUNT_BY_PRODUCT", "STAGE_DAYS"} <= kept
	assert "POTENTIAL_CLIENTS_IN_WORK_AMOUNT" not in kept  # open at a date
	assert "STAGE_CONVERSION" not in kept  # a ratio of two kept KPIs
	assert len(kept) >= 20


def test_a_changed_computation_changes_the_signature_and_nothing_else_does():
	definition = {"aggregate": "Count", "source_doctype": "Sales Activity", "date_field": "done_on"}
	signature = computation_signature(definition)
	assert signature == computation_signature({**definition, "kpi_name": "Renamed", "for_week": 1})
	assert signature != computation_signature({**definition, "date_field": "creation"})
	assert signature != computation_signature({**definition, "filters": '[["status", "=", "Done"]]'})


def test_consecutive_days_join_into_runs():
	days = [date(2026, 9, 3), date(2026, 9, 1), date(2026, 9, 2), date(2026, 9, 7), date(2026, 9, 2)]
	assert consecutive_ranges(days) == [
		(date(2026, 9, 1), date(2026, 9, 3)),
		(date(2026, 9, 7), date(2026, 9, 7)),
	]
	assert consecutive_ranges([]) == []
