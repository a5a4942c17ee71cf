"""The approval workflows of Sales Plan and Plan Correction, as data, and their idempotent creation.

Year and Quarter plans are approved by the General Director, Month plans by the Sales Head (or the
director), Week plans by the Sales Group Lead (or a manager above); Day plans are the rep's own and only
confirmed. A correction is approved by the same roles as its plan. The transitions give the roles; who
stands above the plan's node is checked by `plans.approval` (Frappe's owner rule is off: the head owns
the months he issues and still approves them).
"""

from __future__ import annotations

from sales_technology.core.approval import levels_approved_by
from sales_technology.core.roles import (
	GENERAL_DIRECTOR,
	SALES_GROUP_LEAD,
	SALES_HEAD,
	SALES_REP,
)
from sales_technology.core.workflow_states import (
	ACKNOWLEDGED,
	APPROVED,
	CANCELLED,
	CORRECTIVE_DECISION_APPROVAL,
	DRAFT,
	PENDING_APPROVAL,
	PERIOD_REVIEW_FLOW,
	PLAN_CORRECTION_APPROVAL,
	REJECTED,
	RETURNED,
	SALES_PLAN_APPROVAL,
	SUBMITTED,
)

STATE_STYLES = {
	DRAFT: "",
	PENDING_APPROVAL: "Warning",
	APPROVED: "Success",
	REJECTED: "Danger",
	CANCELLED: "Inverse",
	SUBMITTED: "Warning",
	ACKNOWLEDGED: "Success",
	RETURNED: "Danger",
}
ACTIONS = (
	"Submit for Approval",
	"Approve",
	"Reject",
	"Revise",
	"Confirm",
	"Cancel",
	"Submit to the Director",
	"Acknowledge",
	"Return with a Question",
)

NOT_DAY = "doc.period_type != 'Day'"
DAY = "doc.period_type == 'Day'"
LEVEL_APPROVERS = tuple(
	(role, f"doc.period_type in {levels_approved_by(role)!r}")
	for role in (GENERAL_DIRECTOR, SALES_HEAD, SALES_GROUP_LEAD)
)


def _states(authors: tuple[str, ...], with_cancel: bool) -> list[dict]:
	approvers = (GENERAL_DIRECTOR, SALES_HEAD, SALES_GROUP_LEAD)
	states = [{"state": DRAFT, "doc_status": "0", "allow_edit": role} for role in authors]
	states += [{"state": PENDING_APPROVAL, "doc_status": "0", "allow_edit": role} for role in approvers]
	states += [{"state": APPROVED, "doc_status": "1", "allow_edit": role} for role in approvers]
	states += [{"state": REJECTED, "doc_status": "0", "allow_edit": role} for role in authors]
	if with_cancel:
		states += [{"state": CANCELLED, "doc_status": "2", "allow_edit": role} for role in approvers]
	return states


def _transitions(authors: tuple[str, ...], confirmers: tuple[str, ...], with_cancel: bool) -> list[dict]:
	transitions = [
		{
			"state": DRAFT,
			"action": "Submit for Approval",
			"next_state": PENDING_APPROVAL,
			"allowed": role,
			"condition": NOT_DAY,
		}
		for role in authors
	]
	transitions += [
		{"state": DRAFT, "action": "Confirm", "next_state": APPROVED, "allowed": role, "condition": DAY}
		for role in confirmers
	]
	for role, condition in LEVEL_APPROVERS:
		transitions += [
			{
				"state": PENDING_APPROVAL,
				"action": "Approve",
				"next_state": APPROVED,
				"allowed": role,
				"condition": condition,
			},
			{
				"state": PENDING_APPROVAL,
				"action": "Reject",
				"next_state": REJECTED,
				"allowed": role,
				"condition": condition,
			},
		]
	transitions += [
		{"state": REJECTED, "action": "Revise", "next_state": DRAFT, "allowed": role} for role in authors
	]
	if with_cancel:
		# the approver of a level cancels its approved plans (checked above the node by plans.approval);
		# a Day plan is cancelled by whoever manages the rep
		transitions += [
			{
				"state": APPROVED,
				"action": "Cancel",
				"next_state": CANCELLED,
				"allowed": role,
				"condition": f"doc.period_type in {(*levels_approved_by(role), 'Day')!r}",
			}
			for role, _condition in LEVEL_APPROVERS
		]
	for transition in transitions:
		transition.setdefault("allow_self_approval", 1)
	return transitions


PLAN_AUTHORS = (SALES_REP, SALES_GROUP_LEAD, SALES_HEAD, GENERAL_DIRECTOR)
CORRECTION_AUTHORS = (SALES_GROUP_LEAD, SALES_HEAD, GENERAL_DIRECTOR)
# the group lead records a corrective decision; the head (or the director) above its node approves it,
# never its author (plans.approval checks both)
DECISION_AUTHORS = (SALES_GROUP_LEAD, SALES_HEAD, GENERAL_DIRECTOR)
DECISION_APPROVERS = (SALES_HEAD, GENERAL_DIRECTOR)


def _decision_workflow() -> dict:
	states = [{"state": DRAFT, "doc_status": "0", "allow_edit": role} for role in DECISION_AUTHORS]
	states += [{"state": PENDING_APPROVAL, "doc_status": "0", "allow_edit": r} for r in DECISION_APPROVERS]
	states += [{"state": APPROVED, "doc_status": "1", "allow_edit": role} for role in DECISION_APPROVERS]
	states += [{"state": REJECTED, "doc_status": "0", "allow_edit": role} for role in DECISION_AUTHORS]
	transitions = [
		{"state": DRAFT, "action": "Submit for Approval", "next_state": PENDING_APPROVAL, "allowed": role}
		for role in DECISION_AUTHORS
	]
	for role in DECISION_APPROVERS:
		transitions += [
			{"state": PENDING_APPROVAL, "action": "Approve", "next_state": APPROVED, "allowed": role},
			{"state": PENDING_APPROVAL, "action": "Reject", "next_state": REJECTED, "allowed": role},
		]
	transitions += [
		{"state": REJECTED, "action": "Revise", "next_state": DRAFT, "allowed": role}
		for role in DECISION_AUTHORS
	]
	for transition in transitions:
		transition["allow_self_approval"] = 1  # the author rule is plans.approval's, with its message
	return {
		"workflow_name": CORRECTIVE_DECISION_APPROVAL,
		"document_type": "Corrective Decision",
		"states": states,
		"transitions": transitions,
	}


WORKFLOWS = (
	{
		"workflow_name": SALES_PLAN_APPROVAL,
		"document_type": "Sales Plan",
		"states": _states(PLAN_AUTHORS, with_cancel=True),
		"transitions": _transitions(PLAN_AUTHORS, PLAN_AUTHORS, with_cancel=True),
	},
	{
		"workflow_name": PLAN_CORRECTION_APPROVAL,
		"document_type": "Plan Correction",
		"states": _states(CORRECTION_AUTHORS, with_cancel=False),
		"transitions": _transitions(CORRECTION_AUTHORS, CORRECTION_AUTHORS, with_cancel=False),
	},
	_decision_workflow(),
	{
		# the head reports the period to the General Director, who acknowledges it or asks a question
		"workflow_name": PERIOD_REVIEW_FLOW,
		"document_type": "Period Review",
		"states": [
			{"state": DRAFT, "doc_status": "0", "allow_edit": SALES_HEAD},
			{"state": DRAFT, "doc_status": "0", "allow_edit": SALES_GROUP_LEAD},
			{"state": SUBMITTED, "doc_status": "0", "allow_edit": GENERAL_DIRECTOR},
			{"state": ACKNOWLEDGED, "doc_status": "0", "allow_edit": GENERAL_DIRECTOR},
			{"state": RETURNED, "doc_status": "0", "allow_edit": SALES_HEAD},
			{"state": RETURNED, "doc_status": "0", "allow_edit": SALES_GROUP_LEAD},
		],
		"transitions": [
			{"state": state, "action": "Submit to the Director", "next_state": SUBMITTED, "allowed": role}
			for state in (DRAFT, RETURNED)
			for role in (SALES_HEAD, SALES_GROUP_LEAD)
		]
		+ [
			{
				"state": SUBMITTED,
				"action": "Acknowledge",
				"next_state": ACKNOWLEDGED,
				"allowed": GENERAL_DIRECTOR,
			},
			{
				"state": SUBMITTED,
				"action": "Return with a Question",
				"next_state": RETURNED,
				"allowed": GENERAL_DIRECTOR,
			},
		],
	},
)


def create_workflows() -> None:
	"""Create the workflow states, actions and workflows a site lacks; an edited workflow is kept."""
	import frappe

	for state, style in STATE_STYLES.items():
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state, "style": style}
			).insert(ignore_permissions=True)
	for action in ACTIONS:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)
	for workflow in WORKFLOWS:
		if frappe.db.exists("Workflow", workflow["workflow_name"]):
			continue
		for transition in workflow["transitions"]:
			transition.setdefault("allow_self_approval", 1)
		frappe.get_doc(
			{
				"doctype": "Workflow",
				"workflow_state_field": "workflow_state",
				"is_active": 1,
				"send_email_alert": 0,
				**workflow,
			}
		).insert(ignore_permissions=True)


def reset_transitions() -> None:
	"""Put the standard transitions back on the app's workflows (a release that changes who approves)."""
	import frappe

	for workflow in WORKFLOWS:
		if not frappe.db.exists("Workflow", workflow["workflow_name"]):
			continue
		doc = frappe.get_doc("Workflow", workflow["workflow_name"])
		doc.set("transitions", workflow["transitions"])
		known = {(row.state, row.allow_edit) for row in doc.states}
		for state in workflow["states"]:
			if (state["state"], state["allow_edit"]) not in known:
				doc.append("states", state)
		doc.save(ignore_permissions=True)


def delete_workflows() -> None:
	"""Workflows name the app's doctypes, so they go with the app."""
	import frappe

	for workflow in WORKFLOWS:
		if frappe.db.exists("Workflow", workflow["workflow_name"]):
			frappe.delete_doc("Workflow", workflow["workflow_name"], ignore_permissions=True, force=True)
