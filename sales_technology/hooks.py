from sales_technology.core.access_rules import TREE_RULES as _TREE_RULES
from sales_technology.core.access_rules import doctypes_with_client_conditions as _client_conditions
from sales_technology.core.access_rules import doctypes_with_list_conditions as _list_conditions
from sales_technology.core.kpi_definition import KPI_LINKED_DOCTYPES as _KPI_LINKED_DOCTYPES

app_name = "sales_technology"
app_title = "Sales Technology"
app_publisher = "Sales Technology developers"
app_description = (
	"Cascading sales plans, plan corrections, KPI plan-vs-fact, sales activities and reports "
	"for B2B sales departments on ERPNext"
)
app_email = "dev@sales-technology.invalid"
app_license = "MIT"

# the org/repo form: the bare "erpnext" makes Frappe v15 ask GitHub where the app lives
required_apps = ["frappe/erpnext"]

export_python_type_annotations = True

# Installation
# ------------

before_install = "sales_technology.setup.install.before_install"
after_install = "sales_technology.setup.install.after_install"
before_uninstall = "sales_technology.setup.install.before_uninstall"

before_migrate = "sales_technology.setup.install.before_migrate"
after_migrate = "sales_technology.setup.install.after_migrate"

# Testing
# -------

before_tests = "sales_technology.tests.before_tests"

# Translations
# ------------

translated_search_doctypes = ["Client Category", "Sales Funnel", "Sales KPI", "Sales Stage"]

# Row-level access by the Sales Person tree
# ------------------------------------------

# one registry (core.access_rules) gives every doctype of the app its rule; these hooks only point at it
permission_query_conditions = {
	**{
		doctype: "sales_technology.shared.access.permission_query_conditions"
		for doctype in _list_conditions()
	},
	# ERPNext's clients and deals, and what hangs on them, by the registry's CLIENT_RULES
	**{
		doctype: "sales_technology.shared.client_access.permission_query_conditions"
		for doctype in _client_conditions()
	},
}
has_permission = {
	**{doctype: "sales_technology.shared.access.has_permission" for doctype in _TREE_RULES},
	**{doctype: "sales_technology.shared.client_access.has_permission" for doctype in _client_conditions()},
}

# The form's workflow actions: approvals only for who stands above the plan's node
override_whitelisted_methods = {
	"frappe.model.workflow.get_transitions": "sales_technology.plans.approval.get_transitions",
	# the public request form answers a guest with a thank-you only (other web forms as before)
	"frappe.website.doctype.web_form.web_form.accept": "sales_technology.incoming.web_form.accept",
	# global search and ERPNext's reports on clients read past the row rules: held to them
	"frappe.utils.global_search.search": "sales_technology.overrides.desk.search",
	"frappe.desk.query_report.get_script": "sales_technology.overrides.desk.get_script",
	"frappe.desk.query_report.run": "sales_technology.overrides.desk.run",
	"frappe.desk.query_report.export_query": "sales_technology.overrides.desk.export_query",
}

# ERPNext's Declare Lost asks the group lead's consent when a rep declares a deal lost
override_doctype_class = {
	"Opportunity": "sales_technology.overrides.opportunity.SalesOpportunity",
}

# Sales activities on the timelines, dashboards and forms of the parties
# ----------------------------------------------------------------------

additional_timeline_content = {
	"Lead": ["sales_technology.activities.timeline.timeline_content"],
	"Prospect": ["sales_technology.activities.timeline.timeline_content"],
	"Opportunity": ["sales_technology.activities.timeline.timeline_content"],
	"Customer": ["sales_technology.activities.timeline.timeline_content"],
}

override_doctype_dashboards = {
	"Lead": "sales_technology.activities.timeline.add_to_dashboard",
	"Prospect": "sales_technology.activities.timeline.add_to_dashboard",
	"Opportunity": "sales_technology.activities.timeline.add_to_dashboard",
	"Customer": "sales_technology.activities.timeline.add_to_dashboard",
}

# formatting of KPI values by their unit, for the plan forms and the reports
app_include_js = [
	"/assets/sales_technology/js/kpi_values.js",
	"/assets/sales_technology/js/cadences.js",
]

# start a cadence on the clients picked in a list
doctype_list_js = {
	"Lead": "public/js/cadence_list.js",
	"Prospect": "public/js/cadence_list.js",
	"Customer": "public/js/cadence_list.js",
}

doctype_js = {
	"Lead": ["public/js/party_activities.js", "public/js/cadence_run.js"],
	"Prospect": ["public/js/party_activities.js", "public/js/cadence_run.js"],
	"Opportunity": [
		"public/js/party_activities.js",
		"public/js/stage_playbook.js",
		"public/js/deal_closing.js",
		"public/js/battle_card.js",
		"public/js/deal_story.js",
		"public/js/deal_credit.js",
	],
	"Quotation": "public/js/battle_card.js",
	"Customer": ["public/js/party_activities.js", "public/js/cadence_run.js", "public/js/key_people.js"],
	"Sales Activity": "public/js/own_sales_person.js",
	"Daily Sales Report": "public/js/own_sales_person.js",
	"Sales Meeting": "public/js/own_sales_person.js",
	"Sales Person": "public/js/sales_person_handover.js",
}

calendars = ["Sales Activity", "Sales Meeting"]

# KPIs computed by Python (Sales KPI "Python Method" must name a function of one of these modules)
sales_kpi_method_modules = ["sales_technology.kpi.methods", "sales_technology.receivables.kpis"]

# Scheduled jobs
# --------------

scheduler_events = {
	# the kept KPI facts of yesterday and of the documents changed since, checked against the documents
	# the long nightly work on the long queue: each step commits, and a run stopped half-way is resumed by
	# the next (a snapshot taken, a deal flagged or a KPI reconciled is not done again)
	"daily_long": [
		"sales_technology.kpi.kept_facts.reconcile",
		"sales_technology.kpi.period_facts.keep_ended_periods",
		"sales_technology.kpi.snapshots.take_nightly_snapshots",
		"sales_technology.deals.stale_deals.flag_stale_deals",
	],
	"daily": [
		"sales_technology.activities.jobs.mark_missed_activities",
		"sales_technology.meetings.agreements.flag_overdue_agreements",
		"sales_technology.plans.decisions.check_effectiveness",
		"sales_technology.plans.reviews.create_period_reviews",
		"sales_technology.plans.reviews.flag_late_reviews",
		"sales_technology.deals.closing.reopen_postponed_deals",
		"sales_technology.deals.closing.flag_waiting_requests",
		"sales_technology.competitors.monitoring.monitor_competitors",
		"sales_technology.people.programme.notify_overdue_steps",
		"sales_technology.receivables.collection.plan_collection_calls",
		"sales_technology.deals.key_people.flag_key_clients_without_decision_maker",
	],
	# web requests whose first contact is overdue, to the rep's group lead
	"hourly": [
		"sales_technology.incoming.requests.flag_unanswered_requests",
		"sales_technology.claims.escalation.escalate_overdue_claims",
	],
	"cron": {
		# the evening check of the day plans and norms, after the working day
		"45 21 * * *": ["sales_technology.activities.jobs.flag_unfulfilled_days"],
		# the internal meetings ahead, and today's morning agendas before the 9:05 meeting
		"0 7 * * *": ["sales_technology.meetings.rhythm.run_daily"],
		# Mondays, for the week before: each node's prospective clients and forecast, kept
		"30 6 * * 1": ["sales_technology.deals.forecast.store_weekly_forecast"],
	},
}

# Document events on ERPNext doctypes
# -----------------------------------

# Frappe sanitizes what people type on save, but not in a document inserted already submitted
_SUBMITTABLE_DOCTYPES = ("Sales Plan", "Plan Correction", "Corrective Decision", "Daily Sales Report")

doc_events = {
	**{
		doctype: {"before_insert": "sales_technology.shared.validation.sanitize_submitted_insert"}
		for doctype in _SUBMITTABLE_DOCTYPES
	},
	"Sales Invoice": {
		"on_submit": "sales_technology.overrides.sales_invoice.update_customer_commitment",
		"on_cancel": "sales_technology.overrides.sales_invoice.update_customer_commitment",
	},
	# a client's cross-sales follow its orders
	"Sales Order": {
		"on_submit": [
			"sales_technology.overrides.sales_order.order_changed",
			"sales_technology.partners.programme.first_joint_deal",
		],
		"on_cancel": "sales_technology.overrides.sales_order.order_changed",
		"on_update_after_submit": "sales_technology.overrides.sales_order.order_changed",
	},
	# a client keeps whose it is; a rep registering another line's client is told so
	"Lead": {
		"before_insert": "sales_technology.shared.client_access.tell_of_client_in_another_line",
		"validate": "sales_technology.shared.clients_and_deals.keep_client_sales_person",
	},
	# a claim gets its category and responsible rep before ERPNext's "*" validate applies its agreement
	# a partner given its responsible rep starts its onboarding programme
	"Sales Partner": {
		"after_insert": "sales_technology.partners.programme.start_for_partner",
		"on_update": "sales_technology.partners.programme.start_for_partner",
	},
	"Issue": {
		"validate": "sales_technology.claims.claim.keep_claim",
		"on_change": "sales_technology.satisfaction.surveys.after_closed_claim",
	},
	"Customer": {
		"before_insert": "sales_technology.shared.client_access.tell_of_client_in_another_line",
		"validate": [
			"sales_technology.overrides.customer.validate",
			"sales_technology.shared.clients_and_deals.keep_client_sales_person",
		],
	},
	"Prospect": {
		"before_insert": [
			"sales_technology.overrides.prospect.before_insert",
			"sales_technology.shared.client_access.tell_of_client_in_another_line",
		],
		"validate": "sales_technology.shared.clients_and_deals.keep_client_sales_person",
	},
	"Opportunity": {
		"validate": "sales_technology.overrides.opportunity.validate",
		"on_change": [
			"sales_technology.overrides.opportunity.on_change",
			"sales_technology.satisfaction.surveys.after_won_deal",
		],
		"on_trash": "sales_technology.overrides.opportunity.on_trash",
	},
	# the tree changed: scopes forgotten, and the teams' kept facts rolled up again
	"Sales Person": {
		"validate": "sales_technology.overrides.sales_person.validate",
		# a rep who joins a group starts the new rep's programme
		"after_insert": "sales_technology.people.programme.start_for_new_rep",
		**{
			event: [
				"sales_technology.shared.access.forget_scopes",
				"sales_technology.kpi.kept_facts.tree_changed",
				# a Sales Person deleted (made by mistake) takes its programme with it
				*(["sales_technology.people.programme.delete_programmes"] if event == "on_trash" else []),
			]
			for event in ("on_update", "on_trash", "after_rename")
		},
	},
	"User": {
		"validate": "sales_technology.overrides.user.validate",
		"on_update": "sales_technology.shared.access.forget_scopes",
	},
	"ToDo": {
		"validate": "sales_technology.deals.playbooks.quiet_playbook_todo",
		"on_update": "sales_technology.meetings.agreements.close_agreement",
	},
	"DocShare": {
		"validate": [
			"sales_technology.shared.access.validate_share",
			"sales_technology.shared.client_access.refuse_share_outside_the_line",
		],
	},
	# the access scope is cached per request: drop it when the tree or who works as whom changes
	"Employee": {"on_update": "sales_technology.shared.access.forget_scopes"},
	# the funnels as a deal's save reads them are cached: dropped when a head edits them
	**{
		doctype: {
			event: "sales_technology.deals.funnel_setup.forget_funnel_setup"
			for event in ("on_update", "on_trash", "after_rename")
		}
		for doctype in ("Sales Funnel", "Sales Stage", "Sales Stage Playbook")
	},
}

# every document a KPI may read, or read one Link away, marks the days of its kept facts when it changes
for _doctype in sorted(_KPI_LINKED_DOCTYPES):
	_events = doc_events.setdefault(_doctype, {})
	for _event in ("on_change", "on_trash"):
		_present = _events.get(_event, [])
		_events[_event] = [
			*([_present] if isinstance(_present, str) else _present),
			"sales_technology.kpi.kept_facts.mark_changed",
			"sales_technology.kpi.period_facts.mark_changed",
		]
