"""Key Client Category is new: a site that had the app before gets the seed's key clients, Target, whose
meetings are held only with an agenda."""

from sales_technology.setup.install import set_key_client_category


def execute() -> None:
	set_key_client_category()
