"""Receivables (seed 000, process 2.14: the rep collects his clients' payments; seed 001 counts overdue
receivables among the manager's measures): what of an invoice is still owed is split over its payment
terms, the earliest paid first, and what is past its term is aged in the buckets a lead reads (0–30,
31–60, 61–90 and over 90 days overdue).

The ledger (ERPNext's Payment Ledger Entry) knows what an invoice still owes; its payment schedule
knows when each part falls due. Payments are not tied to terms in the ledger, so they are laid on the
terms in their order, as ERPNext's Accounts Receivable does when it ages by payment terms.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# (label, first day overdue, last day overdue or None) of each bucket
BUCKETS = (("0-30", 1, 30), ("31-60", 31, 60), ("61-90", 61, 90), ("90+", 91, None))
NOT_DUE = "not_due"


@dataclass(frozen=True)
class Term:
	due_date: date
	amount: float  # in the company's currency


@dataclass(frozen=True)
class TermBalance:
	due_date: date
	outstanding: float


def term_balances(outstanding: float, terms: Iterable[Term], total: float | None = None) -> list[TermBalance]:
	"""What each term still owes when `outstanding` of the invoice's `total` is unpaid: what was paid
	settles the earliest terms first. Terms that do not add up to the total take the rest on the last."""
	terms = sorted(terms, key=lambda term: term.due_date)
	if not terms or outstanding <= 0:
		return []
	total = sum(term.amount for term in terms) if total is None else total
	paid = max(total - outstanding, 0)
	balances = []
	for index, term in enumerate(terms):
		amount = term.amount if index < len(terms) - 1 else max(total - sum(t.amount for t in terms[:-1]), 0)
		settled = min(paid, amount)
		paid -= settled
		if amount - settled > 0.005:
			balances.append(TermBalance(term.due_date, round(amount - settled, 2)))
	return balances


def bucket_of(due_date: date, as_of: date) -> str:
	"""The bucket of a part due on the day: not due yet, or how long overdue."""
	days = (as_of - due_date).days
	if days <= 0:
		return NOT_DUE
	for label, _first, last in BUCKETS[:-1]:
		if days <= last:
			return label
	return BUCKETS[-1][0]


def ageing(balances: Iterable[TermBalance], as_of: date) -> dict[str, float]:
	"""{bucket: amount} of the balances on the day, every bucket present, and the total overdue."""
	aged = {NOT_DUE: 0.0, **{label: 0.0 for label, _first, _last in BUCKETS}}
	for balance in balances:
		aged[bucket_of(balance.due_date, as_of)] += balance.outstanding
	aged = {key: round(value, 2) for key, value in aged.items()}
	aged["overdue"] = round(sum(value for key, value in aged.items() if key != NOT_DUE), 2)
	return aged


def days_overdue(balances: Iterable[TermBalance], as_of: date) -> int:
	"""How long the oldest unpaid term is overdue (0 when none is)."""
	return max([(as_of - balance.due_date).days for balance in balances] + [0])


def share_overdue(overdue: float, outstanding: float) -> float | None:
	"""Overdue as a percent of all that is owed; None where nothing is owed (not 0: nothing to measure)."""
	if outstanding <= 0:
		return None
	return round(overdue / outstanding * 100, 1)
