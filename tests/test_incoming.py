"""Incoming requests: what a request needs, duplicate keys, round-robin, the first contact's due time."""

from __future__ import annotations

from datetime import datetime

import pytest

from sales_technology.core.incoming import (
	IncomingRequestError,
	Request,
	check_rate,
	check_request,
	email_key,
	first_contact_due,
	next_rep,
	phone_key,
)


def test_the_same_phone_written_differently_is_one_client():
	assert phone_key("+7 (912) 345-67-89") == phone_key("8 912 3456789") == "9123456789"
	assert phone_key("12-34") == ""
	assert phone_key(None) == ""
	assert email_key("  Buyer@Example.COM ") == "buyer@example.com"


@pytest.mark.parametrize(
	"request_, message",
	[
		(Request("Anna", None, None, True), "phone or an e-mail"),
		(Request("Anna", " ", "12", True), "phone or an e-mail"),
		(Request("Anna", "anna@example.com", None, False), "consent"),
		(Request(" ", "anna@example.com", None, True), "your name"),
	],
)
def test_a_request_without_a_contact_or_consent_is_refused(request_, message):
	with pytest.raises(IncomingRequestError, match=message):
		check_request(request_)


def test_a_request_with_one_contact_and_consent_is_taken():
	check_request(Request("Anna", None, "+7 912 345 67 89", True))
	check_request(Request("Anna", "anna@example.com", None, True))


def test_requests_from_one_address_are_limited_per_hour():
	check_rate(4, 5)
	check_rate(100, 0)  # no limit set
	with pytest.raises(IncomingRequestError, match="Too many requests"):
		check_rate(5, 5)


def test_the_rep_who_got_a_request_longest_ago_gets_the_next():
	monday, tuesday = datetime(2026, 12, 7, 10), datetime(2026, 12, 8, 10)
	reps = ["A1", "A2", "B1"]
	# a rep who never got one goes first, then the order of the list
	assert next_rep(reps, {"A1": monday}) == "A2"
	assert next_rep(reps, {"A1": monday, "A2": tuesday, "B1": tuesday}) == "A1"
	assert next_rep(reps, {}) == "A1"
	assert next_rep([], {}) is None


def test_requests_are_spread_evenly():
	reps = ["A1", "A2", "B1"]
	last: dict[str, datetime] = {}
	got = []
	for hour in range(9):
		rep = next_rep(reps, last)
		last[rep] = datetime(2026, 12, 7, 8 + hour)
		got.append(rep)
	assert got == ["A1", "A2", "B1"] * 3


def test_the_first_contact_is_due_within_the_hours_set():
	assert first_contact_due(datetime(2026, 12, 7, 10), 2) == datetime(2026, 12, 7, 12)
	with pytest.raises(IncomingRequestError):
		first_contact_due(datetime(2026, 12, 7, 10), -1)


def test_the_guests_address_is_read_behind_the_sites_own_proxies():
	from sales_technology.core.incoming import client_address

	# served directly: the peer; whatever the client wrote is ignored
	assert client_address("6.6.6.6", "198.51.100.1", 0) == "198.51.100.1"
	# behind bench's nginx: the address nginx appended, not the one the client wrote before it
	assert client_address("6.6.6.6, 198.51.100.1", "127.0.0.1", 1) == "198.51.100.1"
	assert client_address("198.51.100.1", "127.0.0.1", 1) == "198.51.100.1"
	# two proxies of our own (a balancer and nginx)
	assert client_address("6.6.6.6, 198.51.100.1, 10.0.0.5", "127.0.0.1", 2) == "198.51.100.1"
	# more trusted proxies than hops: the leftmost there is
	assert client_address(None, "127.0.0.1", 3) == "127.0.0.1"
	assert client_address(None, None, 1) is None


def test_a_bot_is_told_from_a_person():
	from sales_technology.core.incoming import looks_automated

	assert not looks_automated("", 25)
	assert looks_automated("http://spam.example", 25)  # the field people never see
	assert looks_automated("", 1)  # faster than anyone types
	assert looks_automated(None, None)  # not posted from the form's page


def test_a_region_or_product_the_form_did_not_offer_is_refused():
	from sales_technology.core.incoming import IncomingRequestError, chosen

	assert chosen("Moscow", ["Moscow", "Kazan"], "region") == "Moscow"
	assert chosen("", ["Moscow"], "region") is None
	# the form offers no region: whatever the site filled in is no choice of the guest's
	assert chosen("All Territories", [], "region") is None
	with pytest.raises(IncomingRequestError):
		chosen("Everywhere", ["Moscow"], "region")
