import pytest

from sales_technology.core.client_classification import (
	ADHERENT,
	BUYER,
	CLIENT,
	COMMITMENT_LEVELS,
	POTENTIAL,
	VISITOR,
	commitment_level,
)


@pytest.mark.parametrize(
	"purchases, current, expected",
	[
		(0, None, POTENTIAL),
		(0, POTENTIAL, POTENTIAL),
		(0, VISITOR, VISITOR),  # came to us on their own, nothing bought yet
		(0, BUYER, POTENTIAL),  # the only purchase was cancelled
		(0, CLIENT, POTENTIAL),
		(0, ADHERENT, POTENTIAL),  # an adherent who buys nothing is not one
		(1, None, BUYER),
		(1, POTENTIAL, BUYER),
		(1, VISITOR, BUYER),
		(1, CLIENT, BUYER),  # one of two purchases cancelled
		(2, BUYER, CLIENT),
		(3, VISITOR, CLIENT),
		(7, CLIENT, CLIENT),
		(1, ADHERENT, ADHERENT),  # set by hand, kept while purchases continue
		(5, ADHERENT, ADHERENT),
	],
)
def test_commitment_level_follows_purchases(purchases, current, expected):
	assert commitment_level(purchases, current) == expected


def test_typing_buyer_or_client_by_hand_does_not_stick_without_purchases():
	for typed in (BUYER, CLIENT):
		assert commitment_level(0, typed) == POTENTIAL


def test_negative_purchases_are_refused():
	with pytest.raises(ValueError):
		commitment_level(-1, None)


def test_the_ladder_in_the_order_of_the_methodology():
	assert COMMITMENT_LEVELS == (POTENTIAL, VISITOR, BUYER, CLIENT, ADHERENT)
