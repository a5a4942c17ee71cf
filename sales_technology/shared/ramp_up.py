"""A new rep's ramp-up: the share of a full rep's load he carries while his programme runs (the template's
shares per month), read once for many reps. The month's distribution, his day norms and the headcount
planner all weigh him by it, so it lives on the floor they share."""

from __future__ import annotations

from datetime import date

import frappe
from frappe.utils import getdate

from sales_technology.core.rep_programme import parse_ramp_up, ramp_share, ramp_share_over

PROGRAMME = "Rep Programme"
TEMPLATE = "Rep Programme Template"


def running_programmes(reps: list[str]) -> dict[str, tuple[date, list[float]]]:
	"""{rep: (his programme's start, its ramp-up shares)} of the reps whose programme runs."""
	if not reps:
		return {}
	programme = frappe.qb.DocType(PROGRAMME)
	template = frappe.qb.DocType(TEMPLATE)
	rows = (
		frappe.qb.from_(programme)
		.join(template)
		.on(template.name == programme.template)
		.select(programme.sales_person, programme.start_date, template.ramp_up)
		.where(programme.status == "Active")
		.where(programme.sales_person.isin(reps))
	).run(as_dict=True)
	return {row.sales_person: (getdate(row.start_date), parse_ramp_up(row.ramp_up)) for row in rows}


def ramp_up_weights(reps: list[str], period_starts: list[date]) -> dict[tuple[str, date], float]:
	"""{(rep, period start): his weight} of the reps whose programme runs: his template's ramp-up share of
	the month the period starts in. Reps without a running programme weigh 1 and are not listed."""
	return {
		(rep, start): ramp_share(shares, joined, getdate(start))
		for rep, (joined, shares) in running_programmes(reps).items()
		for start in period_starts
	}


def shares_on(reps: list[str], day: date) -> dict[str, float]:
	"""{rep: his share of a full load on the day}: 1 unless his programme runs."""
	programmes = running_programmes(reps)
	return {
		rep: ramp_share(programmes[rep][1], programmes[rep][0], getdate(day)) if rep in programmes else 1.0
		for rep in reps
	}


def capacity(reps: list[str], start: date, end: date) -> float:
	"""The reps counted at their ramp-up over the period: a full rep 1, a new one his average share."""
	programmes = running_programmes(reps)
	return sum(
		ramp_share_over(programmes[rep][1], programmes[rep][0], getdate(start), getdate(end))
		if rep in programmes
		else 1.0
		for rep in reps
	)
