"""A closing status on every deal closed before the app. Runs once: after install, and on the sites that had the app before as a patch."""

from sales_technology.deals.closing import backfill_closing_statuses


def execute() -> None:
	backfill_closing_statuses()
