"""The standard activity types cover the methodology's processes 2.1–4.4 and its funnel steps."""

import csv
from pathlib import Path

import pytest

from sales_technology.setup.standard_activity_types import KPI_TAGS, RESULTS_BY_TAG, STANDARD_ACTIVITY_TYPES
from sales_technology.setup.standard_kpis import ACTIVITY_KPI_TAGS, COMPUTATIONS, STANDARD_KPIS

CATALOGUE = Path(__file__).resolve().parents[2] / "shared" / "catalogue"


def test_types_are_unique_and_tagged_with_known_tags():
	names = [t["activity_type_name"] for t in STANDARD_ACTIVITY_TYPES]
	assert len(names) == len(set(names))
	for activity_type in STANDARD_ACTIVITY_TYPES:
		assert activity_type["kpi_tag"] in ("", *KPI_TAGS), activity_type
		assert activity_type["seed_name"]
	assert set(RESULTS_BY_TAG) <= set(KPI_TAGS)


def test_every_tag_an_activity_kpi_counts_has_a_type():
	tags = {t["kpi_tag"] for t in STANDARD_ACTIVITY_TYPES}
	assert set(ACTIVITY_KPI_TAGS.values()) <= tags
	codes = {kpi["code"] for kpi in STANDARD_KPIS}
	assert set(COMPUTATIONS) <= codes


@pytest.mark.skipif(not CATALOGUE.exists(), reason="shared/catalogue is not beside the repo")
def test_types_follow_the_shared_catalogue():
	by_code = {t["code"]: t for t in STANDARD_ACTIVITY_TYPES}
	for row in csv.DictReader((CATALOGUE / "processes.csv").open()):
		if row["code"][0] in "234":
			assert by_code[row["code"]]["activity_type_name"] == row["name_en"]
			assert by_code[row["code"]]["seed_name"] == row["seed_name_ru"]
	for row in csv.DictReader((CATALOGUE / "funnel.csv").open()):
		assert by_code[f"F{row['order']}"]["activity_type_name"] == row["name_en"]
