"""Competitor intelligence is new: sites that had the app get the competitors' and deals' new fields,
the standard checklists, and each competitor's last update (kept from now on as intel is saved)."""

from sales_technology.competitors.intel import refresh_last_update
from sales_technology.setup.install import create_competitor_checklists, make_custom_fields


def execute() -> None:
	make_custom_fields()
	create_competitor_checklists()
	refresh_last_update()
