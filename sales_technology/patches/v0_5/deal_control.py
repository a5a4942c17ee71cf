"""Deal control is new: sites that had the app get the revisit activity, and their deals their last and
next activity (kept from now on as activities are saved); the closed deals' statuses come with every
migrate (setup/install.py)."""

from sales_technology.activities.deal_dates import refresh_activity_dates
from sales_technology.setup.install import (
	create_closing_statuses,
	make_custom_fields,
	set_deal_control_defaults,
)


def execute() -> None:
	make_custom_fields()  # the deal's new fields come before the migrate's end
	create_closing_statuses()
	set_deal_control_defaults()
	refresh_activity_dates()
