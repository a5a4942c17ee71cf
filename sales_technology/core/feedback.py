"""The clients' feedback templates the KPIs read: vocabulary the KPI methods, install and tests share."""

QUALITY_TEMPLATE = "Quality (SLA)"
SATISFACTION_TEMPLATE = "Satisfaction"
# the one rating each template asks for
FEEDBACK_PARAMETERS = {QUALITY_TEMPLATE: "Quality of work", SATISFACTION_TEMPLATE: "Satisfaction"}
