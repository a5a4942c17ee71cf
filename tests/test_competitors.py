"""Competitor intelligence's rules: what intel needs, how a positioning table is kept and read as a battle
card, when a competitor is stale and which month a monitoring task covers."""

from datetime import date

import pytest

from sales_technology.core.competitors import (
	CALL,
	CLIENT_ACCOUNT,
	OUR_EXCLUSIVE_STRENGTH,
	POSITION_CLASSES,
	SHARED_STRENGTH,
	SOURCES,
	STANDARD_CHECKLISTS,
	THEIR_EXCLUSIVE_WEAKNESS,
	CompetitorIntelError,
	Intel,
	Position,
	battle_card,
	check_intel,
	check_positions,
	is_stale,
	monitoring_month,
)

TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(
	"intel, message",
	[
		(Intel(None, CALL, TODAY), "competitor"),
		(Intel("Rival", None, TODAY), "source"),
		(Intel("Rival", "Rumour", TODAY), "not a source"),
		(Intel("Rival", CALL, date(2026, 12, 5)), "future"),
		(Intel("Rival", CALL, TODAY, "Supplier", "S-1"), "lead, a prospect or a customer"),
		(Intel("Rival", CALL, TODAY, "Customer", None), "both client fields"),
		(Intel("Rival", CALL, TODAY, None, "CUST-1"), "both client fields"),
		(Intel("Rival", CLIENT_ACCOUNT, TODAY), "client who told us"),
	],
)
def test_intel_the_department_cannot_use_is_refused(intel, message):
	with pytest.raises(CompetitorIntelError) as error:
		check_intel(intel, TODAY)
	assert message in error.value.template


@pytest.mark.parametrize("source", SOURCES)
def test_intel_from_every_source_is_taken(source):
	client = ("Customer", "CUST-1") if source == CLIENT_ACCOUNT else (None, None)
	check_intel(Intel("Rival", source, TODAY, *client), TODAY)


def test_a_positioning_row_needs_a_criterion_once_and_a_class():
	with pytest.raises(CompetitorIntelError, match="criterion"):
		check_positions([Position("  ", SHARED_STRENGTH)])
	with pytest.raises(CompetitorIntelError) as error:
		check_positions([Position("Price", "Better")])
	assert error.value.args == ("Price",)
	with pytest.raises(CompetitorIntelError) as error:
		check_positions(
			[Position("Delivery time", SHARED_STRENGTH), Position("delivery time ", SHARED_STRENGTH)]
		)
	assert "twice" in error.value.template
	check_positions([Position(name, cls) for name, cls in zip("ABC", POSITION_CLASSES, strict=True)])


def test_the_battle_card_speaks_of_our_strengths_first_and_keeps_the_tables_order():
	rows = [
		Position("Reputation", THEIR_EXCLUSIVE_WEAKNESS, theirs="Late deliveries"),
		Position("Own fleet", OUR_EXCLUSIVE_STRENGTH, ours="120 trucks"),
		Position("Speed", SHARED_STRENGTH),
		Position("Warehouses", OUR_EXCLUSIVE_STRENGTH),
	]
	card = battle_card(rows)
	assert list(card) == [OUR_EXCLUSIVE_STRENGTH, SHARED_STRENGTH, THEIR_EXCLUSIVE_WEAKNESS]
	assert [row.criterion for row in card[OUR_EXCLUSIVE_STRENGTH]] == ["Own fleet", "Warehouses"]
	assert [row.criterion for row in card[THEIR_EXCLUSIVE_WEAKNESS]] == ["Reputation"]
	assert battle_card([]) == {cls: [] for cls in POSITION_CLASSES}


def test_a_competitor_is_stale_after_the_settings_days_and_when_never_updated():
	assert is_stale(None, TODAY, 45)
	assert not is_stale(date(2026, 10, 20), TODAY, 45)  # 45 days ago: still fresh
	assert is_stale(date(2026, 10, 19), TODAY, 45)


@pytest.mark.parametrize(
	"day, month",
	[
		(date(2026, 12, 4), (date(2026, 12, 1), date(2026, 12, 31))),
		(date(2026, 2, 28), (date(2026, 2, 1), date(2026, 2, 28))),
		(date(2028, 2, 1), (date(2028, 2, 1), date(2028, 2, 29))),
	],
)
def test_a_monitoring_task_covers_its_month_and_is_due_on_its_last_day(day, month):
	assert monitoring_month(day) == month


def test_the_standard_checklists_have_questions_and_the_client_interview_asks_the_seeds():
	purposes = {purpose for _name, purpose, _questions in STANDARD_CHECKLISTS}
	assert purposes == {"Call to a Competitor", "Client Interview", "Visit to the Competitor"}
	interview = next(
		questions for _n, purpose, questions in STANDARD_CHECKLISTS if purpose == "Client Interview"
	)
	text = " ".join(interview).lower()
	for seed_topic in ("offers", "solve your problems", "works with you", "advertising"):
		assert seed_topic in text
