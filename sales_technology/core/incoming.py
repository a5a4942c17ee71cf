"""Incoming requests (seed 004: incoming requests are distributed evenly between the reps): what a
request from the website needs, when two contacts are the same client, which rep gets it next, and
when its first contact is due."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sales_technology.core.errors import SalesTechnologyError

# a phone is the same client's when its last digits are: "+7 (912) 345-67-89" and "8 912 3456789"
PHONE_DIGITS = 10

NEW = "Waiting for Contact"
CONTACTED = "Contacted"
DUPLICATE = "Existing Client"


class IncomingRequestError(SalesTechnologyError):
	"""A request the department cannot take."""


@dataclass(frozen=True)
class Request:
	name: str | None
	email: str | None
	phone: str | None
	consent: bool


def phone_key(phone: str | None) -> str:
	"""The digits a phone is compared by; empty for a phone too short to tell anyone apart."""
	digits = re.sub(r"\D", "", phone or "")
	return digits[-PHONE_DIGITS:] if len(digits) >= 7 else ""


def email_key(email: str | None) -> str:
	return (email or "").strip().lower()


def check_request(request: Request) -> None:
	"""Someone to call back, by a phone or an e-mail, who agreed to be contacted."""
	if not (request.name or "").strip():
		raise IncomingRequestError("Tell us your name")
	if not (email_key(request.email) or phone_key(request.phone)):
		raise IncomingRequestError("Leave a phone or an e-mail so that we can answer you")
	if not request.consent:
		raise IncomingRequestError("We can contact you only with your consent: tick the consent box")


def check_rate(sent_last_hour: int, limit: int) -> None:
	"""Too many requests from one address in an hour are spam, not clients."""
	if limit and sent_last_hour >= limit:
		raise IncomingRequestError("Too many requests from your address: please try again in an hour")


def client_address(forwarded_for: str | None, remote_addr: str | None, trusted_proxies: int) -> str | None:
	"""The guest's address as the site's own proxies saw it: each trusted proxy appends the address it got
	the request from to X-Forwarded-For, so the client is the entry that many places from the right; the
	entries further left are whatever the client sent and are never trusted."""
	chain = [part.strip() for part in (forwarded_for or "").split(",") if part.strip()]
	if remote_addr:
		chain.append(remote_addr)
	if not chain:
		return None
	return chain[max(len(chain) - 1 - max(trusted_proxies, 0), 0)]


# a person takes longer than this to fill the form; a script posting it does not
MIN_SECONDS_TO_FILL = 3


def looks_automated(trap: str | None, seconds_to_fill: float | None) -> bool:
	"""A bot fills the field people never see, or posts faster than anyone types (or not from the form's
	page at all, which says how long it took)."""
	if (trap or "").strip():
		return True
	return seconds_to_fill is None or seconds_to_fill < MIN_SECONDS_TO_FILL


CHOICE_REFUSALS = {
	"region": "Choose the region from the list the form offers",
	"product": "Choose the product from the list the form offers",
}


def chosen(value: str | None, offered: Sequence[str], kind: str) -> str | None:
	"""The region or product to keep: none where the form offers none (a default the site filled in is no
	choice of the guest's); one the form did not offer (a guest can post anything) is refused."""
	if not offered:
		return None
	if value and value not in offered:
		raise IncomingRequestError(CHOICE_REFUSALS[kind])
	return value or None


def next_rep(candidates: Sequence[str], last_assigned: Mapping[str, datetime | None]) -> str | None:
	"""Round-robin without a pointer to keep: the rep who got a request longest ago (never first; the
	order of the candidates breaks ties)."""
	if not candidates:
		return None
	never = datetime.min
	return min(candidates, key=lambda rep: (last_assigned.get(rep) or never, candidates.index(rep)))


def first_contact_due(received: datetime, hours: int) -> datetime:
	if hours is None or hours < 0:
		raise IncomingRequestError("The first contact cannot be due before the request came")
	return received + timedelta(hours=hours)
