"""The deals' pipeline fields (amount in the company currency, stage keys) for deals made before the app. Runs once: after install, and on the sites that had the app before as a patch."""

from sales_technology.overrides.opportunity import backfill_pipeline_fields


def execute() -> None:
	backfill_pipeline_fields()
