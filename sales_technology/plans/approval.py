"""The approval workflows of plans and corrections: who approves which level, and nobody their own."""

from __future__ import annotations

import frappe
from frappe import _

from sales_technology.setup.roles import GENERAL_DIRECTOR, SALES_GROUP_LEAD, SALES_HEAD
from sales_technology.setup.workflows import APPROVED, DRAFT, PENDING_APPROVAL
from sales_technology.validation import SalesRuleError

# who approves a plan (and a correction of it) of each level; Day plans are the rep's own
APPROVER_ROLES = {
	"Year": GENERAL_DIRECTOR,
	"Quarter": GENERAL_DIRECTOR,
	"Month": SALES_HEAD,
	"Week": SALES_GROUP_LEAD,
}


class SelfApprovalError(SalesRuleError):
	pass


def validate_transition(doc) -> None:
	"""Record who sent the document for approval and refuse their own approval of it."""
	if doc.is_new() or not doc.has_value_changed("workflow_state"):
		return
	user = frappe.session.user
	if doc.workflow_state == PENDING_APPROVAL:
		doc.sent_for_approval_by = user
	elif doc.workflow_state == APPROVED and doc.period_type in APPROVER_ROLES:
		if user != "Administrator" and user in (doc.sent_for_approval_by, doc.owner):
			frappe.throw(
				_("You sent {0} for approval, so someone else with the {1} role must approve it").format(
					frappe.bold(doc.name), _(APPROVER_ROLES[doc.period_type])
				),
				title=_("Self Approval"),
				exc=SelfApprovalError,
			)
	elif doc.workflow_state == DRAFT:
		doc.sent_for_approval_by = None
