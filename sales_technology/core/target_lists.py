"""Industry target lists (seed 004: "a list of companies by industry is drawn up and assigned each month
to the reps' synchronised work"): the head gives each rep his share of a month's list; each company
becomes the rep's Target lead (the intercept cadence started where the list says so), and the list's
progress is read per rep: companies touched, those that agreed to meet, those now in the funnel."""

from __future__ import annotations

from collections.abc import Iterable

TARGET_CATEGORY = "Target"
ASSIGNED, DRAFT = "Assigned", "Draft"


def share_out(companies: Iterable[str], reps: list[str]) -> dict[str, str]:
	"""{company: rep} for the companies no rep was given by hand, dealt round the reps in turn (each
	rep's share differs by one at most); no reps, no shares."""
	if not reps:
		return {}
	return {company: reps[index % len(reps)] for index, company in enumerate(companies)}


def progress_row(assigned: int, touched: int, meetings: int, in_funnel: int) -> dict[str, float | int]:
	"""A rep's figures on a list, with each step as a share of the companies he was given."""

	def share(part: int) -> float | None:
		return round(part * 100 / assigned, 1) if assigned else None

	return {
		"assigned": assigned,
		"touched": touched,
		"agreed_to_meet": meetings,
		"in_funnel": in_funnel,
		"touched_share": share(touched),
		"in_funnel_share": share(in_funnel),
	}
