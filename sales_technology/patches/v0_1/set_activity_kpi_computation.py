"""The activity KPIs (cold calls, meetings, proposals...) count done Sales Activities; sites that installed
the KPI catalogue before activities existed get that computation."""

from sales_technology.setup.install import set_standard_kpi_computations


def execute() -> None:
	set_standard_kpi_computations()
