"""Industry target lists (seed 004): a month's list of companies of an industry, assigned to the reps of a
department or group for synchronised work. Assigning makes each company its rep's Target lead (an existing
lead of that company is reused, never doubled) and starts the list's cadence where a row asks for it;
the Target Lists report reads each rep's progress from the leads' activities and deals."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate

from sales_technology.core.target_lists import ASSIGNED, DRAFT, TARGET_CATEGORY, share_out
from sales_technology.shared.access import check_can_manage
from sales_technology.shared.org_structure import get_sales_person_user, get_subtree
from sales_technology.strategies.cadences import start_cadence

TARGET_LIST = "Target List"


def list_reps(node: str) -> list[str]:
	"""The reps (enabled Sales Persons who are no group) under the list's node, in tree order."""
	subtree = get_subtree(node)
	reps = frappe.get_all(
		"Sales Person", filters={"name": ("in", subtree), "is_group": 0, "enabled": 1}, pluck="name"
	)
	return [node for node in subtree if node in set(reps)]


def keep_list(doc) -> None:
	"""Target List validate: the month's first day, each company given to a rep of the list's node."""
	doc.month = getdate(doc.month).replace(day=1)
	if not doc.status:
		doc.status = DRAFT
	reps = set(list_reps(doc.sales_person))
	for row in doc.companies:
		if row.assigned_to and row.assigned_to not in reps:
			frappe.throw(
				_("Row {0}: {1} is not a rep of {2}").format(
					row.idx, frappe.bold(row.assigned_to), frappe.bold(doc.sales_person)
				)
			)


@frappe.whitelist(methods=["POST"])
def assign_list(name: str) -> int:
	"""Give every company of the list to its rep as his Target lead; returns how many leads were made."""
	doc = frappe.get_doc(TARGET_LIST, name)
	doc.check_permission("write")
	check_can_manage(doc.sales_person)
	reps = list_reps(doc.sales_person)
	dealt = share_out([row.name for row in doc.companies if not row.assigned_to], reps)
	made = 0
	for row in doc.companies:
		row.assigned_to = row.assigned_to or dealt.get(row.name)
		if not row.assigned_to or row.lead:
			continue
		row.lead = frappe.db.get_value("Lead", {"company_name": row.company_name}, "name")
		if not row.lead:
			row.lead = new_target_lead(row, doc.industry)
			made += 1
		if row.start_cadence and doc.cadence:
			start_cadence(doc.cadence, "Lead", row.lead, sales_person=row.assigned_to)
	doc.status = ASSIGNED
	doc.save()
	return made


def new_target_lead(row, industry: str | None) -> str:
	rep = row.assigned_to
	lead = frappe.get_doc(
		{
			"doctype": "Lead",
			"lead_name": row.company_name,
			"company_name": row.company_name,
			"industry": industry,
			"city": row.city,
			"phone": row.phone,
			"email_id": row.email,
			"website": row.website,
			"lead_owner": get_sales_person_user(rep) or None,
			"st_responsible_sales_person": rep,
			"st_client_category": TARGET_CATEGORY,
		}
	)
	lead.insert(ignore_permissions=True)  # the head hands it to the rep, whose line it then follows
	return lead.name
