"""Sites installed by 0.1.0 got the install time as their daily report deadline: give them 19:00."""

from sales_technology.setup.install import reset_daily_report_deadline


def execute() -> None:
	reset_daily_report_deadline()
