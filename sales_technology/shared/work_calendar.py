"""The company's working calendar as the plans see it: holidays and the plan year.

Which days are working days and where a plan year starts are settings (Sales Technology Settings);
this module reads them from ERPNext and hands plain values to the period logic of `core.periods`.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate

from sales_technology.core.periods import Period, PeriodType, period_containing, weekly_offs, working_days
from sales_technology.shared.settings import get_settings


class FiscalYearAlignmentError(frappe.ValidationError):
	"""The plans are set to follow a fiscal year that does not start on the first of a month."""


def get_holiday_list(company: str | None) -> str | None:
	"""The Holiday List that decides working days for the company, per the settings; None: Monday to Friday."""
	settings = get_settings()
	if settings.working_day_source == "Holiday List":
		return settings.holiday_list
	if settings.working_day_source == "Company Holiday List" and company:
		return frappe.get_cached_value("Company", company, "default_holiday_list")
	return None


def get_holidays(company: str | None, start: date, end: date) -> set[date]:
	"""Non-working days from start to end (weekly offs included)."""
	start, end = getdate(start), getdate(end)
	holiday_list = get_holiday_list(company)
	if not holiday_list:
		return weekly_offs(start, end)
	holiday = frappe.qb.DocType("Holiday")
	dates = (
		frappe.qb.from_(holiday)
		.select(holiday.holiday_date)
		.where(holiday.parent == holiday_list)
		.where(holiday.parenttype == "Holiday List")
		.where(holiday.holiday_date.between(start, end))
	).run(pluck=True)
	return {getdate(day) for day in dates}


def get_working_days(company: str | None, period: Period) -> list[date]:
	return working_days(period, get_holidays(company, period.start, period.end))


def is_working_day(company: str | None, day: date) -> bool:
	day = getdate(day)
	return not get_holidays(company, day, day)


def get_fiscal_year_start_month(company: str | None, day: date) -> int:
	"""The month in which plan years start: January, or the month the company's fiscal year starts."""
	if get_settings().plan_year_alignment != "ERPNext Fiscal Year":
		return 1
	from erpnext.accounts.utils import get_fiscal_year

	_name, year_start, _year_end = get_fiscal_year(getdate(day), company=company)
	year_start = getdate(year_start)
	if year_start.day != 1:
		frappe.throw(
			_(
				"Plans follow the ERPNext Fiscal Year, but the fiscal year containing {0} starts on {1}, "
				"not on the first day of a month. Correct the Fiscal Year or let plans follow the calendar "
				"year in Sales Technology Settings."
			).format(frappe.bold(frappe.format(day, "Date")), frappe.bold(frappe.format(year_start, "Date"))),
			title=_("Fiscal Year Not Aligned"),
			exc=FiscalYearAlignmentError,
		)
	return year_start.month


def get_period(company: str | None, day: date, period_type: PeriodType | str) -> Period:
	"""The plan period of the given type containing the day, aligned as the settings say."""
	day = getdate(day)
	return period_containing(day, period_type, get_fiscal_year_start_month(company, day))
