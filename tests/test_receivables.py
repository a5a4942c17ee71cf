from datetime import date

import pytest

from sales_technology.core.receivables import (
	NOT_DUE,
	Term,
	TermBalance,
	ageing,
	bucket_of,
	days_overdue,
	share_overdue,
	term_balances,
)

AS_OF = date(2026, 12, 7)


def test_payments_settle_the_earliest_terms_first():
	terms = [Term(date(2026, 11, 1), 300), Term(date(2026, 10, 1), 300), Term(date(2026, 12, 31), 400)]
	# 1,000 invoiced, 700 still owed: the 300 paid settled the October term
	assert term_balances(700, terms, 1000) == [
		TermBalance(date(2026, 11, 1), 300),
		TermBalance(date(2026, 12, 31), 400),
	]
	# 450 owed: October and 250 of November paid
	assert term_balances(450, terms, 1000) == [
		TermBalance(date(2026, 11, 1), 50),
		TermBalance(date(2026, 12, 31), 400),
	]
	assert term_balances(0, terms, 1000) == []
	# an invoice without a schedule is one term on its due date
	assert term_balances(80, [Term(date(2026, 9, 15), 100)]) == [TermBalance(date(2026, 9, 15), 80)]


def test_terms_that_do_not_add_up_leave_the_rest_on_the_last():
	terms = [Term(date(2026, 10, 1), 500), Term(date(2026, 11, 1), 400)]
	assert term_balances(1000, terms, 1000) == [
		TermBalance(date(2026, 10, 1), 500),
		TermBalance(date(2026, 11, 1), 500),
	]


@pytest.mark.parametrize(
	"due, bucket",
	[
		(date(2026, 12, 7), NOT_DUE),
		(date(2027, 1, 7), NOT_DUE),
		(date(2026, 12, 6), "0-30"),
		(date(2026, 11, 7), "0-30"),
		(date(2026, 11, 6), "31-60"),
		(date(2026, 10, 8), "31-60"),
		(date(2026, 10, 7), "61-90"),
		(date(2026, 9, 8), "61-90"),
		(date(2026, 9, 7), "90+"),
		(date(2024, 1, 1), "90+"),
	],
)
def test_each_day_overdue_falls_in_one_bucket(due, bucket):
	assert bucket_of(due, AS_OF) == bucket


def test_ageing_adds_up_per_bucket_and_the_overdue_total():
	balances = [
		TermBalance(date(2026, 12, 20), 100),
		TermBalance(date(2026, 12, 1), 50),
		TermBalance(date(2026, 11, 20), 25),
		TermBalance(date(2026, 10, 1), 10),
		TermBalance(date(2026, 6, 1), 5),
	]
	assert ageing(balances, AS_OF) == {
		NOT_DUE: 100,
		"0-30": 75,
		"31-60": 0,
		"61-90": 10,
		"90+": 5,
		"overdue": 90,
	}
	assert days_overdue(balances, AS_OF) == 189
	assert days_overdue([TermBalance(date(2026, 12, 20), 1)], AS_OF) == 0


def test_the_share_overdue_is_not_measured_where_nothing_is_owed():
	assert share_overdue(90, 190) == 47.4
	assert share_overdue(0, 100) == 0
	assert share_overdue(0, 0) is None
