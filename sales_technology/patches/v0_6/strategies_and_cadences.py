"""The strategies are new: sites that had the app get the clients' strategy fields, the cadences' activity
types and the standard Intercept and Active Coverage cadences."""

from sales_technology.setup.install import create_activity_types, create_standard_cadences, make_custom_fields


def execute() -> None:
	make_custom_fields()
	create_activity_types()
	create_standard_cadences()
