# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from __future__ import annotations

from datetime import date, datetime, time

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import Criterion
from frappe.utils import add_days, add_to_date, cint, get_datetime, getdate, now_datetime, today

from sales_technology.activities import next_steps
from sales_technology.activities.deal_dates import activity_changed
from sales_technology.core.activity_rules import ActivityState, check_activity_change
from sales_technology.incoming.requests import activity_done as first_contact_done
from sales_technology.kpi.snapshots import SNAPSHOT_PERIODS
from sales_technology.shared.access import get_scope
from sales_technology.shared.org_structure import company_of, get_sales_person, require_sales_person
from sales_technology.shared.settings import get_settings
from sales_technology.shared.validation import SalesRuleError, enforce
from sales_technology.shared.work_calendar import get_holidays, get_period
from sales_technology.strategies.cadences import activity_changed as cadence_step_changed
from sales_technology.strategies.cadences import validate_step_activity

PARTY_NAME_FIELDS = {
	"Lead": "lead_name",
	"Prospect": "company_name",
	"Opportunity": "customer_name",
	"Customer": "customer_name",
}


class ActivityRefused(SalesRuleError):
	pass


class SalesActivity(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		activity_type: DF.Link
		cadence_outcome: DF.Literal["", "Agreed to Meet", "Refused", "No Answer", "Done"]
		cadence_run: DF.Link | None
		cadence_step: DF.Data | None
		calls_before_meeting: DF.Int
		cancel_reason: DF.SmallText | None
		change_reason: DF.SmallText | None
		channel: DF.Literal[
			"",
			"Phone",
			"Meeting at the Client",
			"Meeting at Our Office",
			"E-mail",
			"Messenger",
			"Letter",
			"Video Call",
			"Event",
		]
		client_temperature: DF.Literal["", "Hot", "Warm", "Cold"]
		contact: DF.Link | None
		day_plan: DF.Link | None
		direction: DF.Literal["Outgoing", "Incoming"]
		done_at: DF.Datetime | None
		done_on: DF.Date | None
		duration: DF.Duration | None
		first_meeting: DF.Check
		follow_up_of: DF.Link | None
		is_cold: DF.Check
		is_decision_maker: DF.Check
		is_meeting: DF.Check
		kpi_tag: DF.Data | None
		next_activity: DF.Link | None
		next_activity_type: DF.Link | None
		next_planned_on: DF.Datetime | None
		next_subject: DF.Data | None
		notes: DF.TextEditor | None
		opportunity: DF.Link | None
		party: DF.DynamicLink | None
		party_name: DF.Data | None
		party_type: DF.Literal["", "Lead", "Prospect", "Opportunity", "Customer"]
		planned_date: DF.Date | None
		planned_end: DF.Datetime | None
		planned_on: DF.Datetime | None
		reached_next_step: DF.Check
		result: DF.Autocomplete | None
		sales_person: DF.Link
		status: DF.Literal["Planned", "Done", "Cancelled", "Missed"]
		subject: DF.Data
	# end: auto-generated types

	def before_validate(self) -> None:
		if not self.sales_person:
			self.sales_person = require_sales_person()

	def validate(self) -> None:
		self.set_type_defaults()
		self.set_dates()
		self.set_party_name()
		self.validate_done()
		self.validate_result()
		self.validate_moves_after_done()
		self.validate_history()
		validate_step_activity(self)

	def set_type_defaults(self) -> None:
		values = frappe.get_cached_value(
			"Sales Activity Type",
			self.activity_type,
			["kpi_tag", "is_meeting", "default_channel"],
			as_dict=True,
		)
		self.kpi_tag = values.kpi_tag
		self.is_meeting = values.is_meeting
		if not self.channel and values.default_channel:
			self.channel = values.default_channel
		if self.party_type == "Opportunity" and self.party and not self.opportunity:
			self.opportunity = self.party

	def set_dates(self) -> None:
		if self.status == "Done" and not self.done_at:
			self.done_at = now_datetime()
		if self.status != "Done":
			self.done_at = None
		self.done_on = getdate(self.done_at) if self.done_at else None
		if self.status == "Planned" and not self.planned_on:
			frappe.throw(
				_("A planned activity needs the date and time it is planned for"), exc=ActivityRefused
			)
		self.planned_date = getdate(self.planned_on) if self.planned_on else None
		self.planned_end = (
			add_to_date(get_datetime(self.planned_on), seconds=self.duration or 1800)
			if self.planned_on
			else None
		)

	def set_party_name(self) -> None:
		if self.party_type == "Opportunity" and self.party and not self.opportunity:
			self.opportunity = self.party  # the deal's activities are found by this field
		if self.party_type and self.party:
			self.party_name = frappe.db.get_value(
				self.party_type, self.party, PARTY_NAME_FIELDS[self.party_type]
			)
		else:
			self.party_name = None

	def validate_done(self) -> None:
		if self.status != "Done":
			return
		if not (self.party_type and self.party):
			frappe.throw(
				_(
					"A done activity needs the party it was done with: a lead, prospect, opportunity or customer"
				),
				exc=ActivityRefused,
			)
		if get_datetime(self.done_at) > add_to_date(now_datetime(), minutes=5):
			frappe.throw(
				_("An activity cannot be done in the future ({0})").format(
					frappe.format(self.done_at, "Datetime")
				),
				exc=ActivityRefused,
			)

	def validate_result(self) -> None:
		if not self.result:
			return
		results = (frappe.get_cached_value("Sales Activity Type", self.activity_type, "results") or "").split(
			"\n"
		)
		results = [result.strip() for result in results if result.strip()]
		if results and self.result not in results:
			frappe.throw(
				_("{0} is not a result of {1}; pick one of: {2}").format(
					frappe.bold(self.result), _(self.activity_type), ", ".join(_(r) for r in results)
				),
				exc=ActivityRefused,
			)

	def validate_history(self) -> None:
		"""Done work of a closed day, a rep's backdating, missed work and cancelling: `core.activity_rules`."""
		before = None if self.is_new() else self.get_doc_before_save()
		node = before.sales_person if before else self.sales_person
		is_lead = self.is_saved_by_lead(node)
		before_state = activity_state(before) if before else None
		after_state = activity_state(self)
		days = {state.done_on for state in (before_state, after_state) if state and state.done_on}
		enforce(
			check_activity_change,
			before_state,
			after_state,
			is_lead=is_lead,
			closed_days=closed_days(node, days),
			# a lead has no backdating limit: spare the holiday query
			earliest_done_at=datetime.min if is_lead else earliest_done_at(company_of(node)),
			reason=self.change_reason,
			cancel_reason=self.cancel_reason,
			exc=ActivityRefused,
		)

	def is_saved_by_lead(self, node: str) -> bool:
		"""Whether the user manages the rep (a lead above them, the head, the director): the one rule behind
		moving done work, changing a closed day and logging further back."""
		scope = get_scope(see_above=False)
		return scope.manageable is None or (node in scope.manageable and node != get_sales_person())

	def on_update(self) -> None:

		activity_changed(self)
		next_steps.activity_changed(self)
		cadence_step_changed(self)
		first_contact_done(self)

	def after_delete(self) -> None:

		activity_changed(self, "after_delete")
		next_steps.activity_changed(self, "after_delete")

	def on_trash(self) -> None:
		"""A wrong activity is cancelled with a reason, not deleted, below the group lead; and done work of a
		closed day stays whoever asks."""
		if get_scope(see_above=False).manageable is None:
			return
		if not self.is_saved_by_lead(self.sales_person):
			frappe.throw(
				_(
					"An activity is not deleted: cancel it with a reason, and it stays visible to your group lead"
				),
				exc=ActivityRefused,
			)
		if self.status == "Done" and closed_days(self.sales_person, {getdate(self.done_on)}):
			frappe.throw(
				_(
					"The work of {0} is closed: cancel the activity with a reason instead of deleting it"
				).format(frappe.format(self.done_on, "Date")),
				exc=ActivityRefused,
			)

	def validate_moves_after_done(self) -> None:
		"""Once done, an activity stays with its party and rep; only a lead of the rep may move it."""
		before = self.get_doc_before_save()
		if not before or before.status != "Done":
			return
		moved = [
			fieldname
			for fieldname in ("party_type", "party", "sales_person")
			if (before.get(fieldname) or "") != (self.get(fieldname) or "")
		]
		if not moved:
			return
		if not self.is_saved_by_lead(before.sales_person):
			frappe.throw(
				_("A done activity cannot be moved to another party or Sales Person; ask your group lead"),
				exc=ActivityRefused,
			)


def activity_state(doc) -> ActivityState:
	return ActivityState(
		doc.status,
		get_datetime(doc.done_at) if doc.done_at else None,
		doc.activity_type,
		doc.party_type or None,
		doc.party or None,
	)


def closed_days(sales_person: str, days: set[date]) -> set[date]:
	"""The days whose work is closed for the rep: the daily report is submitted, or a KPI snapshot was
	taken of a period containing the day."""
	if not days:
		return set()
	closed = {
		getdate(day)
		for day in frappe.get_all(
			"Daily Sales Report",
			filters={"sales_person": sales_person, "report_date": ("in", sorted(days)), "docstatus": 1},
			pluck="report_date",
		)
	}
	company = company_of(sales_person)
	snapshot = frappe.qb.DocType("KPI Snapshot")
	for day in days - closed:
		# the periods containing the day, looked up by (company, period type, start): the snapshot index
		periods = [get_period(company, day, period_type) for period_type in SNAPSHOT_PERIODS]
		if (
			frappe.qb.from_(snapshot)
			.select(snapshot.name)
			.where(snapshot.company == company)
			.where(
				Criterion.any(
					(snapshot.period_type == period.period_type.value)
					& (snapshot.period_start == period.start)
					for period in periods
				)
			)
			.limit(1)
		).run():
			closed.add(day)
	return closed


def earliest_done_at(company: str | None) -> datetime:
	"""The start of the working day that the settings let a rep log back to (the previous one by default),
	by the company's working days."""
	setting = get_settings().rep_backdating_days
	back = 1 if setting is None else cint(setting)
	day = getdate(today())
	# the non-working days of a window that surely holds that many working days, in one query (not one
	# per day: this runs on every save of an activity)
	window_start = add_days(day, -(2 * back + 31))
	holidays = get_holidays(company, window_start, day)
	while back > 0 and day > window_start:
		day = add_days(day, -1)
		if day not in holidays:
			back -= 1
	return datetime.combine(day, time.min)


@frappe.whitelist(methods=["POST"])
def create_next_step(activity: str) -> str:
	"""The follow-up activity that the next-step fields describe, planned for the same rep and party."""
	doc = frappe.get_doc("Sales Activity", activity)
	doc.check_permission("write")
	if doc.next_activity:
		return doc.next_activity
	if not (doc.next_activity_type and doc.next_planned_on):
		frappe.throw(_("Fill in the next activity type and when it is planned"), exc=ActivityRefused)
	follow_up = frappe.get_doc(
		{
			"doctype": "Sales Activity",
			"activity_type": doc.next_activity_type,
			"subject": doc.next_subject or doc.subject,
			"status": "Planned",
			"planned_on": doc.next_planned_on,
			"sales_person": doc.sales_person,
			"party_type": doc.party_type,
			"party": doc.party,
			"opportunity": doc.opportunity,
			"contact": doc.contact,
			"is_decision_maker": doc.is_decision_maker,
			"follow_up_of": doc.name,
		}
	).insert()
	doc.db_set("next_activity", follow_up.name)
	return follow_up.name


def on_doctype_update() -> None:
	"""Composite indexes for the counts of the day plans, norms, reports and the KPI engine."""
	frappe.db.add_index("Sales Activity", ["sales_person", "status", "done_on"])
	frappe.db.add_index("Sales Activity", ["sales_person", "status", "planned_date"])
	# a party's activities, and the conversion KPIs' look for a party's next step after a date
	frappe.db.add_index("Sales Activity", ["party", "party_type", "status", "is_meeting", "done_at"])
	frappe.db.add_index("Sales Activity", ["party", "party_type", "status", "kpi_tag", "done_at"])
	# a deal's last done and next planned activity, kept on the deal (deals/stale_deals.py)
	frappe.db.add_index("Sales Activity", ["opportunity", "status", "done_on", "planned_date"])
