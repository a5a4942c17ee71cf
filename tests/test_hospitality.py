import pytest

from sales_technology.core.hospitality import (
	APPROVED,
	DRAFT,
	HEAD,
	LEAD,
	LEAD_APPROVED,
	REJECTED,
	REQUESTED,
	HospitalityRefused,
	budget_left,
	fits_the_budget,
	next_status,
)


def test_the_lead_approves_and_above_the_threshold_the_head_too():
	assert next_status(REQUESTED, "approve", LEAD, needs_head=False) == APPROVED
	assert next_status(REQUESTED, "approve", LEAD, needs_head=True) == LEAD_APPROVED
	assert next_status(LEAD_APPROVED, "approve", HEAD, needs_head=True) == APPROVED
	assert next_status(REQUESTED, "approve", HEAD, needs_head=True) == APPROVED
	assert next_status(LEAD_APPROVED, "reject", HEAD, needs_head=True) == REJECTED
	assert next_status(REQUESTED, "reject", LEAD, needs_head=False) == REJECTED


def test_nothing_is_decided_out_of_turn():
	for status, by in ((DRAFT, LEAD), (LEAD_APPROVED, LEAD), (APPROVED, HEAD), (REJECTED, LEAD)):
		with pytest.raises(HospitalityRefused):
			next_status(status, "approve", by, needs_head=True)
	with pytest.raises(HospitalityRefused):
		next_status(REQUESTED, "maybe", LEAD, needs_head=False)


def test_a_request_fits_what_the_budget_has_left():
	assert budget_left(10000, 9000) == 1000
	assert fits_the_budget(1000, 10000, 9000)
	assert not fits_the_budget(1000.01, 10000, 9000)
	assert not fits_the_budget(1, None, 0)
