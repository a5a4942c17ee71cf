"""Who may approve a plan or a correction: a manager above the plan's node, never its own node.

The methodology's cascade: the General Director approves the year and the quarters; the head forms the
groups' months and approves them; a group lead sets the reps' weeks and approves them. The four-eyes
rule stops a person approving their own targets, not a manager confirming what they issue below them.
So an approver needs a role that approves the plan's level and must stand above the plan's node in the
Sales Person tree; the General Director, who stands outside the tree, approves any level.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sales_technology.core.errors import SalesTechnologyError
from sales_technology.core.roles import GENERAL_DIRECTOR, SALES_GROUP_LEAD, SALES_HEAD

# the roles that approve a plan (and a correction of it) of each level; Day plans are the rep's own
APPROVING_ROLES: dict[str, tuple[str, ...]] = {
	"Year": (GENERAL_DIRECTOR,),
	"Quarter": (GENERAL_DIRECTOR,),
	"Month": (SALES_HEAD, GENERAL_DIRECTOR),
	"Week": (SALES_GROUP_LEAD, SALES_HEAD, GENERAL_DIRECTOR),
}


class ApproverError(SalesTechnologyError):
	"""The user may not approve (or reject) this plan or correction."""


class OwnNodeApprovalError(ApproverError):
	"""The plan is of the approver's own node: their own targets."""


def levels_approved_by(role: str) -> tuple[str, ...]:
	"""The plan levels a role approves, in cascade order."""
	return tuple(level for level, roles in APPROVING_ROLES.items() if role in roles)


def check_approver(
	period_type: str,
	plan_node: str,
	user_roles: Collection[str],
	user_node: str | None,
	plan_node_ancestors: Iterable[str],
) -> None:
	"""Raise unless a user with these roles, working as `user_node`, may approve the plan."""
	roles = APPROVING_ROLES.get(period_type)
	if roles is None:
		raise ApproverError("A {0} plan is confirmed by the rep, not approved", period_type)
	if not set(roles) & set(user_roles):
		raise ApproverError("Your roles do not approve {0} plans", period_type)
	if user_node and user_node == plan_node:
		raise OwnNodeApprovalError(
			"{0} is your own node: its plans are approved by a manager above you, not by you", plan_node
		)
	if user_node is None:
		if GENERAL_DIRECTOR in user_roles:
			return
		raise ApproverError(
			"You are not a Sales Person, so you stand above no node of the Sales Person tree and may not "
			"approve the plans of {0}",
			plan_node,
		)
	if user_node not in set(plan_node_ancestors):
		raise ApproverError(
			"You do not stand above {0} in the Sales Person tree, so its plans are approved by its own managers",
			plan_node,
		)
