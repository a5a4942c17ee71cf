"""Corporate gifts and hospitality (seed 000, 2.17): each group and the department have a budget for a
period; a rep asks for an amount for a client, his lead approves it and, above a threshold, the head as
well; a request the budget cannot cover is refused. The spend itself is booked in accounting as the
company books it (an Expense Claim or a Purchase Invoice linked to the request), never in a ledger of ours."""

from __future__ import annotations

from sales_technology.core.errors import SalesTechnologyError

DRAFT, REQUESTED, LEAD_APPROVED, APPROVED, REJECTED = (
	"Draft",
	"Requested",
	"Approved by Lead",
	"Approved",
	"Rejected",
)
STATUSES = (DRAFT, REQUESTED, LEAD_APPROVED, APPROVED, REJECTED)
# what counts against the budget: approved, and on its way to it
COMMITTED = (LEAD_APPROVED, APPROVED)
LEAD, HEAD = "lead", "head"


class HospitalityRefused(SalesTechnologyError):
	pass


def next_status(status: str, decision: str, by: str, needs_head: bool) -> str:
	"""The request's status after a decision ("approve" or "reject") by the lead or the head: the lead
	approves a requested one (for good below the threshold, on to the head above it), the head approves
	what his lead approved, or any requested one himself; either rejects what waits for them."""
	waiting_for = {REQUESTED: (LEAD, HEAD), LEAD_APPROVED: (HEAD,)}.get(status, ())
	if by not in waiting_for:
		raise HospitalityRefused(f"a {status} request waits for no decision of the {by}")
	if decision == "reject":
		return REJECTED
	if decision != "approve":
		raise HospitalityRefused(f"no such decision: {decision}")
	if by == LEAD and needs_head:
		return LEAD_APPROVED
	return APPROVED


def budget_left(budget: float, committed: float) -> float:
	return round(budget - committed, 2)


def fits_the_budget(amount: float, budget: float | None, committed: float) -> bool:
	"""Whether the budget covers the amount beside what is committed already; no budget covers nothing."""
	if budget is None:
		return False
	return amount <= budget_left(budget, committed) + 0.005
