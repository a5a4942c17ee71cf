"""A stage history for the deals opened before the app. Runs once: after install, and on the sites that had the app before as a patch."""

from sales_technology.deals.stage_history import backfill_stage_history


def execute() -> None:
	backfill_stage_history()
