# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from __future__ import annotations

from datetime import datetime

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_to_date, get_datetime, getdate, now_datetime, today
from frappe.utils.html_utils import sanitize_html

from sales_technology.core.meetings import (
	CLIENT_MEETING,
	HELD,
	SIGNED,
	Agreement,
	agreement_status,
	check_agenda,
	check_agreement,
	check_protocol_time,
)
from sales_technology.meetings.agreements import sync_tasks
from sales_technology.meetings.held import record_held_meeting
from sales_technology.meetings.rhythm import freeze_results
from sales_technology.sales_technology.doctype.sales_activity.sales_activity import PARTY_NAME_FIELDS
from sales_technology.shared.org_structure import company_of, require_sales_person
from sales_technology.shared.settings import get_settings
from sales_technology.shared.validation import SalesRuleError, enforce


class MeetingRefused(SalesRuleError):
	pass


class SalesMeeting(Document):
	def discussion_html(self) -> str:
		"""The discussion as the protocol prints it: Frappe's sanitizer leaves alone a value that parses as
		JSON, so the print sanitizes it always."""
		return sanitize_html(self.discussion or "", always_sanitize=True)

	def before_validate(self) -> None:
		if not self.sales_person:
			self.sales_person = require_sales_person()
		self.company = self.company or company_of(self.sales_person)

	def validate(self) -> None:
		self.set_times()
		self.set_client()
		self.set_participant_names()
		self.validate_sign_off_untouched()
		self.validate_signed_protocol_kept()
		self.validate_agreements()
		if self.status == HELD or self.has_protocol():
			enforce(check_protocol_time, self.starts_at(), now_datetime(), exc=MeetingRefused)
		if self.status == HELD:
			enforce(
				check_agenda, bool(self.is_key_client), len(self.agenda), self.party_name, exc=MeetingRefused
			)
			freeze_results(self)

	def on_update(self) -> None:
		if self.status == HELD and self.meeting_kind == CLIENT_MEETING:
			record_held_meeting(self)
		sync_tasks(self)

	def set_times(self) -> None:
		"""Frappe fills every Time field of a new document with the current time, to the second: an end
		with seconds, or not after the start, was not chosen by anyone and becomes an hour after the
		start (at most the day's end); on a saved meeting an end before the start is refused."""
		self.starts_on = self.starts_at()
		ends = get_datetime(f"{self.meeting_date} {self.end_time}") if self.end_time else None
		if ends and self.is_new() and (ends <= self.starts_on or ends.second or ends.microsecond):
			ends = None
		if ends and ends <= self.starts_on:
			frappe.throw(_("The meeting cannot end before it starts"), exc=MeetingRefused)
		# the default hour stops at the day's end: a meeting is of one day, and an end after midnight would
		# read as an end before the start
		day_end = get_datetime(f"{self.meeting_date} 23:59:00")
		self.ends_on = ends or min(add_to_date(self.starts_on, hours=1), max(day_end, self.starts_on))
		self.end_time = self.ends_on.time()

	def starts_at(self) -> datetime:
		return get_datetime(f"{self.meeting_date} {self.start_time or '00:00:00'}")

	def has_protocol(self) -> bool:
		return bool((self.discussion or "").strip() or self.agreements)

	def set_client(self) -> None:
		if self.meeting_kind != CLIENT_MEETING:
			self.party_type = self.party = self.party_name = None
			self.is_key_client = 0
			return
		if not (self.party_type and self.party):
			frappe.throw(_("A client meeting needs the client: a lead, prospect, opportunity or customer"))
		values = frappe.db.get_value(
			self.party_type,
			self.party,
			[PARTY_NAME_FIELDS[self.party_type], "st_client_category"],
			as_dict=True,
		)
		if not values:
			frappe.throw(_("{0} {1} does not exist").format(_(self.party_type), frappe.bold(self.party)))
		self.party_name = values[PARTY_NAME_FIELDS[self.party_type]]
		key_category = get_settings().key_client_category
		self.is_key_client = int(bool(key_category) and values.st_client_category == key_category)

	def set_participant_names(self) -> None:
		names = {}
		for doctype, field in (("User", "user"), ("Contact", "contact")):
			linked = [row.get(field) for row in self.participants if row.get(field)]
			if linked:
				names[doctype] = dict(
					frappe.get_all(
						doctype, filters={"name": ("in", linked)}, fields=["name", "full_name"], as_list=True
					)
				)
		for row in self.participants:
			if row.user:
				row.participant_name = names["User"].get(row.user) or row.user
			elif row.contact:
				row.participant_name = names["Contact"].get(row.contact) or row.contact

	def validate_sign_off_untouched(self) -> None:
		"""The sign-off moves only through its own actions (send, agreed, signed), which check its order."""
		if self.is_new():
			self.sign_off_status = "Not Sent"
			return
		if self.flags.sign_off_step:
			return
		before = self.get_doc_before_save()
		if before and before.sign_off_status != self.sign_off_status:
			frappe.throw(
				_("The sign-off is changed by sending the protocol and recording the client's answer"),
				exc=MeetingRefused,
			)

	def validate_signed_protocol_kept(self) -> None:
		"""A protocol signed by both sides is what both signed: its text, agenda and agreements stay; only
		the agreements' progress (their status and tasks) moves on."""
		before = None if self.is_new() else self.get_doc_before_save()
		if not before or before.sign_off_status != SIGNED:
			return

		def signed(doc) -> tuple:
			return (
				doc.status,
				doc.meeting_date,
				str(doc.start_time),
				(doc.discussion or "").strip(),
				[(row.topic, row.goal, row.speaker) for row in doc.agenda],
				[
					(row.description, row.side, row.owner_user, row.owner_contact, str(row.due_date))
					for row in doc.agreements
				],
			)

		if signed(before) != signed(self):
			frappe.throw(
				_(
					"The protocol is signed by both sides: it is not changed any more; hold a new meeting instead"
				),
				exc=MeetingRefused,
			)

	def validate_agreements(self) -> None:
		if self.agreements and self.status != HELD:
			frappe.throw(
				_("Agreements are part of the protocol: set the meeting to Held when you write them"),
				exc=MeetingRefused,
			)
		on_day = getdate(today())
		for row in self.agreements:
			enforce(
				check_agreement,
				Agreement(
					row.description,
					row.side,
					row.owner_user,
					row.owner_contact,
					getdate(row.due_date) if row.due_date else None,
					row.idx,
				),
				exc=MeetingRefused,
			)
			row.status = agreement_status(row.status, getdate(row.due_date), on_day)
