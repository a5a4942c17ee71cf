"""Meetings of the methodology: an agenda before, a protocol after, agreements someone carries out.

A meeting with a key client is held only with an agenda (the seed's "Повестка встречи с крупными
клиентами", prepared before the meeting); a protocol is written only once the meeting has begun; every
agreement has an owner and a due date; an open agreement past its due date is overdue. The protocol goes
to the client and is tracked from sent to agreed by the client to signed by both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sales_technology.core.errors import SalesTechnologyError

CLIENT_MEETING = "Client Meeting"
# the lead's talk of 15-20 minutes with each rep (seed 004, «Личные беседы с МП») is an internal meeting too
INTERNAL_KINDS = (
	"Morning Meeting",
	"Weekly Meeting",
	"Monthly Meeting",
	"Annual Scorecard Review",
	"One-on-One",
)
KINDS = (CLIENT_MEETING, *INTERNAL_KINDS)

PLANNED, HELD, CANCELLED = "Planned", "Held", "Cancelled"

OURS, CLIENTS = "Ours", "Client's"
OPEN, DONE, OVERDUE, AGREEMENT_CANCELLED = "Open", "Done", "Overdue", "Cancelled"
OPEN_STATUSES = (OPEN, OVERDUE)

NOT_SENT, SENT, AGREED, SIGNED = "Not Sent", "Sent", "Agreed by the Client", "Signed by Both"
SIGN_OFF_STEPS = (NOT_SENT, SENT, AGREED, SIGNED)


class MeetingRuleError(SalesTechnologyError):
	"""A meeting, protocol or agreement that the methodology refuses."""


@dataclass(frozen=True)
class Agreement:
	description: str
	side: str
	owner_user: str | None
	owner_contact: str | None
	due_date: date | None
	row: int = 0


def check_agenda(is_key_client: bool, agenda_items: int, client: str | None) -> None:
	"""A key client's meeting is prepared: no agenda, no meeting."""
	if is_key_client and not agenda_items:
		raise MeetingRuleError(
			"{0} is a key client: write the meeting's agenda (the items, their goals and who speaks) before "
			"holding it",
			client,
		)


def check_protocol_time(starts_at: datetime, now: datetime) -> None:
	"""A protocol records what happened: not before the meeting's time."""
	if now < starts_at:
		raise MeetingRuleError(
			"The meeting begins at {0}: its protocol is written after it has taken place",
			starts_at.strftime("%Y-%m-%d %H:%M"),
		)


def check_agreement(agreement: Agreement) -> None:
	if not (agreement.description or "").strip():
		raise MeetingRuleError("Agreement {0}: say what was agreed", agreement.row)
	if not agreement.due_date:
		raise MeetingRuleError("Agreement {0}: set the date by which it is done", agreement.row)
	if agreement.side == OURS and not agreement.owner_user:
		raise MeetingRuleError("Agreement {0} is ours: name the user who carries it out", agreement.row)
	if agreement.side == CLIENTS and not (agreement.owner_contact or agreement.owner_user):
		raise MeetingRuleError(
			"Agreement {0} is the client's: name the client's contact who carries it out", agreement.row
		)


def agreement_status(status: str, due_date: date | None, today: date) -> str:
	"""An open agreement past its due date is overdue; one whose date was moved on is open again."""
	if status == OPEN and due_date and due_date < today:
		return OVERDUE
	if status == OVERDUE and due_date and due_date >= today:
		return OPEN
	return status


def check_sign_off(current: str, wanted: str, has_scan: bool) -> None:
	"""Sent, then agreed by the client, then signed by both; a step back is not taken, nor one skipped
	past sending."""
	if wanted not in SIGN_OFF_STEPS:
		raise MeetingRuleError("Unknown sign-off step {0}", wanted)
	if wanted == current:
		return
	if SIGN_OFF_STEPS.index(wanted) < SIGN_OFF_STEPS.index(current):
		raise MeetingRuleError("The protocol is already {0}: it does not go back to {1}", current, wanted)
	if current == NOT_SENT and wanted != SENT:
		raise MeetingRuleError("The protocol was never sent to the client: send it before it is {0}", wanted)
	if wanted == SIGNED and not has_scan:
		raise MeetingRuleError("Attach the scan of the protocol signed by both sides")
