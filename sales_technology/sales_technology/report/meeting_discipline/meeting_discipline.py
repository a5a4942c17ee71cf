# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Client meetings by rep and month: held, held with an agenda and with a protocol, the protocols sent to
the client and signed by both sides, in one grouped query."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Count, DateFormat, Sum
from frappe.utils import getdate

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.meetings import CLIENT_MEETING, HELD, NOT_SENT, SIGNED
from sales_technology.shared.report_filters import clean_filters


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	if not (filters.from_date and filters.to_date):
		frappe.throw(_("Choose the period: From Date and To Date"))
	if getdate(filters.to_date) < getdate(filters.from_date):
		frappe.throw(_("To Date cannot be before From Date"))
	nodes = [node.name for node in report_nodes(filters.sales_person)]
	meeting = frappe.qb.DocType("Sales Meeting")
	agenda = frappe.qb.DocType("Sales Meeting Agenda Item")
	agreement = frappe.qb.DocType("Sales Meeting Agreement")
	with_agenda = frappe.qb.from_(agenda).select(agenda.parent).where(agenda.parenttype == "Sales Meeting")
	with_agreements = (
		frappe.qb.from_(agreement).select(agreement.parent).where(agreement.parenttype == "Sales Meeting")
	)
	held = meeting.status == HELD

	def count_if(condition):
		return Sum(Case().when(condition, 1).else_(0))

	month = DateFormat(meeting.meeting_date, "%Y-%m")
	rows = (
		frappe.qb.from_(meeting)
		.select(
			meeting.sales_person,
			month.as_("month"),
			Count("*").as_("meetings"),
			count_if(held).as_("held"),
			count_if(held & meeting.name.isin(with_agenda)).as_("with_agenda"),
			count_if(
				held & (meeting.name.isin(with_agreements) | (Coalesce(meeting.discussion, "") != ""))
			).as_("with_protocol"),
			count_if(held & (meeting.sign_off_status != NOT_SENT)).as_("sent"),
			count_if(held & (meeting.sign_off_status == SIGNED)).as_("signed"),
			count_if(held & (meeting.is_key_client == 1)).as_("key_client_held"),
		)
		.where(meeting.meeting_kind == CLIENT_MEETING)
		.where(meeting.sales_person.isin(nodes))
		.where(meeting.meeting_date.between(filters.from_date, filters.to_date))
		.groupby(meeting.sales_person, month)
		.orderby(meeting.sales_person)
		.orderby(month)
	).run(as_dict=True)
	for row in rows:
		row["signed_share"] = round(row.signed * 100 / row.held, 1) if row.held else 0
	return get_columns(), rows


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "sales_person",
			"label": _("Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 180,
		},
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 90},
		{"fieldname": "meetings", "label": _("Client Meetings"), "fieldtype": "Int", "width": 120},
		{"fieldname": "held", "label": _("Held"), "fieldtype": "Int", "width": 80},
		{"fieldname": "key_client_held", "label": _("With Key Clients"), "fieldtype": "Int", "width": 120},
		{"fieldname": "with_agenda", "label": _("With an Agenda"), "fieldtype": "Int", "width": 120},
		{"fieldname": "with_protocol", "label": _("With a Protocol"), "fieldtype": "Int", "width": 120},
		{"fieldname": "sent", "label": _("Protocol Sent"), "fieldtype": "Int", "width": 110},
		{"fieldname": "signed", "label": _("Signed by Both"), "fieldtype": "Int", "width": 110},
		{"fieldname": "signed_share", "label": _("Signed, %"), "fieldtype": "Percent", "width": 100},
	]
