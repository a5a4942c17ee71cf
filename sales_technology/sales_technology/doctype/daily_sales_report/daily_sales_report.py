# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Sum
from frappe.utils import get_time, getdate, now_datetime

from sales_technology.activities.counting import activity_kpis, done_totals, kpi_tag_of
from sales_technology.activities.day_plans import (
	day_plan_targets,
	get_day_plan,
	load_norms,
	lower_is_better_kpis,
)
from sales_technology.core.daily_report import is_late
from sales_technology.shared.org_structure import company_of, employee_company, require_sales_person
from sales_technology.shared.settings import get_settings
from sales_technology.shared.validation import SalesRuleError
from sales_technology.shared.work_calendar import is_working_day


class DuplicateDailyReportError(SalesRuleError):
	pass


class DailySalesReport(Document):
	def before_validate(self) -> None:
		if not self.sales_person:
			self.sales_person = require_sales_person()
		# the rep's own company (its holiday list decides the working days), not the form's default one
		self.company = employee_company(self.sales_person) or self.company or company_of(self.sales_person)

	def validate(self) -> None:
		self.validate_working_day()
		self.validate_unique()
		self.prefill()

	def before_submit(self) -> None:
		self.prefill()
		self.submitted_at = now_datetime()
		self.is_late = int(
			is_late(
				self.submitted_at, getdate(self.report_date), get_time(get_settings().daily_report_deadline)
			)
		)

	def validate_working_day(self) -> None:
		if not is_working_day(self.company, self.report_date):
			frappe.throw(
				_("{0} is not a working day: daily reports are written for working days").format(
					frappe.bold(frappe.format(self.report_date, "Date"))
				),
				exc=SalesRuleError,
			)

	def validate_unique(self) -> None:
		existing = frappe.db.get_value(
			"Daily Sales Report",
			{
				"sales_person": self.sales_person,
				"report_date": self.report_date,
				"docstatus": ("<", 2),
				"name": ("!=", self.name),
			},
		)
		if existing:
			frappe.throw(
				_("{0} already has a daily report for {1}: {2}").format(
					frappe.bold(self.sales_person),
					frappe.format(self.report_date, "Date"),
					frappe.get_desk_link("Daily Sales Report", existing),
				),
				exc=DuplicateDailyReportError,
			)

	def prefill(self) -> None:
		"""The numbers of the day from the done activities; frozen once the report is submitted."""
		day = getdate(self.report_date)
		self.update(count_statistics(self.sales_person, day))
		self.day_plan = get_day_plan(self.sales_person, day)
		self.set("items", report_items(self.sales_person, day, self.day_plan))
		self.plan_fulfilled = int(all(item.met for item in self.items)) if self.items else 0


# the statistics that a standard KPI defines come from that KPI, so that the report, the norms and
# Plan Fulfilment agree; the others (all calls, all meetings, proposals of both kinds, calls to decision
# makers, new parties) are the activity log's own tallies, which no KPI plans
STATISTICS_BY_KPI = {
	"cold_calls": "COLD_CALLS",
	"cold_meetings": "COLD_MEETINGS",
	"needs_meetings": "MEETINGS_NEEDS",
	"terms_meetings": "MEETINGS_TERMS",
	"contracts": "CONTRACTS_PREPARED",
}


def count_statistics(sales_person: str, day: date) -> dict[str, int]:
	"""Calls, meetings by kind, proposals, contracts and new parties of the day."""
	activity = frappe.qb.DocType("Sales Activity")

	def count_if(condition):
		return Sum(Case().when(condition, 1).else_(0))

	done_that_day = (
		(activity.sales_person == sales_person) & (activity.status == "Done") & (activity.done_on == day)
	)
	row = (
		frappe.qb.from_(activity)
		.select(
			Count("*").as_("activities_done"),
			count_if(activity.channel == "Phone").as_("calls"),
			count_if(activity.kpi_tag == "Call to Decision Maker").as_("decision_maker_calls"),
			count_if(activity.is_meeting == 1).as_("meetings"),
			count_if(activity.kpi_tag.isin(["Proposal Sent", "Technical Proposal"])).as_("proposals"),
		)
		.where(done_that_day)
	).run(as_dict=True)[0]
	new_parties = (
		frappe.qb.from_(activity)
		.select(Count(activity.party).distinct())
		.where(done_that_day & (activity.is_cold == 1))
	).run()[0][0]
	enabled = set(activity_kpis())
	kpis = {field: kpi for field, kpi in STATISTICS_BY_KPI.items() if kpi in enabled}
	facts = done_totals(kpis.values(), [sales_person], day, day)
	by_kpi = {field: facts.get((sales_person, kpi), 0) for field, kpi in kpis.items()}
	return (
		{key: int(value or 0) for key, value in row.items()}
		| {"new_parties": int(new_parties or 0)}
		| {field: int(by_kpi.get(field, 0)) for field in STATISTICS_BY_KPI}
	)


def report_items(sales_person: str, day: date, day_plan: str | None) -> list[dict]:
	"""Per activity KPI of the Day plan or the day norms: plan, norm, done and whether it was met."""
	kpis = activity_kpis("Day")
	targets = day_plan_targets(day_plan, kpis)
	norms = {kpi: norm for kpi, norm in load_norms(sales_person, "Day", day).items() if kpi in kpis}
	shown = sorted(set(targets) | set(norms))
	done = done_totals(shown, [sales_person], day, day)
	lower = lower_is_better_kpis()
	items = []
	for kpi in shown:
		norm = norms.get(kpi)
		actual = done.get((sales_person, kpi), 0)
		planned = targets.get(kpi)
		met_plan = planned is None or (actual <= planned if kpi in lower else actual >= planned)
		met_norm = norm is None or (
			(norm.minimum is None or actual >= norm.minimum)
			and (norm.maximum is None or actual <= norm.maximum)
		)
		items.append(
			{
				"kpi": kpi,
				"kpi_tag": kpi_tag_of(kpi),
				"planned": planned or 0,
				"norm_minimum": norm.minimum if norm and norm.minimum is not None else 0,
				"norm_maximum": norm.maximum if norm and norm.maximum is not None else 0,
				"done": actual,
				"met": int(met_plan and met_norm),
			}
		)
	return items
