"""The clients' commitment level and first order, from their orders before the app. Runs once: after install, and on the sites that had the app before as a patch."""

from sales_technology.overrides.customer import backfill_client_facts


def execute() -> None:
	backfill_client_facts()
