"""Install, migrate and uninstall: roles, settings, standard records and custom fields.

Every step here is idempotent: running it on a site that already has the records changes nothing.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.custom.doctype.property_setter.property_setter import make_property_setter
from frappe.utils import get_time

from sales_technology.claims.service_levels import retire_service_level, sync_service_levels
from sales_technology.core.cadences import STANDARD_CADENCES
from sales_technology.core.claims import CLAIM_ISSUE_TYPE, DEFAULT_CLAIM_CATEGORY, STANDARD_CLAIM_CATEGORIES
from sales_technology.core.client_classification import (
	KEY_CLIENT_CATEGORY,
	SHARED_CLIENT_CATEGORIES,
	STANDARD_CLIENT_CATEGORIES,
)
from sales_technology.core.compatibility import MINIMUM_MAJOR_VERSION, unsupported_versions
from sales_technology.core.competitors import STANDARD_CHECKLISTS
from sales_technology.core.deal_control import STANDARD_CLOSING_STATUSES
from sales_technology.core.feedback import FEEDBACK_PARAMETERS
from sales_technology.core.main_kpis import DEFAULT_MAIN_KPIS
from sales_technology.core.rep_programme import STANDARD_PROGRAMME, STANDARD_PROGRAMME_NAME, STANDARD_RAMP_UP
from sales_technology.core.roles import ROLE_PROFILES, ROLES
from sales_technology.core.standards import STANDARD_LIBRARY
from sales_technology.core.trainings import STANDARD_TOPICS
from sales_technology.incoming.web_form import publish_request_choices
from sales_technology.kpi import kept_facts
from sales_technology.setup.custom_fields import CUSTOM_FIELDS
from sales_technology.setup.main_kpis_block import MAIN_KPIS_BLOCK, create_main_kpis_block
from sales_technology.setup.standard_activity_types import (
	RESULTS_BY_TAG,
	REVISIT_ACTIVITY_TYPE,
	STANDARD_ACTIVITY_TYPES,
)
from sales_technology.setup.standard_funnel import (
	DEFAULT_FUNNEL,
	create_standard_funnel,
	create_standard_playbooks,
)
from sales_technology.setup.standard_kpis import COMPUTATIONS, STANDARD_KPIS
from sales_technology.setup.workflows import create_workflows, delete_workflows

DEFAULT_DAILY_REPORT_DEADLINE = "19:00:00"


def before_install() -> None:
	check_version_compatibility()


# the backfills of data made before the app: run once after install here, and as patches on the sites
# that had the app before (Frappe marks every patch done on a fresh install)
# (whose each deal is first: its stage history is recorded for that Sales Person)
POST_INSTALL_PATCHES = (
	"client_sales_persons",
	"deal_sales_persons",
	"pipeline_fields",
	"closing_statuses",
	"client_facts",
	"stage_history",
)


def after_install() -> None:
	sync_standard_records()
	run_post_install_patches()
	set_meeting_defaults()
	set_main_kpi_defaults()
	set_deal_control_defaults()


def run_post_install_patches() -> None:
	for patch in POST_INSTALL_PATCHES:
		frappe.get_attr(f"sales_technology.patches.post_install.{patch}.execute")()


def before_migrate() -> None:
	check_version_compatibility()


def after_migrate() -> None:
	sync_standard_records()
	kept_facts.queue_stale_rebuilds()


def sync_standard_records() -> None:
	"""Everything the app needs on a site, created where missing and never duplicated.

	Custom fields too, not only in a patch: Frappe marks an app's patches done when it installs the app,
	so a site whose install stopped half-way would otherwise never get them.
	"""
	create_roles()
	create_role_profiles()
	create_client_categories()
	create_closing_statuses()
	create_competitor_checklists()
	create_standard_programme()
	create_standard_library()
	create_training_topics()
	make_custom_fields()
	create_claim_issue_type()
	create_claim_categories()
	let_sales_roles_handle_claims()
	create_feedback_templates()
	create_standard_kpis()
	set_standard_kpi_computations()
	create_activity_types()
	create_standard_cadences()
	create_standard_funnel()
	create_standard_playbooks()
	create_main_kpis_block()
	let_sales_roles_pick_stages()
	create_workflows()
	translate_workflow_states()
	set_field_formats()
	create_settings()
	add_kpi_indexes()
	publish_request_choices()


def before_uninstall() -> None:

	frappe.delete_doc("Custom HTML Block", MAIN_KPIS_BLOCK, ignore_permissions=True, ignore_missing=True)
	drop_kpi_indexes()
	delete_workflows()
	delete_claim_service_levels()
	delete_custom_fields()
	# ERPNext's and Frappe's doctypes read as they did before the app
	frappe.db.delete(
		"Property Setter",
		{
			"doc_type": ("in", TRANSLATED_DOCTYPES),
			"property": "translated_doctype",
			"doctype_or_field": "DocType",
		},
	)
	for doctype, fieldname, prop, _value in FIELD_FORMATS:
		frappe.db.delete(
			"Property Setter",
			{"doc_type": doctype, "field_name": fieldname, "property": prop, "doctype_or_field": "DocField"},
		)
	frappe.clear_cache()


def check_version_compatibility() -> None:
	"""Refuse to run on a Frappe or ERPNext older than the app supports."""
	try:
		import erpnext
	except ImportError:
		frappe.throw(_("Sales Technology needs ERPNext: install ERPNext into this bench first."))
	versions = {"Frappe": frappe.__version__, "ERPNext": erpnext.__version__}
	too_old = unsupported_versions(versions)
	if too_old:
		frappe.throw(
			_("Sales Technology needs Frappe and ERPNext version {0} or newer; this site has {1}.").format(
				MINIMUM_MAJOR_VERSION,
				", ".join(f"{app} {version}" for app, version in too_old.items()),
			),
			title=_("Unsupported Version"),
		)


def create_roles() -> None:
	for role in ROLES:
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": 1}).insert(
				ignore_permissions=True
			)


def create_role_profiles() -> None:
	"""A Role Profile per position; a profile a site has edited keeps its roles, missing ones are added."""
	for profile, roles in ROLE_PROFILES.items():
		if frappe.db.exists("Role Profile", profile):
			doc = frappe.get_doc("Role Profile", profile)
			missing = [role for role in roles if role not in {row.role for row in doc.roles}]
			if not missing:
				continue
			for role in missing:
				doc.append("roles", {"role": role})
			doc.save(ignore_permissions=True)
		else:
			frappe.get_doc(
				{
					"doctype": "Role Profile",
					"role_profile": profile,
					"roles": [{"role": role} for role in roles],
				}
			).insert(ignore_permissions=True)


# Frappe's and ERPNext's doctypes whose records the app names in its own words: shown in the user's
# language wherever a field links to them (the approval status, the deal's funnel stage)
TRANSLATED_DOCTYPES = ("Workflow State", "Sales Stage")


def translate_workflow_states() -> None:
	"""Show workflow states in the user's language wherever a field links to them (the plan's and the
	correction's Approval Status), not only in the form's indicator."""
	for doctype in TRANSLATED_DOCTYPES:
		if not frappe.get_meta(doctype).translated_doctype:
			make_property_setter(doctype, None, "translated_doctype", 1, "Check", for_doctype=True)


# ERPNext's fields that the app shows in its funnel's terms: a deal's probability is a stage's whole
# percent (the site's float precision would show «5,000 %»)
FIELD_FORMATS = (("Opportunity", "probability", "precision", "0"),)


def set_field_formats() -> None:
	for doctype, fieldname, prop, value in FIELD_FORMATS:
		if str(frappe.get_meta(doctype).get_field(fieldname).get(prop) or "") != value:
			make_property_setter(doctype, fieldname, prop, value, "Select", validate_fields_for_doctype=False)


def create_client_categories() -> None:
	for name, _seed_name, description in STANDARD_CLIENT_CATEGORIES:
		if not frappe.db.exists("Client Category", name):
			frappe.get_doc(
				{
					"doctype": "Client Category",
					"category_name": name,
					"description": description,
					"is_standard": 1,
					"shared_by_sales_team": int(name in SHARED_CLIENT_CATEGORIES),
				}
			).insert(ignore_permissions=True)


def create_closing_statuses() -> None:
	"""The seed's four endings of a deal, once: a head may rename, add or disable them afterwards."""

	if frappe.db.count("Deal Closing Status"):
		return
	for name, outcome, criteria in STANDARD_CLOSING_STATUSES:
		frappe.get_doc(
			{"doctype": "Deal Closing Status", "status_name": name, "outcome": outcome, "criteria": criteria}
		).insert(ignore_permissions=True)


def create_competitor_checklists() -> None:
	"""The seed's checklists for collecting intel, once: marketing edits, adds or disables them after."""

	if frappe.db.count("Competitor Checklist"):
		return
	for name, purpose, questions in STANDARD_CHECKLISTS:
		frappe.get_doc(
			{
				"doctype": "Competitor Checklist",
				"checklist_name": name,
				"purpose": purpose,
				"questions": [{"question": question} for question in questions],
			}
		).insert(ignore_permissions=True)


def create_standard_programme() -> None:
	"""The seed's programme for a new rep as the default template, once: the head edits it or adds his
	own after."""
	if frappe.db.count("Rep Programme Template"):
		return
	frappe.get_doc(
		{
			"doctype": "Rep Programme Template",
			"template_name": STANDARD_PROGRAMME_NAME,
			"is_default": 1,
			"ramp_up": STANDARD_RAMP_UP,
			"enabled": 1,
			"description": "The seed's training of a new sales rep, from induction to the two-month talk",
			"steps": [
				{
					"step": step.title,
					"owner_kind": step.owner,
					"working_day": step.working_day,
					"kind": step.kind,
					"pass_mark": step.pass_mark,
					"what_to_do": step.what_to_do,
					"evidence": step.evidence,
				}
				for step in STANDARD_PROGRAMME
			],
		}
	).insert(ignore_permissions=True)


def create_standard_library() -> None:
	"""The seed's library of standards as titles, once: the head writes or attaches each document, and a
	standard asks the reps to read it from its first text on."""
	if frappe.db.count("Sales Standard"):
		return
	for entry in STANDARD_LIBRARY:
		frappe.get_doc(
			{
				"doctype": "Sales Standard",
				"standard_name": entry.title,
				"kind": entry.kind,
				"process_step": entry.serves,
				"enabled": 1,
			}
		).insert(ignore_permissions=True)


def create_training_topics() -> None:
	"""The seed's trainings as the catalogue, once: the head adds his own after."""
	if frappe.db.count("Sales Training Topic"):
		return
	for topic in STANDARD_TOPICS:
		frappe.get_doc(
			{
				"doctype": "Sales Training Topic",
				"topic": topic.topic,
				"kind": topic.kind,
				"description": topic.description,
			}
		).insert(ignore_permissions=True)


def set_deal_control_defaults() -> None:
	"""The activity a postponed deal comes back with, until the head names another: on install and by a
	patch (a Link's default would be checked before the activity types exist)."""

	if not frappe.db.get_single_value(
		"Sales Technology Settings", "revisit_activity_type"
	) and frappe.db.exists("Sales Activity Type", REVISIT_ACTIVITY_TYPE):
		frappe.db.set_single_value(
			"Sales Technology Settings", "revisit_activity_type", REVISIT_ACTIVITY_TYPE
		)


def create_claim_issue_type() -> None:
	"""Client claims are ERPNext Issues of this type (the Claims KPI counts them)."""
	if not frappe.db.exists("Issue Type", CLAIM_ISSUE_TYPE):
		frappe.get_doc({"doctype": "Issue Type", "description": "A client's claim (рекламация)"}).insert(
			ignore_permissions=True, set_name=CLAIM_ISSUE_TYPE
		)


def create_feedback_templates() -> None:
	"""The Quality Feedback templates whose ratings give the quality and satisfaction levels."""

	for template, parameter in FEEDBACK_PARAMETERS.items():
		if not frappe.db.exists("Quality Feedback Template", template):
			frappe.get_doc(
				{
					"doctype": "Quality Feedback Template",
					"template": template,
					"parameters": [{"parameter": parameter}],
				}
			).insert(ignore_permissions=True)


def create_standard_kpis() -> None:
	"""Insert the standard KPIs a site lacks; a head's later edits to them are kept. Ratios come after
	the KPIs they divide, which they link."""
	for kpi in sorted(STANDARD_KPIS, key=lambda kpi: COMPUTATIONS[kpi["code"]]["aggregate"] == "Ratio"):
		if frappe.db.exists("Sales KPI", kpi["code"]):
			continue
		values = {key: value for key, value in kpi.items() if key != "periods"}
		periods = {f"for_{period.lower()}": 1 for period in kpi["periods"]}
		computation = {
			key: value for key, value in COMPUTATIONS.get(kpi["code"], {}).items() if value is not None
		}
		frappe.get_doc({"doctype": "Sales KPI", **values, **periods, **computation, "is_standard": 1}).insert(
			ignore_permissions=True
		)


def set_standard_kpi_computations() -> None:
	"""Give standard KPIs that were installed without one the computation the app now ships."""
	for code, computation in COMPUTATIONS.items():
		if frappe.db.exists("Sales KPI", {"name": code, "is_standard": 1, "aggregate": ("is", "not set")}):
			kpi = frappe.get_doc("Sales KPI", code)
			kpi.update({key: value for key, value in computation.items() if value is not None})
			kpi.save(ignore_permissions=True)


def create_activity_types() -> None:
	"""Insert the standard activity types a site lacks; a head's later edits are kept."""
	for activity_type in STANDARD_ACTIVITY_TYPES:
		if frappe.db.exists("Sales Activity Type", activity_type["activity_type_name"]):
			continue
		results = "\n".join(activity_type.get("results") or RESULTS_BY_TAG.get(activity_type["kpi_tag"], ()))
		frappe.get_doc(
			{"doctype": "Sales Activity Type", **activity_type, "results": results, "is_standard": 1}
		).insert(ignore_permissions=True)


def create_standard_cadences() -> None:
	"""The seed's intercept and active-coverage cadences, once each: the head edits or disables them."""

	for name, cadence in STANDARD_CADENCES.items():
		if frappe.db.exists("Sales Cadence", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Sales Cadence",
				"cadence_name": name,
				"strategy": cadence["strategy"],
				"seed_name": cadence["seed_name"],
				"description": cadence["description"],
				"is_standard": 1,
				"steps": [
					{
						"step": step.step,
						"activity_type": step.activity_type,
						"subject": step.subject,
						"offset_days": step.offset_days,
						"offset_from": step.offset_from,
						"channel": step.channel,
						"on_agreed": step.on_agreed,
						"on_refused": step.on_refused,
						"on_no_answer": step.on_no_answer,
						"on_done": step.on_done,
						"is_long_plan": step.is_long_plan,
						"asks_temperature": step.asks_temperature,
						"marketing_support": step.marketing_support,
					}
					for step in cadence["steps"]
				],
			}
		).insert(ignore_permissions=True)


def create_settings() -> None:
	"""Store the settings' defaults once, so that reading a single value never returns None; a field
	added by a later release gets its default too (Frappe stores nothing for it until someone saves)."""
	if not frappe.db.get_singles_dict("Sales Technology Settings"):
		frappe.get_single("Sales Technology Settings").save(ignore_permissions=True)
	stored = set(frappe.db.get_singles_dict("Sales Technology Settings"))
	for field in frappe.get_meta("Sales Technology Settings").fields:
		if field.default and field.fieldname not in stored:
			frappe.db.set_single_value("Sales Technology Settings", field.fieldname, field.default)
	reset_daily_report_deadline()


def set_meeting_defaults() -> None:
	"""Target, the seed's key clients, and Turnover for the best rep, until the head names others: on
	install and by a patch for the sites that had the app before; a Link's default would be checked
	before the categories and KPIs exist (Frappe saves a new single first)."""
	for fieldname, value in (("key_client_category", KEY_CLIENT_CATEGORY), ("best_rep_kpi", "TURNOVER")):
		if not frappe.db.get_single_value("Sales Technology Settings", fieldname):
			frappe.db.set_single_value("Sales Technology Settings", fieldname, value)


def create_claim_categories() -> None:
	"""The standard claim categories once (a head may change and add them), then every category's
	Service Level Agreement, created where the site has a holiday list by now."""
	if not frappe.db.count("Claim Category"):
		for name, _seed_name, response, resolution, description in STANDARD_CLAIM_CATEGORIES:
			frappe.get_doc(
				{
					"doctype": "Claim Category",
					"category_name": name,
					"response_hours": response,
					"resolution_hours": resolution,
					"description": description,
					"is_default": int(name == DEFAULT_CLAIM_CATEGORY),
				}
			).insert(ignore_permissions=True)
	sync_service_levels()


def delete_claim_service_levels() -> None:
	for name in frappe.get_all("Claim Category", pluck="name"):
		retire_service_level(frappe.get_doc("Claim Category", name))
	for role in CLAIM_PERMISSIONS:  # the positions' rules on ERPNext's Issue go with the app
		frappe.db.delete("Custom DocPerm", {"parent": "Issue", "role": role})
	frappe.clear_cache(doctype="Issue")


# what each position does with the clients' claims (ERPNext's Issue), beside the Support Team's own rules
CLAIM_PERMISSIONS = {
	"Sales Rep": ("read", "write", "create", "report", "print", "email"),
	"Sales Group Lead": ("read", "write", "create", "report", "print", "email"),
	"Sales Head": ("read", "write", "create", "report", "print", "email", "share"),
	"General Director": ("read", "report", "print", "email"),
	"Sales Analyst": ("read", "report", "print"),
}


def let_sales_roles_handle_claims() -> None:
	"""ERPNext lets only the Support Team work on Issues; everyone in sales registers and handles the
	clients' claims (seed 000, 2.15), each within his line (the client rule): a Custom DocPerm per role,
	as Role Permissions Manager would add, the standard rules kept."""
	from frappe.permissions import add_permission

	for role, rights in CLAIM_PERMISSIONS.items():
		where = {"parent": "Issue", "role": role, "permlevel": 0, "if_owner": 0}
		if not frappe.db.exists("Custom DocPerm", where):
			add_permission("Issue", role, 0)
		name = frappe.db.get_value("Custom DocPerm", where)
		frappe.db.set_value("Custom DocPerm", name, dict.fromkeys(rights, 1))
	frappe.clear_cache(doctype="Issue")


def let_sales_roles_pick_stages() -> None:
	"""ERPNext lets only the Sales Manager read Sales Stages, so a rep could not move his deal to the
	next stage of its funnel: every sales role of the app reads and selects them (a Custom DocPerm, as
	Role Permissions Manager would add; the standard rules are kept)."""
	from frappe.permissions import add_permission

	changed = False
	for role in ROLES:
		rule = frappe.db.get_value(
			"Custom DocPerm",
			{"parent": "Sales Stage", "role": role, "permlevel": 0, "if_owner": 0},
			["name", "read", "select"],
			as_dict=True,
		)
		if not rule:
			add_permission("Sales Stage", role, 0)
			rule = frappe.db.get_value(
				"Custom DocPerm",
				{"parent": "Sales Stage", "role": role, "permlevel": 0, "if_owner": 0},
				["name", "read", "select"],
				as_dict=True,
			)
		if not (rule.read and rule.select):
			frappe.db.set_value("Custom DocPerm", rule.name, {"read": 1, "select": 1})
			changed = True
	if changed:
		frappe.clear_cache(doctype="Sales Stage")


def set_main_kpi_defaults() -> None:
	"""The five main KPIs of our reading and the default funnel's key stage, until the head chooses: on
	install and by a patch for the sites that had the app before (never again after the head emptied them)."""

	settings = frappe.get_single("Sales Technology Settings")
	changed = False
	if not settings.get("main_kpis"):
		for kpi in DEFAULT_MAIN_KPIS:
			if frappe.db.exists("Sales KPI", kpi):
				settings.append("main_kpis", {"kpi": kpi})
				changed = True
	if not settings.key_funnel and frappe.db.exists(
		"Sales Funnel Stage", {"parent": DEFAULT_FUNNEL, "parenttype": "Sales Funnel", "is_key_stage": 1}
	):
		settings.key_funnel = DEFAULT_FUNNEL
		changed = True
	if changed:
		settings.save(ignore_permissions=True)


def reset_daily_report_deadline() -> None:
	"""Frappe fills every Time field of a new document, the settings too, with the current time, whatever
	its default: a time with seconds (the deadline, the meetings' hours) was set that way at install, not
	by a person."""
	defaults = {"daily_report_deadline": DEFAULT_DAILY_REPORT_DEADLINE} | {
		field.fieldname: field.default
		for field in frappe.get_meta("Sales Technology Settings").fields
		if field.fieldtype == "Time" and field.default
	}
	for fieldname, default in defaults.items():
		value = frappe.db.get_single_value("Sales Technology Settings", fieldname)
		if value and not (get_time(value).second or get_time(value).microsecond):
			continue
		frappe.db.set_single_value("Sales Technology Settings", fieldname, default)


def make_custom_fields() -> None:
	create_custom_fields(CUSTOM_FIELDS, ignore_validate=True, update=True)


def delete_custom_fields() -> None:
	"""Remove the app's custom fields; the data of the ERPNext records themselves stays."""
	for doctype, fields in CUSTOM_FIELDS.items():
		names = frappe.get_all(
			"Custom Field",
			filters={"dt": doctype, "fieldname": ("in", [field["fieldname"] for field in fields])},
			pluck="name",
		)
		for name in names:
			frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
		frappe.clear_cache(doctype=doctype)


# Indexes that cover the KPI engine's queries, so that a month of a KPI reads the index alone: measured
# on 1 M activities and 500 k invoice lines, 0.4 s to 0.015 s per activity KPI and 0.5 s to 0.02 s for
# turnover. Created on install and every migrate (idempotent), the ones on ERPNext tables dropped again
# on uninstall.
KPI_INDEXES: dict[str, tuple[str, list[str]]] = {
	# index name: (doctype, columns)
	# activity counts, the days from registering an activity to doing it (creation), and the first
	# steps of the conversions (party, done_at): a month of activities is read from the index alone
	"st_kpi_activity": (
		"Sales Activity",
		[
			"kpi_tag",
			"status",
			"done_on",
			"sales_person",
			"docstatus",
			"creation",
			"party_type",
			"party",
			"done_at",
		],
	),
	# meetings of a period: the first meeting of a party, and the calls before it
	"st_kpi_meeting": (
		"Sales Activity",
		["is_meeting", "status", "done_on", "sales_person", "party_type", "party", "done_at"],
	),
	"st_kpi_posting": (
		"Sales Invoice",
		["posting_date", "docstatus", "is_return", "company", "base_net_total", "customer"],
	),
	# a client's purchases in a period: churn, new and current clients
	"st_kpi_customer": ("Sales Invoice", ["customer", "docstatus", "is_return", "posting_date"]),
	"st_kpi_transaction": ("Sales Order", ["transaction_date", "docstatus", "company", "base_net_total"]),
	# order lines by product, and a client's earlier orders and their item groups (cross-sales)
	"st_kpi_order_line": ("Sales Order Item", ["parent", "parenttype", "item_group", "base_net_amount"]),
	"st_kpi_order_customer": ("Sales Order", ["customer", "docstatus", "transaction_date"]),
	"st_kpi_share": ("Sales Team", ["parent", "parenttype", "sales_person", "allocated_percentage"]),
	# the pipeline KPIs: the deals still open at a date, read from the index alone
	"st_kpi_pipeline": (
		"Opportunity",
		[
			"st_closed_on",
			"transaction_date",
			"docstatus",
			"company",
			"opportunity_from",
			"st_is_partner",
			"st_responsible_sales_person",
			"party_name",
			"base_opportunity_amount",
		],
	),
	# the funnel KPIs per stage: a period's steps read from the index alone
	"st_kpi_stage": (
		"Deal Stage Change",
		[
			"changed_at",
			"docstatus",
			"event",
			"moved_forward",
			"sales_person",
			"to_stage",
			"from_stage",
			"days_in_stage",
		],
	),
	# the Funnel Analysis report: a funnel's entries into its stages in a period, its exits from them,
	# and whether a deal moved on afterwards (an index holds at most 3,072 bytes: five text columns)
	"st_funnel_entries": (
		"Deal Stage Change",
		[
			"sales_funnel",
			"changed_at",
			"event",
			"sales_person",
			"to_stage",
			"moved_on_later",
			"won_later",
			"amount",
		],
	),
	"st_funnel_exits": (
		"Deal Stage Change",
		["sales_funnel", "changed_at", "event", "sales_person", "from_stage", "days_in_stage"],
	),
	"st_funnel_moved_on": ("Deal Stage Change", ["opportunity", "from_stage", "moved_forward", "changed_at"]),
	# the open deals of a forecast, the stale-deal job and the deal lists (status not closed) of the
	# Sales Persons asked for, read from the index alone: a few thousand of a department's 200,000 deals
	"st_open_deals": (
		"Opportunity",
		[
			"status",
			"st_responsible_sales_person",
			"company",
			"base_opportunity_amount",
			"probability",
			"expected_closing",
		],
	),
	# the kept KPI facts: a KPI's days read for a period, every column the engine asks for in the index
	# (five text columns, as many as 3,072 bytes hold), and rewritten for a day
	"st_kept_facts": (
		"Sales KPI Fact",
		["kpi", "per_month", "day", "sales_person", "company", "dimension", "value_key", "total", "counted"],
	),
	# a team's facts: the KPIs of a request, for its nodes and periods, every column read in the index
	"st_team_facts": (
		"Sales KPI Team Fact",
		["kpi", "period_type", "sales_person", "period_start", "company", "dimension", "total", "counted"],
	),
}


# the app's own tables among those indexed: their indexes go with them when the app is uninstalled
APP_TABLES_INDEXED = ("Sales Activity", "Deal Stage Change", "Sales KPI Fact", "Sales KPI Team Fact")

# indexes an earlier version made that mislead MariaDB's choice now
RETIRED_INDEXES = (
	("Deal Stage Change", "sales_funnel_changed_at_index"),
	("Sales KPI Fact", "kpi_day_sales_person_index"),
)


def add_kpi_indexes() -> None:
	"""Create the indexes a site lacks, and rebuild one whose columns changed in a newer version."""
	for doctype, name in RETIRED_INDEXES:
		if frappe.db.has_index(f"tab{doctype}", name):
			frappe.db.sql_ddl(f"alter table `tab{doctype}` drop index `{name}`")
	for name, (doctype, columns) in KPI_INDEXES.items():
		if index_columns(doctype, name) not in ([], columns):
			frappe.db.sql_ddl(f"alter table `tab{doctype}` drop index `{name}`")
		frappe.db.add_index(doctype, columns, name)


def index_columns(doctype: str, name: str) -> list[str]:
	rows = frappe.db.sql(f"show index from `tab{doctype}` where Key_name = %s", name, as_dict=True)
	return [row.Column_name for row in sorted(rows, key=lambda row: row.Seq_in_index)]


def drop_kpi_indexes() -> None:
	for name, (doctype, _columns) in KPI_INDEXES.items():
		if doctype in APP_TABLES_INDEXED:
			continue  # the app's own tables go with the app
		if frappe.db.has_index(f"tab{doctype}", name):
			frappe.db.sql_ddl(f"alter table `tab{doctype}` drop index `{name}`")
