"""Who approves a plan: a role of the level, standing above the plan's node; never one's own node."""

import pytest

from sales_technology.core.approval import (
	ApproverError,
	OwnNodeApprovalError,
	check_approver,
	levels_approved_by,
)

DIRECTOR, HEAD, LEAD, REP = "General Director", "Sales Head", "Sales Group Lead", "Sales Rep"
# Department (head) > Group A (lead A) > Rep A1; Group B (lead B)
ANCESTORS = {
	"Department": ["Sales Team"],
	"Group A": ["Sales Team", "Department"],
	"Group B": ["Sales Team", "Department"],
	"Rep A1": ["Sales Team", "Department", "Group A"],
}


def check(period_type, plan_node, roles, user_node):
	check_approver(period_type, plan_node, roles, user_node, ANCESTORS[plan_node])


@pytest.mark.parametrize(
	"period_type, plan_node, roles, user_node",
	[
		("Year", "Department", [DIRECTOR], None),  # the director stands outside the tree
		("Quarter", "Department", [DIRECTOR], None),
		("Month", "Group A", [HEAD], "Department"),  # the head approves the months he issued
		("Month", "Department", [DIRECTOR], None),  # the department's own month goes to the director
		("Week", "Rep A1", [LEAD], "Group A"),  # the lead approves the weeks he set
		("Week", "Rep A1", [HEAD], "Department"),
		("Week", "Group A", [HEAD], "Department"),  # a group's own week goes up to the head
	],
)
def test_a_manager_above_the_node_approves(period_type, plan_node, roles, user_node):
	check(period_type, plan_node, roles, user_node)


@pytest.mark.parametrize(
	"period_type, plan_node, roles, user_node",
	[
		("Month", "Department", [HEAD], "Department"),
		("Week", "Group A", [LEAD], "Group A"),
		("Week", "Rep A1", [LEAD, REP], "Rep A1"),
		("Month", "Department", [DIRECTOR, HEAD], "Department"),  # a director on the tree too
	],
)
def test_nobody_approves_their_own_node(period_type, plan_node, roles, user_node):
	with pytest.raises(OwnNodeApprovalError):
		check(period_type, plan_node, roles, user_node)


@pytest.mark.parametrize(
	"period_type, plan_node, roles, user_node",
	[
		("Week", "Rep A1", [LEAD], "Group B"),  # another group's lead
		("Month", "Group A", [LEAD], "Department"),  # a role that does not approve months
		("Year", "Department", [HEAD], "Sales Team"),  # only the director approves years
		("Week", "Rep A1", [REP], "Rep A1"),
		("Month", "Group A", [HEAD], None),  # a head who is not a Sales Person stands above nothing
	],
)
def test_others_are_refused(period_type, plan_node, roles, user_node):
	with pytest.raises(ApproverError) as refused:
		check(period_type, plan_node, roles, user_node)
	assert not isinstance(refused.value, OwnNodeApprovalError) or user_node == plan_node


def test_day_plans_are_confirmed_not_approved():
	with pytest.raises(ApproverError):
		check("Day", "Rep A1", [LEAD], "Group A")


def test_levels_of_each_role():
	assert levels_approved_by(DIRECTOR) == ("Year", "Quarter", "Month", "Week")
	assert levels_approved_by(HEAD) == ("Month", "Week")
	assert levels_approved_by(LEAD) == ("Week",)
	assert levels_approved_by(REP) == ()
