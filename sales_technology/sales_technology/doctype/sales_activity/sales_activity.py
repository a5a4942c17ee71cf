# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_to_date, get_datetime, getdate, now_datetime

from sales_technology.org_structure import get_sales_person, require_sales_person
from sales_technology.plans.access import get_scope
from sales_technology.validation import SalesRuleError

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
		contact: DF.Link | None
		day_plan: DF.Link | None
		direction: DF.Literal["Outgoing", "Incoming"]
		done_at: DF.Datetime | None
		done_on: DF.Date | None
		duration: DF.Duration | None
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
		scope = get_scope()
		own = get_sales_person()
		may_move = scope.manageable is None or (
			before.sales_person in scope.manageable and before.sales_person != own
		)
		if not may_move:
			frappe.throw(
				_("A done activity cannot be moved to another party or Sales Person; ask your group lead"),
				exc=ActivityRefused,
			)


@frappe.whitelist()
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
