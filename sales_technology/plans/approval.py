"""Approvals of plans and corrections by the Sales Person tree: who may approve is `core.approval`'s rule.

The workflow's transitions give the roles of each level; the tree (who stands above the plan's node)
is checked here, in the controllers when the state changes and in the form's action menu
(`get_transitions`), so that the menu offers no action that then fails.
"""

from __future__ import annotations

import frappe
from frappe import _

from sales_technology.core.approval import APPROVING_ROLES, OwnNodeApprovalError, check_approver
from sales_technology.core.corrective_decisions import check_decision_approver
from sales_technology.core.errors import SalesTechnologyError
from sales_technology.core.workflow_states import APPROVED, CANCELLED, DRAFT, PENDING_APPROVAL, REJECTED
from sales_technology.shared.org_structure import get_ancestors, get_sales_person
from sales_technology.shared.validation import SalesRuleError, translate_error

APPROVAL_DOCTYPES = ("Sales Plan", "Plan Correction", "Corrective Decision")
DECISIONS = {APPROVED: "Approve", REJECTED: "Reject"}


class SelfApprovalError(SalesRuleError):
	"""A plan or correction of the approver's own node."""


class ApprovalRefusedError(SalesRuleError):
	"""An approver who does not stand above the plan's node, or whose roles do not approve its level."""


def approval_refusal(doc, user: str | None = None) -> SalesTechnologyError | None:
	"""Why the user may not approve or reject the document, or None if they may."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	if doc.doctype == "Corrective Decision":
		try:
			check_decision_approver(
				doc.owner,
				user,
				frappe.get_roles(user),
				get_sales_person(user),
				doc.sales_person,
				get_ancestors(doc.sales_person),
			)
		except SalesTechnologyError as error:
			return error
		return None
	if doc.period_type not in APPROVING_ROLES:
		return None
	try:
		check_approver(
			doc.period_type,
			doc.sales_person,
			frappe.get_roles(user),
			get_sales_person(user),
			get_ancestors(doc.sales_person),
		)
	except SalesTechnologyError as error:
		return error
	return None


def validate_transition(doc) -> None:
	"""Record who sent the document for approval and refuse a decision by someone not above its node."""
	if doc.is_new() or not doc.has_value_changed("workflow_state"):
		return
	if doc.workflow_state == PENDING_APPROVAL:
		doc.sent_for_approval_by = frappe.session.user
	elif doc.workflow_state in DECISIONS:
		error = approval_refusal(doc)
		if error:
			frappe.throw(
				translate_error(error),
				title=_("Approval Refused"),
				exc=SelfApprovalError if isinstance(error, OwnNodeApprovalError) else ApprovalRefusedError,
			)
	elif doc.workflow_state == DRAFT:
		doc.sent_for_approval_by = None


def validate_cancel(doc) -> None:
	"""Cancelling an approved plan is the decision of its level's approver, above its node (a Day plan:
	of whoever manages the rep, which the tree's permissions already decide); never a way round the
	upward-only rule, whatever path the cancel takes (the workflow, the form, REST)."""
	error = approval_refusal(doc)
	if error:
		frappe.throw(
			translate_error(error),
			title=_("Cancellation Refused"),
			exc=SelfApprovalError if isinstance(error, OwnNodeApprovalError) else ApprovalRefusedError,
		)


def is_decision(transition) -> bool:
	"""Approve, Reject (from Pending Approval) and Cancel (of an approved plan)."""
	return (transition.state == PENDING_APPROVAL and transition.next_state in DECISIONS) or (
		transition.state == APPROVED and transition.next_state == CANCELLED
	)


@frappe.whitelist()
def get_transitions(doc, workflow=None, raise_exception: bool = False) -> list[dict]:
	"""Frappe's transitions without the approvals the tree refuses this user (the form's action menu)."""
	from frappe.model.document import Document
	from frappe.model.workflow import get_transitions as workflow_transitions

	if not isinstance(doc, Document):
		doc = frappe.get_doc(frappe.parse_json(doc))
		doc.load_from_db()
	transitions = workflow_transitions(doc, workflow, raise_exception)
	if doc.doctype not in APPROVAL_DOCTYPES or doc.is_new():
		return transitions
	if not any(is_decision(t) for t in transitions) or approval_refusal(doc) is None:
		return transitions
	return [t for t in transitions if not is_decision(t)]
