"""Scheduled jobs of the activity log. Each is idempotent: running it twice changes nothing more."""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate, today

from sales_technology.activities.day_plans import shortfalls_of_day
from sales_technology.activities.deal_dates import refresh_activity_dates
from sales_technology.shared.notices import notify_once
from sales_technology.shared.org_structure import group_leads_finder, users_sales_persons
from sales_technology.shared.work_calendar import is_working_day


def mark_missed_activities(until: date | None = None) -> int:
	"""Planned activities of days that have ended become Missed."""
	until = getdate(until or today())
	activity = frappe.qb.DocType("Sales Activity")
	rows = (
		frappe.qb.from_(activity)
		.select(activity.name, activity.opportunity)
		.where(activity.status == "Planned")
		.where(activity.planned_date < until)
	).run(as_dict=True)
	if rows:
		(
			frappe.qb.update(activity)
			.set(activity.status, "Missed")
			.set(activity.modified, frappe.utils.now())
			.where(activity.name.isin([row.name for row in rows]))
		).run()
		refresh_activity_dates([row.opportunity for row in rows if row.opportunity])
	return len(rows)


def flag_unfulfilled_days(day: date | None = None) -> list[str]:
	"""Tell every rep whose Day plan or day norms were not met, and their group lead, what fell short.

	Runs in the evening for the day itself; a holiday of the rep's company flags nobody.
	"""
	day = getdate(day or today())
	working = {}
	reps = []
	for sales_person, company, user in reps_to_check():
		if company not in working:
			working[company] = is_working_day(company, day)
		if working[company]:
			reps.append((sales_person, user))
	shortfalls_by_rep = shortfalls_of_day([rep for rep, _user in reps], day)
	notified = []
	leads_of = group_leads_finder()
	for sales_person, user in reps:
		shortfalls = shortfalls_by_rep[sales_person]
		if not shortfalls:
			continue
		subject = _("Day plan of {0} for {1} not fulfilled").format(sales_person, frappe.format(day, "Date"))
		lines = "".join(f"<li>{describe(shortfall)}</li>" for shortfall in shortfalls)
		key = f"day-shortfall:{sales_person}:{day.isoformat()}"
		for recipient in {user, *leads_of(sales_person)} - {None}:
			if notify_once(recipient, key, subject, f"<ul>{lines}</ul>", sales_person):
				notified.append(recipient)
	return notified


def reps_to_check() -> list[tuple[str, str, str]]:
	"""(sales person, company, user) of every enabled rep with a user: leaf Sales Persons; the company is
	the rep's Employee's (its holiday list decides the working days), else the default one."""
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	mapping = users_sales_persons()
	sales_person = frappe.qb.DocType("Sales Person")
	employee = frappe.qb.DocType("Employee")
	rows = (
		frappe.qb.from_(mapping)
		.join(sales_person)
		.on(sales_person.name == mapping.sales_person)
		.left_join(employee)
		.on(employee.name == sales_person.employee)
		.select(sales_person.name, mapping.user, employee.company)
		.where(sales_person.is_group == 0)
	).run(as_dict=True)
	return [(row.name, row.company or company, row.user) for row in rows]


def describe(shortfall) -> str:
	kpi = _(frappe.get_cached_value("Sales KPI", shortfall.kpi, "kpi_name") or shortfall.kpi)
	source = _("plan") if shortfall.source == "plan" else _("norm")
	if shortfall.is_below:
		return _("{0}: {1} done, the {2} asks for at least {3}").format(
			kpi, shortfall.actual, source, shortfall.minimum
		)
	return _("{0}: {1} done, the {2} allows at most {3}").format(
		kpi, shortfall.actual, source, shortfall.maximum
	)
