"""The workflows' names and states: vocabulary the approvals, reviews and install share."""

DRAFT = "Draft"
PENDING_APPROVAL = "Pending Approval"
APPROVED = "Approved"
REJECTED = "Rejected"
CANCELLED = "Cancelled"

SALES_PLAN_APPROVAL = "Sales Plan Approval"
PLAN_CORRECTION_APPROVAL = "Plan Correction Approval"
CORRECTIVE_DECISION_APPROVAL = "Corrective Decision Approval"
PERIOD_REVIEW_FLOW = "Period Review to the Director"
SUBMITTED, ACKNOWLEDGED, RETURNED = "Submitted", "Acknowledged", "Returned"
