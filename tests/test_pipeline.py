"""When a deal stops being in work: the closing date the pipeline KPIs count by."""

from datetime import date

from sales_technology.core.pipeline import CLOSED_STATUSES, closing_date

TODAY = date(2026, 11, 22)


def test_a_deal_closes_today_and_keeps_that_day():
	for status in CLOSED_STATUSES:
		assert closing_date(status, None, TODAY) == TODAY
	assert closing_date("Lost", date(2026, 11, 3), TODAY) == date(2026, 11, 3)


def test_an_open_or_reopened_deal_has_no_closing_date():
	for status in ("Open", "Quotation", "Replied"):
		assert closing_date(status, None, TODAY) is None
		assert closing_date(status, date(2026, 11, 3), TODAY) is None
