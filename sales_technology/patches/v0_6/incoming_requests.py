"""Incoming requests are new: sites that had the app get the Sales Person's Away Until and the settings'
defaults for the first contact and the spam limit."""

from sales_technology.setup.install import create_settings, make_custom_fields


def execute() -> None:
	make_custom_fields()
	create_settings()
