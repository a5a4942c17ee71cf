"""Corrective decisions (seed 000, "Корректирующие решения"): after each month the group lead decides what
to do about a rep or group that fell behind; the head approves; the next month says whether it worked.

A decision is measurable: a KPI and the value it should reach in the next month. It is approved by a
manager above its node who is not its author. When the next month has ended, the KPI's fact against the
expected value (in the KPI's direction) makes it effective or not.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from sales_technology.core.approval import OwnNodeApprovalError, check_approver
from sales_technology.core.errors import SalesTechnologyError

PENDING, EFFECTIVE, NOT_EFFECTIVE = "Pending", "Effective", "Not Effective"
LOWER_IS_BETTER = "Lower is better"


class DecisionError(SalesTechnologyError):
	"""A corrective decision the methodology refuses."""


class AuthorApprovalError(OwnNodeApprovalError):
	"""The approver recorded the decision: four eyes, not two."""


def check_measurable(target_kpi: str | None, expected_value: float | None) -> None:
	if not target_kpi or expected_value is None:
		raise DecisionError(
			"A corrective decision is measured: name the KPI and the value it should reach in the next month"
		)
	if expected_value < 0:
		raise DecisionError("The value to reach cannot be negative ({0})", expected_value)


def check_month_ended(month_end: date, today: date) -> None:
	if month_end >= today:
		raise DecisionError(
			"The month ends on {0}: corrective decisions are taken once it has ended", month_end.isoformat()
		)


def check_decision_approver(
	author: str,
	user: str,
	user_roles: Collection[str],
	user_node: str | None,
	decision_node: str,
	decision_node_ancestors: Iterable[str],
) -> None:
	"""The head (or the director) above the decision's node, and not the one who recorded it."""
	if author == user:
		raise AuthorApprovalError(
			"You recorded this decision: it is approved by a manager above {0}, not by its author",
			decision_node,
		)
	check_approver("Month", decision_node, user_roles, user_node, decision_node_ancestors)


def effectiveness(fact: float, expected: float, direction: str) -> str:
	"""Effective when the next month's fact reached the expected value, in the KPI's direction."""
	reached = fact <= expected if direction == LOWER_IS_BETTER else fact >= expected
	return EFFECTIVE if reached else NOT_EFFECTIVE
