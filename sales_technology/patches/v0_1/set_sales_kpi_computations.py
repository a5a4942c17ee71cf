"""Turnover and new contracts are computed by the KPI engine from invoices and orders: sites that installed
the KPI catalogue without their computation get it."""

from sales_technology.setup.install import set_standard_kpi_computations


def execute() -> None:
	set_standard_kpi_computations()
