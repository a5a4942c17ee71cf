"""The library of standards: the seed's titles, what asks to be read, versions, whom a standard reaches."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sales_technology.core.standards import (
	CONFIRMED,
	NOT_CONFIRMED,
	OLDER_VERSION,
	STANDARD,
	STANDARD_LIBRARY,
	TECHNOLOGY,
	TRAINING_MATERIAL,
	covers,
	is_published,
	next_version,
	read_status,
)

CATALOGUE = Path(__file__).resolve().parents[2] / "shared" / "catalogue" / "standards.csv"


@pytest.mark.skipif(not CATALOGUE.exists(), reason="the catalogue sits beside the repository")
def test_the_library_is_the_catalogues():
	with CATALOGUE.open(encoding="utf-8") as file:
		rows = list(csv.DictReader(file))
	assert [entry.title for entry in STANDARD_LIBRARY] == [row["name_en"] for row in rows]
	kinds = {"Технология": TECHNOLOGY, "Стандарт": STANDARD, "Составление": TRAINING_MATERIAL}
	for entry, row in zip(STANDARD_LIBRARY, rows, strict=True):
		assert entry.kind == kinds[row["seed_name_ru"].split()[0]], entry.title
		assert entry.serves == row["serves (process step / stage)"]


def test_a_title_alone_asks_nobody_to_read_it():
	assert not is_published(None, None)
	assert not is_published("  ", "")
	assert is_published("<p>Call the decision maker first</p>", None)
	assert is_published(None, "/files/first-call.pdf")


def test_a_changed_document_is_the_next_version():
	assert next_version(None, False) == 1
	assert next_version(1, False) == 1
	assert next_version(1, True) == 2
	assert next_version(None, True) == 1


def test_a_standard_reaches_the_reps_below_the_nodes_it_applies_to():
	department, group_a, group_b = (1, 20), (2, 9), (10, 19)
	rep_a, rep_b = (3, 4), (11, 12)
	assert covers([], rep_a)
	assert covers([department], rep_b)
	assert covers([group_a], rep_a)
	assert not covers([group_a], rep_b)
	assert covers([group_a, group_b], rep_b)
	assert covers([rep_a], rep_a)


def test_a_new_version_asks_again():
	assert read_status(2, [1, 2]) == CONFIRMED
	assert read_status(2, [1]) == OLDER_VERSION
	assert read_status(1, []) == NOT_CONFIRMED
