"""The app's roles and positions: vocabulary every layer uses (access, approvals, jobs, install)."""

SALES_REP = "Sales Rep"
SALES_GROUP_LEAD = "Sales Group Lead"
SALES_HEAD = "Sales Head"
GENERAL_DIRECTOR = "General Director"
SALES_ANALYST = "Sales Analyst"

ROLES = (SALES_REP, SALES_GROUP_LEAD, SALES_HEAD, GENERAL_DIRECTOR, SALES_ANALYST)

# what each position needs to do its whole job: the app's role and the ERPNext roles behind its screens
# (leads, opportunities, customers, quotations; the Company filter of the reports needs Sales User)
SALES_USER = "Sales User"
SALES_MANAGER = "Sales Manager"
SALES_MASTER_MANAGER = "Sales Master Manager"
ROLE_PROFILES: dict[str, tuple[str, ...]] = {
	SALES_REP: (SALES_REP, SALES_USER),
	SALES_GROUP_LEAD: (SALES_GROUP_LEAD, SALES_USER),
	SALES_HEAD: (SALES_HEAD, SALES_USER, SALES_MANAGER, SALES_MASTER_MANAGER),
	GENERAL_DIRECTOR: (GENERAL_DIRECTOR, SALES_USER, SALES_MANAGER),
	SALES_ANALYST: (SALES_ANALYST, SALES_USER),
}
# the positions that work on the Sales Person tree (the director and the analyst stand outside it)
TREE_POSITIONS = (SALES_REP, SALES_GROUP_LEAD, SALES_HEAD)
