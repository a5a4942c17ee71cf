"""Which ended periods a document's change reaches (core/ended_periods.py)."""

from datetime import date, datetime

from sales_technology.core.ended_periods import EVERY_PERIOD, ended_span, reached_from
from sales_technology.core.periods import PeriodType

DATES = ("transaction_date", "st_closed_on")
OTHERS = ("base_opportunity_amount", "docstatus", "party_name", "st_responsible_sales_person")
DEAL = {
	"transaction_date": "2026-10-20",
	"st_closed_on": None,
	"base_opportunity_amount": 4000,
	"docstatus": 0,
	"party_name": "CUST-1",
	"st_responsible_sales_person": "Rep A1",
}


def changed(**values) -> dict:
	return {**DEAL, **values}


def test_a_deal_closed_today_reaches_today_only():
	assert reached_from(changed(st_closed_on="2026-12-06"), DEAL, DATES, OTHERS) == date(2026, 12, 6)


def test_a_deal_closed_back_dated_reaches_the_day_it_closed():
	assert reached_from(changed(st_closed_on=date(2026, 11, 2)), DEAL, DATES, OTHERS) == date(2026, 11, 2)


def test_a_deal_reopened_reaches_the_day_it_had_closed():
	closed = changed(st_closed_on="2026-11-02")
	assert reached_from(DEAL, closed, DATES, OTHERS) == date(2026, 11, 2)


def test_a_changed_amount_or_rep_reaches_every_period_since_the_deal_opened():
	assert reached_from(changed(base_opportunity_amount=4500), DEAL, DATES, OTHERS) == date(2026, 10, 20)
	moved = changed(st_responsible_sales_person="Rep B1", st_closed_on="2026-12-01")
	assert reached_from(moved, DEAL, DATES, OTHERS) == date(2026, 10, 20)


def test_a_deal_opened_earlier_reaches_its_new_opening_day():
	assert reached_from(changed(transaction_date="2026-09-01"), DEAL, DATES, OTHERS) == date(2026, 9, 1)


def test_a_field_not_read_reaches_nothing():
	assert reached_from(changed(status="Quotation"), DEAL, DATES, OTHERS) is None


def test_a_new_or_deleted_document_reaches_its_earliest_date():
	assert reached_from(DEAL, None, DATES, OTHERS) == date(2026, 10, 20)
	invoice = {"posting_date": datetime(2026, 3, 4, 10)}
	assert reached_from(invoice, None, ("posting_date",), None) == date(2026, 3, 4)


def test_when_the_fields_read_are_unknown_any_change_reaches_the_earliest_date():
	before = {"posting_date": "2026-03-04", "grand_total": 10}
	after = {"posting_date": "2026-05-01", "grand_total": 10}
	assert reached_from(after, before, ("posting_date",), None) == date(2026, 3, 4)


def test_a_linked_documents_read_field_reaches_every_period():
	before = {"st_responsible_sales_person": "Rep A1", "customer_name": "Old"}
	assert (
		reached_from(
			{**before, "st_responsible_sales_person": "Rep B1"}, before, (), ("st_responsible_sales_person",)
		)
		== EVERY_PERIOD
	)
	assert (
		reached_from({**before, "customer_name": "New"}, before, (), ("st_responsible_sales_person",)) is None
	)


def test_the_ended_periods_leave_out_the_one_still_running():
	# on 6 December: October and November have ended, December has not
	assert ended_span(date(2026, 10, 20), date(2026, 12, 5), PeriodType.MONTH) == (
		date(2026, 10, 1),
		date(2026, 11, 30),
	)
	assert ended_span(date(2026, 10, 20), date(2026, 11, 30), PeriodType.MONTH) == (
		date(2026, 10, 1),
		date(2026, 11, 30),
	)
	# weeks are clipped to their month: the week of 30 November ends on its last day
	assert ended_span(date(2026, 11, 25), date(2026, 12, 5), PeriodType.WEEK) == (
		date(2026, 11, 23),
		date(2026, 11, 30),
	)
	assert ended_span(date(2026, 12, 2), date(2026, 12, 5), PeriodType.MONTH) is None
	assert ended_span(date(2025, 3, 1), date(2026, 12, 5), PeriodType.YEAR) == (
		date(2025, 1, 1),
		date(2025, 12, 31),
	)
