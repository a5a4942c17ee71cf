"""Opportunity events: the day an opportunity stopped being in work and its amount in company currency,
for the pipeline KPIs.

ERPNext keeps no closing date: a deal is declared lost by saving it, but marked Converted or Closed by
`set_status(update=True)`, which writes the status with `db_set`. Both run `on_change`, so the date is
kept there, and written with `db_set` too so that it never triggers another save. ERPNext computes the
amount in company currency only in the form's script, so an opportunity made by the API, an import or a
Lead's conversion would have none: `validate` computes it on the server the same way.
"""

from __future__ import annotations

import frappe
from erpnext.crm.doctype.opportunity.opportunity import Opportunity
from frappe import _
from frappe.model import no_value_fields, table_fields
from frappe.query_builder import Case
from frappe.utils import flt, getdate, today
from pypika.functions import Date

from sales_technology.core.deal_control import LOST
from sales_technology.core.pipeline import CLOSED_STATUSES, closing_date
from sales_technology.deals.closing import (
	ask_to_close,
	consent_needed,
	default_closing_status,
	guard_closing,
	guard_owner,
	keep_closing_status,
)
from sales_technology.deals.funnels import set_funnel_and_stage
from sales_technology.deals.stage_history import record_stage_change
from sales_technology.shared.clients_and_deals import set_deal_sales_person

APP_FIELD_PREFIX = "st_"  # the app's Custom Fields on ERPNext's doctypes (setup/custom_fields.py)


class SalesOpportunity(Opportunity):
	"""ERPNext's Opportunity, whose Declare Lost asks the lead's consent when a rep declares it."""

	def map_fields(self):
		"""ERPNext's copy of the party's values into the deal's empty fields. ERPNext asks the database,
		for each empty field, whether the party's doctype has it as a DocField: about thirty questions on
		every insert, most of a deal's save. The party's cached meta answers the same question (a field of
		its own, not a Custom Field), and the app's own fields, never the party's, are not asked about."""
		party = frappe.get_meta(self.opportunity_from)
		fields = [
			field
			for field in self.meta.get_valid_columns()
			if not field.startswith(APP_FIELD_PREFIX) and not self.get(field) and copied_from(party, field)
		]
		if not fields:
			return
		# one read of the party for all of them, where ERPNext read each field alone
		values = frappe.db.get_value(self.opportunity_from, self.party_name, fields, as_dict=True) or {}
		for field in fields:
			self.set(field, values.get(field))

	@frappe.whitelist()
	def declare_enquiry_lost(self, lost_reasons_list, competitors, detailed_reason=None):

		if self.flags.st_closing_consented or not consent_needed(self):
			self.flags.st_closing_consented = True
			return super().declare_enquiry_lost(lost_reasons_list, competitors, detailed_reason)
		request = ask_to_close(
			self.name,
			self.get("st_closing_status") or default_closing_status(LOST),
			lost_reasons_list,
			competitors,
			comment=detailed_reason,
		)
		frappe.msgprint(
			_("The deal stays open until your group lead consents to losing it: request {0}").format(
				frappe.bold(request)
			),
			alert=True,
		)
		return request


def copied_from(party, field: str) -> bool:
	"""Whether ERPNext copies the field from the party: a column of the party's own (a DocField, not a
	Custom Field; a field without a column made ERPNext's read fail, and it went on)."""
	party_field = party.get_field(field)
	return bool(
		party_field
		and not party_field.get("is_custom_field")
		and party_field.fieldtype not in no_value_fields
		and party_field.fieldtype not in table_fields
	)


def validate(doc, method: str | None = None) -> None:

	set_deal_sales_person(doc)
	guard_owner(doc)
	guard_closing(doc)
	set_funnel_and_stage(doc)
	doc.base_opportunity_amount = flt(
		flt(doc.opportunity_amount) * flt(doc.conversion_rate or 1), doc.precision("base_opportunity_amount")
	)


def on_change(doc, method: str | None = None) -> None:

	if doc.flags.in_delete:  # Frappe runs on_change while deleting: nothing moved
		return
	record_stage_change(doc)
	kept = getdate(doc.st_closed_on) if doc.get("st_closed_on") else None
	closed_on = closing_date(doc.status, kept, getdate(today()))
	if closed_on != kept:
		doc.db_set("st_closed_on", closed_on, update_modified=False)
	keep_closing_status(doc)


class DealDeletionRefused(frappe.PermissionError):
	"""Deals end by closing: only the System Manager deletes one (a duplicate, test data)."""


def on_trash(doc, method: str | None = None) -> None:
	"""Only the System Manager deletes a deal, and it takes its stage history, stale flags and closing
	requests with it (they link it, and would keep ERPNext from deleting it); its playbook to-dos go the
	way Frappe deletes every to-do of a deleted document. Everyone else closes a deal."""
	user = frappe.session.user
	if user != "Administrator" and "System Manager" not in frappe.get_roles(user):
		frappe.throw(
			_(
				"A deal ends by closing it, not by deleting it: use Ask to Close or Declare Lost on {0}"
			).format(frappe.bold(doc.name)),
			title=_("Deals Are Closed, Not Deleted"),
			exc=DealDeletionRefused,
		)
	for doctype in ("Deal Stage Change", "Stale Deal"):
		frappe.db.delete(doctype, {"opportunity": doc.name})
	requests = frappe.get_all("Deal Loss Request", filters={"opportunity": doc.name}, pluck="name")
	if requests:
		for child in ("Opportunity Lost Reason Detail", "Competitor Detail"):
			frappe.db.delete(child, {"parenttype": "Deal Loss Request", "parent": ("in", requests)})
		frappe.db.delete("Deal Loss Request", {"name": ("in", requests)})


def backfill_pipeline_fields() -> None:
	"""Opportunities closed before the app was installed (or by a data import) get the day they were
	last modified; reopened ones lose a stale date; amounts saved without their company-currency value
	get it. Idempotent: runs on every migrate."""
	opportunity = frappe.qb.DocType("Opportunity")
	(
		frappe.qb.update(opportunity)
		.set(
			opportunity.base_opportunity_amount,
			opportunity.opportunity_amount
			* Case().when(opportunity.conversion_rate > 0, opportunity.conversion_rate).else_(1),
		)
		.where((opportunity.base_opportunity_amount == 0) | opportunity.base_opportunity_amount.isnull())
		.where(opportunity.opportunity_amount != 0)
	).run()
	(
		frappe.qb.update(opportunity)
		.set(opportunity.st_closed_on, Date(opportunity.modified))
		.where(opportunity.status.isin(CLOSED_STATUSES) & opportunity.st_closed_on.isnull())
	).run()
	(
		frappe.qb.update(opportunity)
		.set(opportunity.st_closed_on, None)
		.where(opportunity.status.notin(CLOSED_STATUSES) & opportunity.st_closed_on.isnotnull())
	).run()
