"""The client × product matrix is new: the default funnel's stages get the seed's client levels."""

from sales_technology.setup.standard_funnel import set_seed_client_levels


def execute() -> None:
	set_seed_client_levels()
