from datetime import date

from sales_technology.core.partners import (
	AGREEMENT,
	FIRST_JOINT_DEAL,
	TRAINING,
	partner_steps,
	target_fulfilment,
)


def test_a_new_partner_signs_trains_and_closes_a_first_deal_within_two_months():
	steps = partner_steps(date(2026, 12, 1))
	assert [(step["kind"], str(step["due_date"])) for step in steps] == [
		(AGREEMENT, "2026-12-15"),
		(TRAINING, "2026-12-31"),
		(FIRST_JOINT_DEAL, "2027-01-30"),
	]
	assert {step["status"] for step in steps} == {"Open"}


def test_turnover_through_the_partner_against_its_target():
	assert target_fulfilment(1500, 10000) == 15.0
	assert target_fulfilment(1500, 0) is None
