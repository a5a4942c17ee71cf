# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from sales_technology.core.periods import PeriodType, period_containing
from sales_technology.shared.work_calendar import (
	FiscalYearAlignmentError,
	get_fiscal_year_start_month,
	get_holidays,
	get_period,
	get_working_days,
	is_working_day,
)
from sales_technology.tests.factories import get_company

test_ignore = ["Holiday List"]

MAY_2026 = period_containing(date(2026, 5, 1), PeriodType.MONTH)


def make_holiday_list(name: str, holidays: list[date], start=date(2026, 1, 1), end=date(2026, 12, 31)) -> str:
	if frappe.db.exists("Holiday List", name):
		frappe.delete_doc("Holiday List", name, force=True)
	frappe.get_doc(
		{
			"doctype": "Holiday List",
			"holiday_list_name": name,
			"from_date": start,
			"to_date": end,
			"holidays": [{"holiday_date": day, "description": "Holiday"} for day in holidays],
		}
	).insert()
	return name


def free_fiscal_years() -> int:
	"""A year from which two years have no Fiscal Year yet (ERPNext's test records fill many)."""
	year = 2060
	while frappe.db.exists(
		"Fiscal Year",
		{"year_end_date": (">=", date(year, 1, 1)), "year_start_date": ("<=", date(year + 2, 12, 31))},
	):
		year += 3
	return year


class TestSalesTechnologySettings(FrappeTestCase):
	def test_deal_days_must_be_positive_and_consistent(self):
		settings = frappe.get_single("Sales Technology Settings")
		settings.stale_deal_days = 0
		self.assertRaises(frappe.ValidationError, settings.save)
		settings.stale_deal_days = 200
		settings.max_deal_duration_days = 100
		self.assertRaises(frappe.ValidationError, settings.save)

	def test_holiday_list_is_required_when_chosen(self):
		settings = frappe.get_single("Sales Technology Settings")
		settings.working_day_source = "Holiday List"
		settings.holiday_list = None
		self.assertRaises(frappe.MandatoryError, settings.save)


class TestWorkCalendar(FrappeTestCase):
	def setUp(self):
		self.company = get_company()
		self.addCleanup(frappe.clear_cache)

	@change_settings("Sales Technology Settings", {"working_day_source": "Monday to Friday"})
	def test_monday_to_friday(self):
		days = get_working_days(self.company, MAY_2026)
		self.assertEqual(len(days), 21)
		self.assertTrue(all(day.weekday() < 5 for day in days))
		self.assertFalse(is_working_day(self.company, date(2026, 5, 2)))  # a Saturday

	def test_company_holiday_list(self):
		holiday_list = make_holiday_list("ST Company Holidays", [date(2026, 5, 1), date(2026, 5, 9)])
		previous = frappe.db.get_value("Company", self.company, "default_holiday_list")
		frappe.db.set_value("Company", self.company, "default_holiday_list", holiday_list)
		self.addCleanup(frappe.db.set_value, "Company", self.company, "default_holiday_list", previous)
		frappe.clear_cache()
		with change_settings("Sales Technology Settings", {"working_day_source": "Company Holiday List"}):
			self.assertEqual(
				get_holidays(self.company, MAY_2026.start, MAY_2026.end), {date(2026, 5, 1), date(2026, 5, 9)}
			)
			self.assertEqual(len(get_working_days(self.company, MAY_2026)), 29)
			self.assertTrue(is_working_day(self.company, date(2026, 5, 2)))

	def test_company_without_holiday_list_falls_back_to_monday_to_friday(self):
		previous = frappe.db.get_value("Company", self.company, "default_holiday_list")
		frappe.db.set_value("Company", self.company, "default_holiday_list", None)
		self.addCleanup(frappe.db.set_value, "Company", self.company, "default_holiday_list", previous)
		frappe.clear_cache()
		with change_settings("Sales Technology Settings", {"working_day_source": "Company Holiday List"}):
			self.assertEqual(len(get_working_days(self.company, MAY_2026)), 21)

	def test_settings_holiday_list_wins_over_the_company(self):
		holiday_list = make_holiday_list("ST Settings Holidays", [date(2026, 5, 4)])
		with change_settings(
			"Sales Technology Settings", {"working_day_source": "Holiday List", "holiday_list": holiday_list}
		):
			self.assertEqual(get_holidays(self.company, MAY_2026.start, MAY_2026.end), {date(2026, 5, 4)})

	def test_plans_follow_the_calendar_year_by_default(self):
		self.assertEqual(get_fiscal_year_start_month(self.company, date(2026, 5, 5)), 1)
		self.assertEqual(get_period(self.company, date(2026, 5, 5), "Quarter").start, date(2026, 4, 1))

	def test_plans_follow_an_april_fiscal_year(self):
		y = free_fiscal_years()
		self.make_fiscal_year(f"ST FY {y}", date(y, 4, 1), date(y + 1, 3, 31))
		with change_settings("Sales Technology Settings", {"plan_year_alignment": "ERPNext Fiscal Year"}):
			self.assertEqual(get_fiscal_year_start_month(self.company, date(y + 1, 2, 1)), 4)
			year = get_period(self.company, date(y + 1, 2, 1), "Year")
			self.assertEqual((year.start, year.end), (date(y, 4, 1), date(y + 1, 3, 31)))

	def test_a_fiscal_year_starting_mid_month_is_refused(self):
		y = free_fiscal_years()
		self.make_fiscal_year(f"ST FY {y} mid", date(y, 4, 15), date(y + 1, 4, 14))
		with change_settings("Sales Technology Settings", {"plan_year_alignment": "ERPNext Fiscal Year"}):
			with self.assertRaises(FiscalYearAlignmentError):
				get_fiscal_year_start_month(self.company, date(y, 6, 1))

	def make_fiscal_year(self, name: str, start: date, end: date) -> None:
		if not frappe.db.exists("Fiscal Year", name):
			frappe.get_doc(
				{
					"doctype": "Fiscal Year",
					"year": name,
					"year_start_date": start,
					"year_end_date": end,
					"companies": [{"company": self.company}],
				}
			).insert()
