"""The main KPIs and the key stage are new: a site that had the app before gets the defaults."""

from sales_technology.setup.install import set_main_kpi_defaults


def execute() -> None:
	set_main_kpi_defaults()
