"""The app's roles, as data: who plans, who approves, who only reads."""

SALES_REP = "Sales Rep"
SALES_GROUP_LEAD = "Sales Group Lead"
SALES_HEAD = "Sales Head"
GENERAL_DIRECTOR = "General Director"
SALES_ANALYST = "Sales Analyst"

ROLES = (SALES_REP, SALES_GROUP_LEAD, SALES_HEAD, GENERAL_DIRECTOR, SALES_ANALYST)
