"""Working days come from each rep's own company: a holiday of the rep's company is no working day for
Plan My Day, the evening check and the daily report, whatever the default company's calendar says."""

from datetime import date, datetime

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_technology.activities import jobs
from sales_technology.activities.day_plans import DayPlanRefused, plan_my_day
from sales_technology.shared.org_structure import company_of
from sales_technology.shared.validation import SalesRuleError
from sales_technology.shared.work_calendar import is_working_day
from sales_technology.tests.factories import (
	create_customer,
	create_department,
	create_employee,
	create_sales_person,
	create_user,
	get_company,
	set_setting,
)
from sales_technology.tests.test_sales_activities import activity

COMPANY_HOLIDAY = date(2026, 11, 18)  # a Wednesday


class TestCompanyCalendar(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for fieldname, value in (
			("working_day_source", "Company Holiday List"),
			("rep_backdating_days", 3650),
		):
			previous = frappe.db.get_single_value("Sales Technology Settings", fieldname)
			set_setting(fieldname, value)
			cls.addClassCleanup(set_setting, fieldname, previous)
		suffix = frappe.generate_hash(length=5)
		cls.company = (
			frappe.get_doc(
				{
					"doctype": "Company",
					"company_name": f"ST Branch {suffix}",
					"abbr": f"STB{suffix}"[:8],
					"default_currency": frappe.get_cached_value("Company", get_company(), "default_currency"),
					"country": frappe.get_cached_value("Company", get_company(), "country"),
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		holidays = frappe.get_doc(
			{
				"doctype": "Holiday List",
				"holiday_list_name": f"ST Branch Holidays {suffix}",
				"from_date": date(2026, 1, 1),
				"to_date": date(2026, 12, 31),
				"holidays": [{"holiday_date": COMPANY_HOLIDAY, "description": "Branch day"}],
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("Company", cls.company, "default_holiday_list", holidays.name)
		cls.dept = create_department()
		# a rep of group B who works for the branch, through his Employee
		cls.branch_user = create_user(f"st-branch-rep-{suffix}@example.com", profile="Sales Rep")
		employee = create_employee(cls.branch_user)
		frappe.db.set_value("Employee", employee, "company", cls.company)
		cls.branch_rep = create_sales_person(
			f"ST Branch Rep {suffix}", parent=cls.dept.nodes.group_b, employee=employee
		)
		cls.customer = create_customer().name

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")

	def test_the_reps_company_decides_the_working_day(self):
		self.assertEqual(company_of(self.branch_rep), self.company)
		self.assertEqual(company_of(self.dept.nodes.rep_b1), get_company())
		self.assertFalse(is_working_day(company_of(self.branch_rep), COMPANY_HOLIDAY))
		self.assertTrue(is_working_day(company_of(self.dept.nodes.rep_b1), COMPANY_HOLIDAY))

	def test_plan_my_day_and_the_daily_report_refuse_the_companys_holiday(self):
		frappe.set_user(self.branch_user)
		with self.assertRaises(DayPlanRefused):
			plan_my_day(COMPANY_HOLIDAY.isoformat())
		with self.assertRaises(SalesRuleError):
			frappe.get_doc({"doctype": "Daily Sales Report", "report_date": COMPANY_HOLIDAY}).insert()

	def test_the_evening_check_flags_nobody_on_the_companys_holiday(self):
		frappe.get_doc(
			{
				"doctype": "Sales Norm",
				"sales_person": self.dept.nodes.group_b,
				"kpi": "COLD_CALLS",
				"period_type": "Day",
				"minimum": 3,
			}
		).insert()
		for node in (self.branch_rep, self.dept.nodes.rep_b1):  # one call each: short of the norm
			activity(sales_person=node, party=self.customer, when=datetime(2026, 11, 18, 10))
		notified = jobs.flag_unfulfilled_days(COMPANY_HOLIDAY)
		self.assertIn(self.dept.users.rep_b1, notified)
		self.assertNotIn(self.branch_user, notified)
