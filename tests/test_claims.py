from datetime import datetime

from sales_technology.core.claims import (
	HEAD,
	KEPT,
	LEAD,
	MISSED,
	RUNNING,
	deadline_outcome,
	escalation_level,
	levels_reached,
	overdue_since,
)

DUE = datetime(2026, 12, 7, 13, 0)


def test_a_deadline_is_kept_missed_or_running():
	assert deadline_outcome(DUE, datetime(2026, 12, 7, 12, 59), DUE) == KEPT
	assert deadline_outcome(DUE, DUE, DUE) == KEPT
	assert deadline_outcome(DUE, datetime(2026, 12, 7, 13, 1), DUE) == MISSED
	assert deadline_outcome(DUE, None, datetime(2026, 12, 7, 13, 1)) == MISSED
	assert deadline_outcome(DUE, None, datetime(2026, 12, 7, 12, 0)) == RUNNING
	assert deadline_outcome(None, None, DUE) is None


def test_overdue_since_the_earliest_deadline_missed():
	now = datetime(2026, 12, 8, 10, 0)
	resolution = datetime(2026, 12, 8, 9, 0)
	assert overdue_since(DUE, None, resolution, None, now) == DUE
	assert overdue_since(DUE, datetime(2026, 12, 7, 12, 0), resolution, None, now) == resolution
	assert overdue_since(DUE, DUE, resolution, datetime(2026, 12, 8, 8, 0), now) is None
	assert overdue_since(None, None, None, None, now) is None


def test_a_claim_found_long_overdue_is_told_to_the_lead_on_its_way_to_the_head():
	assert levels_reached("", HEAD) == (LEAD, HEAD)
	assert levels_reached(None, LEAD) == (LEAD,)
	assert levels_reached(LEAD, HEAD) == (HEAD,)


def test_a_claim_climbs_to_the_lead_then_the_head_and_never_back():
	assert escalation_level("", DUE, datetime(2026, 12, 7, 14, 0), 24) == LEAD
	assert escalation_level(LEAD, DUE, datetime(2026, 12, 7, 14, 0), 24) is None
	assert escalation_level(LEAD, DUE, datetime(2026, 12, 8, 13, 0), 24) == HEAD
	# long overdue when first seen: straight to the head
	assert escalation_level(None, DUE, datetime(2026, 12, 9, 13, 0), 24) == HEAD
	assert escalation_level(HEAD, DUE, datetime(2026, 12, 9, 13, 0), 24) is None
	assert escalation_level("", None, datetime(2026, 12, 9, 13, 0), 24) is None


def test_the_standard_categories_read_in_russian_as_the_seed_names_them():
	import csv
	from pathlib import Path

	from sales_technology.core.claims import DEFAULT_CLAIM_CATEGORY, STANDARD_CLAIM_CATEGORIES

	path = Path(__file__).resolve().parents[1] / "sales_technology" / "translations" / "ru.csv"
	with path.open(newline="") as file:
		russian = {row[0]: row[1] for row in csv.reader(file) if row}
	for name, seed_name, response, resolution, _description in STANDARD_CLAIM_CATEGORIES:
		assert russian[name] == seed_name
		assert 0 < response <= resolution
	assert DEFAULT_CLAIM_CATEGORY in {category[0] for category in STANDARD_CLAIM_CATEGORIES}
