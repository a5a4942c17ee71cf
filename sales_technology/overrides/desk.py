"""The desk's paths that read past the row rules, held to them for the sales tree.

Global search reads its own index, and ERPNext's script reports on clients and deals read the tables with
their own SQL: neither asks the permission hooks. The search keeps only the results the user may open;
the reports are withdrawn from whom the client rule binds (the app's reports keep to the tree themselves).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.desk import query_report
from frappe.utils import global_search

from sales_technology.core.access_rules import doctypes_with_client_conditions, doctypes_with_list_conditions
from sales_technology.shared.client_access import client_scope

# ERPNext's reports that list clients through another doctype (their invoices or orders)
CLIENT_LISTING_REPORTS = ("Inactive Customers", "Customers Without Any Sales Transactions")

APP_NAME = "sales_technology"


class ReportWithdrawn(frappe.PermissionError):
	pass


@frappe.whitelist()
def search(text, start=0, limit=20, doctype=""):
	"""Global search, without the results the row rules hide from the user."""
	results = global_search.search(text, start=start, limit=limit, doctype=doctype)
	ruled = set(doctypes_with_client_conditions()) | set(doctypes_with_list_conditions())
	names: dict[str, list[str]] = {}
	for result in results:
		if result.doctype in ruled:
			names.setdefault(result.doctype, []).append(result.name)
	visible = {
		(found_doctype, name)
		for found_doctype, found in names.items()
		for name in frappe.get_list(found_doctype, filters={"name": ("in", found)}, pluck="name")
	}
	return [
		result
		for result in results
		if result.doctype not in ruled or (result.doctype, result.name) in visible
	]


def withdrawn(report_name: str, user: str | None = None) -> bool:
	"""Whether the report reads clients past the row rules and the user is bound by the client rule."""
	values = frappe.db.get_value(
		"Report", report_name, ["ref_doctype", "report_type", "module", "is_standard"], as_dict=True
	)
	if values is None or values.report_type not in ("Script Report", "Query Report"):
		return False
	if values.module and frappe.local.module_app.get(frappe.scrub(values.module)) == APP_NAME:
		return False
	reads_clients = (
		values.ref_doctype in doctypes_with_client_conditions() or report_name in CLIENT_LISTING_REPORTS
	)
	return reads_clients and client_scope(user) is not None


def refuse_withdrawn(report_name: str) -> None:
	if withdrawn(report_name):
		frappe.throw(
			_(
				"{0} lists the clients and deals of every line of the Sales Person tree: open the reports of "
				"Sales Technology instead, which show your own line"
			).format(frappe.bold(_(report_name))),
			title=_("Report Not Available"),
			exc=ReportWithdrawn,
		)


@frappe.whitelist()
def get_script(report_name):
	refuse_withdrawn(report_name)
	return query_report.get_script(report_name)


@frappe.whitelist()
@frappe.read_only()
def run(report_name, filters=None, user=None, ignore_prepared_report=False, custom_columns=None, **kwargs):
	refuse_withdrawn(report_name)
	return query_report.run(
		report_name,
		filters=filters,
		user=user,
		ignore_prepared_report=ignore_prepared_report,
		custom_columns=custom_columns,
		**kwargs,
	)


@frappe.whitelist()
def export_query():
	refuse_withdrawn(frappe.form_dict.report_name)
	return query_report.export_query()
