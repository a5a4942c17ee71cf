"""Client classification and Sales Person user fields for sites that installed an earlier build."""

from sales_technology.setup.install import make_custom_fields


def execute() -> None:
	make_custom_fields()
