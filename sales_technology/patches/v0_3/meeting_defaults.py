"""The meetings' settings are new: a site that had the app before gets the seed's key clients (Target, whose
meetings are held only with an agenda) and Turnover as the KPI of the best rep of the month."""

from sales_technology.setup.install import set_meeting_defaults


def execute() -> None:
	set_meeting_defaults()
