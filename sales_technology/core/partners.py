"""Partners (seed 000, 2.18 attracting partners, 2.19 developing them): a partner is ERPNext's Sales
Partner, with the rep who answers for it. A new partner goes through an onboarding programme (the
agreement signed, its people trained, the first deal closed together), then is developed by its joint
deals and the turnover made through it against its own targets (ERPNext's partner targets).

The app's Partner flag on a deal marks a deal with a company we mean to sell through (the pipeline's
partners in work); once the agreement is signed that company is a Sales Partner, linked to its client
record by the partner's Customer field."""

from __future__ import annotations

from datetime import date, timedelta

AGREEMENT, TRAINING, FIRST_JOINT_DEAL = "Agreement", "Training", "First Joint Deal"
STEP_KINDS = (AGREEMENT, TRAINING, FIRST_JOINT_DEAL, "Task")
# (kind, what to do, calendar days from the programme's start to its due date)
STANDARD_PARTNER_STEPS = (
	(AGREEMENT, "Sign the partner agreement", 14),
	(TRAINING, "Train the partner's people on our products and our way of selling", 30),
	(FIRST_JOINT_DEAL, "Close the first deal together", 60),
)


def partner_steps(start: date) -> list[dict]:
	"""The standard onboarding steps of a programme starting on the day, each with its due date."""
	return [
		{"kind": kind, "step": step, "due_date": start + timedelta(days=days), "status": "Open"}
		for kind, step, days in STANDARD_PARTNER_STEPS
	]


def target_fulfilment(turnover: float, target: float) -> float | None:
	"""Turnover through the partner as a percent of its target; None without a target."""
	if not target:
		return None
	return round(turnover * 100 / target, 1)
