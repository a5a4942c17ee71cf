"""The funnel figures per commitment level (seed 001): what each rung of the ladder is measured by and
the ratio that says how much work one step up takes.

- potential clients: productive calls and meetings sold — calls per sold meeting;
- visitors: incoming requests and invoices issued — requests per invoice;
- buyers: paid invoices, the share of invoices paid, the days to the first deal — requests per paid
  invoice (per new client);
- clients and adherents: outgoing contacts, incoming requests, repeat sales (paid invoices), the share
  paid, the days of a repeat deal — contacts per repeat sale.

A party's work counts on the rung the party stands on now; an invoice counts as the step it was: a
customer's first purchase takes a visitor to buyer, a later one is a client's repeat sale.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sales_technology.core.client_classification import ADHERENT, BUYER, CLIENT, POTENTIAL, VISITOR

# a call is productive when it reached someone: these results of a call say it did not
UNPRODUCTIVE_CALL_RESULTS = ("No answer", "Call back later")

# the rungs the seed measures together
RUNGS = {POTENTIAL: POTENTIAL, VISITOR: VISITOR, BUYER: BUYER, CLIENT: CLIENT, ADHERENT: CLIENT}
RUNG_LABELS = {POTENTIAL: "Potential", VISITOR: "Visitor", BUYER: "Buyer", CLIENT: "Client and Adherent"}


@dataclass(frozen=True)
class Measure:
	key: str
	label: str
	unit: str = "Count"  # Count, Percent, Days, Ratio


# per rung: the measures the seed names, in its order; the last is the rung's ratio
MEASURES: dict[str, tuple[Measure, ...]] = {
	POTENTIAL: (
		Measure("productive_calls", "Productive calls"),
		Measure("meetings_sold", "Meetings sold"),
		Measure("calls_per_meeting", "Calls per sold meeting", "Ratio"),
	),
	VISITOR: (
		Measure("incoming", "Incoming requests"),
		Measure("invoices_issued", "Invoices issued"),
		Measure("requests_per_invoice", "Requests per invoice", "Ratio"),
	),
	BUYER: (
		Measure("invoices_paid", "Paid invoices"),
		Measure("paid_share", "Share of invoices paid", "Percent"),
		Measure("days_to_first_deal", "Days to the first deal", "Days"),
		Measure("requests_per_paid_invoice", "Requests per paid invoice", "Ratio"),
	),
	CLIENT: (
		Measure("outgoing", "Outgoing contacts"),
		Measure("incoming", "Incoming requests"),
		Measure("invoices_paid", "Repeat sales (paid invoices)"),
		Measure("paid_share", "Share of invoices paid", "Percent"),
		Measure("days_of_repeat_deal", "Days of a repeat deal", "Days"),
		Measure("contacts_per_repeat_sale", "Contacts per repeat sale", "Ratio"),
	),
}


def rung_of(level: str | None) -> str | None:
	return RUNGS.get(level or "")


def per(part: float, whole: float) -> float | None:
	return round(part / whole, 2) if whole else None


def figures(counts: Mapping[str, float | None]) -> dict[str, dict[str, float | None]]:
	"""{rung: {measure: value}} from one node's counts. Activities are counted by the rung of their
	party ("<rung>:productive_calls", "<rung>:meetings_sold", "<rung>:incoming", "<rung>:outgoing");
	invoices by whether they were the customer's first purchase (the visitor becoming a buyer:
	"first:issued", "first:paid") or a repeat one (a client's: "repeat:issued", "repeat:paid");
	"first:days" and "repeat:days" are the days to the first and of a repeat deal."""

	def count(key: str) -> float:
		return counts.get(key) or 0

	def share(paid: str, issued: str) -> float | None:
		return round(count(paid) * 100 / count(issued), 1) if count(issued) else None

	visitors_requests = count(f"{VISITOR}:incoming") + count(f"{BUYER}:incoming")
	values = {
		POTENTIAL: {
			"productive_calls": count(f"{POTENTIAL}:productive_calls"),
			"meetings_sold": count(f"{POTENTIAL}:meetings_sold"),
			"calls_per_meeting": per(
				count(f"{POTENTIAL}:productive_calls"), count(f"{POTENTIAL}:meetings_sold")
			),
		},
		VISITOR: {
			"incoming": count(f"{VISITOR}:incoming"),
			"invoices_issued": count("first:issued"),
			"requests_per_invoice": per(count(f"{VISITOR}:incoming"), count("first:issued")),
		},
		BUYER: {
			"invoices_paid": count("first:paid"),
			"paid_share": share("first:paid", "first:issued"),
			"days_to_first_deal": counts.get("first:days"),
			"requests_per_paid_invoice": per(visitors_requests, count("first:paid")),
		},
		CLIENT: {
			"outgoing": count(f"{CLIENT}:outgoing"),
			"incoming": count(f"{CLIENT}:incoming"),
			"invoices_paid": count("repeat:paid"),
			"paid_share": share("repeat:paid", "repeat:issued"),
			"days_of_repeat_deal": counts.get("repeat:days"),
			"contacts_per_repeat_sale": per(count(f"{CLIENT}:outgoing"), count("repeat:paid")),
		},
	}
	return {rung: {m.key: values[rung][m.key] for m in measures} for rung, measures in MEASURES.items()}
