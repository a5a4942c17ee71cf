"""Each Claim Category is one of ERPNext's Service Level Agreements for Issues of the type Claim (its
condition names the category): ERPNext then sets every claim's Response By and Resolution By on the
company's working days and holiday list, and records when the claim was answered and resolved. The
category keeps the hours; the working days are set once and stay as the company edits them in the
agreement."""

from __future__ import annotations

import frappe
from frappe import _

from sales_technology.core.claims import CLAIM_ISSUE_TYPE

WORKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
WORKDAY_HOURS = ("09:00:00", "18:00:00")


def keep_service_level(category) -> str | None:
	"""Create or update the category's agreement; None (and a message) where the site has no holiday
	list to count working days by yet."""
	holiday_list = company_holiday_list()
	if not holiday_list:
		frappe.msgprint(
			_(
				"Claim Category {0} has no deadlines yet: give the company a default Holiday List, then save it again"
			).format(frappe.bold(category.name)),
			alert=True,
		)
		return None
	if not frappe.db.get_single_value("Support Settings", "track_service_level_agreement"):
		frappe.db.set_single_value("Support Settings", "track_service_level_agreement", 1)
	priority = claim_priority()
	name = category.get("service_level_agreement")
	if name and frappe.db.exists("Service Level Agreement", name):
		agreement = frappe.get_doc("Service Level Agreement", name)
	else:
		agreement = frappe.new_doc("Service Level Agreement")
		agreement.service_level = f"Claim {category.name}"
		agreement.holiday_list = holiday_list
		agreement.support_and_resolution = []
		for day in WORKDAYS:
			agreement.append(
				"support_and_resolution",
				{"workday": day, "start_time": WORKDAY_HOURS[0], "end_time": WORKDAY_HOURS[1]},
			)
		agreement.append("sla_fulfilled_on", {"status": "Resolved"})
		agreement.append("sla_fulfilled_on", {"status": "Closed"})
	agreement.update(
		{
			"document_type": "Issue",
			"enabled": 1,
			"default_service_level_agreement": 0,
			"default_priority": priority,
			"apply_sla_for_resolution": 1,
			"condition": f"doc.issue_type == {CLAIM_ISSUE_TYPE!r} and doc.st_claim_category == {category.name!r}",
		}
	)
	agreement.priorities = []
	agreement.append(
		"priorities",
		{
			"priority": priority,
			"default_priority": 1,
			"response_time": int(float(category.response_hours or 0) * 3600),
			"resolution_time": int(float(category.resolution_hours or 0) * 3600),
		},
	)
	agreement.flags.ignore_permissions = True
	agreement.save()
	return agreement.name


def company_holiday_list() -> str | None:
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	return frappe.db.get_value("Company", company, "default_holiday_list") if company else None


def claim_priority() -> str:
	"""The priority the claims' agreements are given (ERPNext's Medium, or any the site has)."""
	for name in ("Medium", _("Medium")):
		if frappe.db.exists("Issue Priority", name):
			return name
	existing = frappe.db.get_value("Issue Priority", {}, "name")
	if existing:
		return existing
	return (
		frappe.get_doc({"doctype": "Issue Priority", "name": "Medium"}).insert(ignore_permissions=True).name
	)


def drop_service_level(category) -> None:
	"""The category deleted (it had no claims): its agreement goes too."""
	name = category.get("service_level_agreement")
	if name and frappe.db.exists("Service Level Agreement", name):
		frappe.delete_doc("Service Level Agreement", name, ignore_permissions=True, force=True)


def sync_service_levels() -> None:
	"""Every category's agreement, on install and migrate (a site that got a holiday list since)."""
	for name in frappe.get_all("Claim Category", pluck="name"):
		category = frappe.get_doc("Claim Category", name)
		kept = keep_service_level(category)
		if kept and kept != category.service_level_agreement:
			category.db_set("service_level_agreement", kept, update_modified=False)


def retire_service_level(category) -> None:
	"""On uninstall: an agreement no claim names goes; one that claims name stays for ERPNext, disabled
	(their deadlines as they were), its condition no longer reading the app's field."""
	name = category.get("service_level_agreement")
	if not name or not frappe.db.exists("Service Level Agreement", name):
		return
	if not frappe.db.exists("Issue", {"service_level_agreement": name}):
		frappe.delete_doc("Service Level Agreement", name, ignore_permissions=True, force=True)
		return
	frappe.db.set_value(
		"Service Level Agreement",
		name,
		{"enabled": 0, "condition": f"doc.issue_type == {CLAIM_ISSUE_TYPE!r}"},
	)
