"""Approvals follow the Sales Person tree: the head approves the months he issues, the lead the weeks he
sets, the General Director any level. Sites that installed the earlier transitions (Frappe's owner rule,
one role per level, Cancel for the head at any level) get the new ones: cancelling an approved plan is
for the approver of its level."""

from sales_technology.setup.workflows import reset_transitions


def execute() -> None:
	reset_transitions()
