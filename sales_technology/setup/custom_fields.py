"""Custom fields the app adds to ERPNext doctypes, as data (created on install and by a patch)."""

from __future__ import annotations

from sales_technology.core.client_classification import COMMITMENT_LEVELS, TEMPERATURES

CLASSIFIED_DOCTYPES = ("Lead", "Prospect", "Opportunity", "Customer")

# the field after which the classification section goes on each doctype's form
_CLASSIFICATION_AFTER = {
	"Lead": "qualified_on",
	"Prospect": "company",
	"Opportunity": "first_response_time",
	"Customer": "customer_details",
}


def _classification_fields(doctype: str) -> list[dict]:
	derived = doctype == "Customer"
	return [
		{
			"fieldname": "st_classification_section",
			"fieldtype": "Section Break",
			"label": "Client Classification",
			"insert_after": _CLASSIFICATION_AFTER[doctype],
			"collapsible": 0,
		},
		{
			"fieldname": "st_client_category",
			"fieldtype": "Link",
			"label": "Client Category",
			"options": "Client Category",
			"insert_after": "st_classification_section",
			"in_standard_filter": 1,
		},
		{
			"fieldname": "st_commitment_level",
			"fieldtype": "Select",
			"label": "Commitment Level",
			"options": "\n".join(COMMITMENT_LEVELS),
			"default": COMMITMENT_LEVELS[0],
			"insert_after": "st_client_category",
			"in_standard_filter": 1,
			"description": (
				"Buyer and Client follow the customer's submitted sales invoices; Visitor and Adherent are set by hand"
				if derived
				else None
			),
		},
		{
			"fieldname": "st_temperature",
			"fieldtype": "Select",
			"label": "Temperature",
			"options": "\n" + "\n".join(TEMPERATURES),
			"insert_after": "st_commitment_level",
			"in_standard_filter": 1,
		},
		{
			"fieldname": "st_classification_column",
			"fieldtype": "Column Break",
			"insert_after": "st_temperature",
		},
		{
			"fieldname": "st_is_partner",
			"fieldtype": "Check",
			"label": "Partner",
			"insert_after": "st_classification_column",
		},
		{
			"fieldname": "st_potential_value",
			"fieldtype": "Currency",
			"label": "Potential Value",
			"options": "Company:company:default_currency" if doctype == "Opportunity" else None,
			"insert_after": "st_is_partner",
			"non_negative": 1,
		},
		{
			"fieldname": "st_responsible_sales_person",
			"fieldtype": "Link",
			"label": "Responsible Sales Person",
			"options": "Sales Person",
			"insert_after": "st_potential_value",
			"in_standard_filter": 1,
			# whose the client is: every list of a rep and his lead reads it
			"search_index": 1,
			"description": "Whose the client is; left empty, its owner's Sales Person (else its creator's) is put here",
		},
	]


CLASSIFICATION_FIELDNAMES = (
	"st_client_category",
	"st_commitment_level",
	"st_temperature",
	"st_is_partner",
	"st_potential_value",
	"st_responsible_sales_person",
)


def _without_empty_keys(field: dict) -> dict:
	return {key: value for key, value in field.items() if value is not None}


CUSTOM_FIELDS: dict[str, list[dict]] = {
	doctype: [_without_empty_keys(field) for field in _classification_fields(doctype)]
	for doctype in CLASSIFIED_DOCTYPES
}

# whose a deal is follows one rule (shared/clients_and_deals.py): kept on every save, not typed
for _field in CUSTOM_FIELDS["Opportunity"]:
	if _field["fieldname"] == "st_responsible_sales_person":
		_field.update(
			{
				"read_only": 1,
				"search_index": 1,
				"description": "Whose the deal is: its owner's Sales Person, else its client's, else its creator's",
			}
		)

CUSTOM_FIELDS["Sales Person"] = [
	{
		"fieldname": "st_user",
		"fieldtype": "Link",
		"label": "User",
		"options": "User",
		"insert_after": "employee",
		"description": "For companies that keep no Employee records: the user who works as this Sales Person",
		"search_index": 1,
	},
]

# a pilot project (process 2.10): marked on the deal and carried to the quotation and the order
_PILOT_AFTER = {"Opportunity": "opportunity_type", "Quotation": "order_type", "Sales Order": "order_type"}
for _doctype, _after in _PILOT_AFTER.items():
	CUSTOM_FIELDS.setdefault(_doctype, []).append(
		{
			"fieldname": "st_is_pilot",
			"fieldtype": "Check",
			"label": "Pilot Project",
			"insert_after": _after,
			"in_standard_filter": 1,
			"description": "A pilot project of the sales technology (counted by the Pilot Projects KPIs)",
		}
	)

# the date of a customer's first purchase: new clients of a period are those whose first purchase falls in it
CUSTOM_FIELDS["Customer"].append(
	{
		"fieldname": "st_first_purchase_on",
		"fieldtype": "Date",
		"label": "First Purchase On",
		"insert_after": "st_responsible_sales_person",
		"read_only": 1,
		"no_copy": 1,
		"description": "The posting date of the customer's first submitted sales invoice",
	}
)

# an existing client's first order of an item group (the cross-sales KPIs), kept by overrides/sales_order.py
CUSTOM_FIELDS["Sales Order Item"] = [
	{
		"fieldname": "st_cross_sale",
		"fieldtype": "Check",
		"label": "Cross-sale",
		"insert_after": "item_group",
		"read_only": 1,
		"no_copy": 1,
		"description": "An existing client's first order of this item group (counted by the cross-sales KPIs)",
	}
]

# the day a deal stopped being in work (won, lost or closed): pipeline KPIs count what was open at a date
CUSTOM_FIELDS["Opportunity"].append(
	{
		"fieldname": "st_closed_on",
		"fieldtype": "Date",
		"label": "Closed On",
		"insert_after": "st_is_pilot",
		"read_only": 1,
		"no_copy": 1,
		"search_index": 1,
		"description": "The day the opportunity was converted, lost or closed; set when its status changes",
	}
)

# the client's development plan (the open agreements of its meetings' protocols), drawn by
# public/js/party_activities.js into an HTML field so that it shows on the form's first tab
for _doctype in CLASSIFIED_DOCTYPES:
	CUSTOM_FIELDS[_doctype] += [
		{
			"fieldname": "st_development_plan_section",
			"fieldtype": "Section Break",
			"label": "Development Plan",
			"insert_after": "st_first_purchase_on"
			if _doctype == "Customer"
			else "st_responsible_sales_person",
			"collapsible": 0,
		},
		{
			"fieldname": "st_development_plan",
			"fieldtype": "HTML",
			"label": "Development Plan",
			"insert_after": "st_development_plan_section",
		},
	]

# the funnel a deal is in (chosen by the funnels' rules, editable): its stages are the deal's stages
CUSTOM_FIELDS["Opportunity"].append(
	{
		"fieldname": "st_sales_funnel",
		"fieldtype": "Link",
		"label": "Sales Funnel",
		"options": "Sales Funnel",
		"insert_after": "sales_stage",
		"in_standard_filter": 1,
		"description": "Chosen by the funnels' product, segment and customer group unless set; the deal's stage is one of its stages",
	}
)

# which evening notice a Notification Log is (rep, day, kind): "already notified" must not depend on the
# subject, which is translated
CUSTOM_FIELDS["Notification Log"] = [
	{
		"fieldname": "st_notification_key",
		"fieldtype": "Data",
		"label": "Sales Technology Key",
		"insert_after": "document_name",
		"hidden": 1,
		"read_only": 1,
		"no_copy": 1,
		"search_index": 1,
	}
]

# the stage playbook (deals/playbooks.py): the current stage's goal and tasks on the deal's first tab,
# drawn by public/js/stage_playbook.js, and the mover's confirmation of passing open mandatory tasks
CUSTOM_FIELDS["Opportunity"] += [
	{
		"fieldname": "st_confirm_open_tasks",
		"fieldtype": "Check",
		"label": "Move On Past Open Tasks",
		"insert_after": "st_sales_funnel",
		"hidden": 1,
		"no_copy": 1,
		"description": "Set by the form when the user confirms moving the deal on with the stage's mandatory tasks open",
	},
	{
		"fieldname": "st_stage_playbook_section",
		"fieldtype": "Section Break",
		"label": "Stage Playbook",
		"insert_after": "st_development_plan",
		"collapsible": 0,
	},
	{
		"fieldname": "st_stage_playbook",
		"fieldtype": "HTML",
		"label": "Stage Playbook",
		"insert_after": "st_stage_playbook_section",
	},
]

# a playbook task given to a deal's owner: the stage it belongs to and whether moving on waits for it
CUSTOM_FIELDS["ToDo"] = [
	{
		"fieldname": "st_sales_stage",
		"fieldtype": "Link",
		"label": "Sales Stage",
		"options": "Sales Stage",
		"insert_after": "reference_name",
		"read_only": 1,
		"no_copy": 1,
		"search_index": 1,
		"description": "The stage of the deal whose playbook gave this task",
	},
	{
		"fieldname": "st_mandatory",
		"fieldtype": "Check",
		"label": "Mandatory for the Stage",
		"insert_after": "st_sales_stage",
		"read_only": 1,
		"no_copy": 1,
	},
	{
		# the task as the playbook words it: the description is in the rep's language
		"fieldname": "st_playbook_task",
		"fieldtype": "Small Text",
		"label": "Playbook Task",
		"insert_after": "st_mandatory",
		"read_only": 1,
		"hidden": 1,
		"no_copy": 1,
	},
]

# deal control (deals/closing.py, deals/stale_deals.py): how a closed deal ended, the day a postponed one
# comes back, and its last and next activity for the stale-deal job and the forecast
CUSTOM_FIELDS["Opportunity"] += [
	{
		"fieldname": "st_closing_status",
		"fieldtype": "Link",
		"label": "Closing Status",
		"options": "Deal Closing Status",
		"insert_after": "st_closed_on",
		"read_only": 1,
		"no_copy": 1,
		"in_standard_filter": 1,
		"depends_on": "eval:doc.st_closing_status",
		"description": "How the deal ended: set when it closes, by the lead's consent to a rep's request",
	},
	{
		"fieldname": "st_revisit_on",
		"fieldtype": "Date",
		"label": "Come Back to the Client On",
		"insert_after": "st_closing_status",
		"read_only": 1,
		"no_copy": 1,
		"search_index": 1,
		"depends_on": "eval:doc.st_revisit_on",
		"description": "A postponed deal returns into work on this day",
	},
	{
		"fieldname": "st_last_activity_on",
		"fieldtype": "Date",
		"label": "Last Activity On",
		"insert_after": "st_revisit_on",
		"read_only": 1,
		"no_copy": 1,
		"description": "The day of the deal's last done sales activity",
	},
	{
		"fieldname": "st_next_activity_on",
		"fieldtype": "Date",
		"label": "Next Activity On",
		"insert_after": "st_last_activity_on",
		"read_only": 1,
		"no_copy": 1,
		"description": "The day of the deal's next planned sales activity",
	},
]

# competitor intelligence (competitors/): whether marketing monitors a competitor every month and the day
# we last learned about it; the competitors an open deal competes with and their battle cards on the deal
# and the quotation; the monthly monitoring task
CUSTOM_FIELDS["Competitor"] = [
	{
		"fieldname": "st_monitored",
		"fieldtype": "Check",
		"label": "Monitor Monthly",
		"insert_after": "website",
		"default": "1",
		"in_standard_filter": 1,
		"description": "Marketing gets a monitoring task for this competitor every month",
	},
	{
		"fieldname": "st_last_intel_on",
		"fieldtype": "Date",
		"label": "Last Learned About",
		"insert_after": "st_monitored",
		"read_only": 1,
		"no_copy": 1,
		"in_list_view": 1,
		"description": "The latest intel collected on the competitor, or the last review of its positioning",
	},
]
CUSTOM_FIELDS["Opportunity"] += [
	{
		"fieldname": "st_competitor_section",
		"fieldtype": "Section Break",
		"label": "Against the Competitor",
		"insert_after": "st_stage_playbook",
		"collapsible": 0,
	},
	{
		"fieldname": "st_competing_with",
		"fieldtype": "Table MultiSelect",
		"label": "Competing With",
		"options": "Competitor Detail",
		"insert_after": "st_competitor_section",
		"description": "The competitors the client also talks to, or works with now: their battle cards show below",
	},
	{
		"fieldname": "st_battle_card",
		"fieldtype": "HTML",
		"label": "Battle Card",
		"insert_after": "st_competing_with",
	},
]
CUSTOM_FIELDS["Quotation"] += [
	{
		"fieldname": "st_battle_card_section",
		"fieldtype": "Section Break",
		"label": "Against the Competitor",
		"insert_after": "pricing_rules",
		"collapsible": 1,
	},
	{
		"fieldname": "st_battle_card",
		"fieldtype": "HTML",
		"label": "Battle Card",
		"insert_after": "st_battle_card_section",
	},
]
CUSTOM_FIELDS["ToDo"].append(
	{
		"fieldname": "st_monitoring",
		"fieldtype": "Check",
		"label": "Competitor Monitoring",
		"insert_after": "st_mandatory",
		"read_only": 1,
		"no_copy": 1,
		"description": "The month's monitoring task of a competitor",
	}
)

# the client's strategy (intercept or active coverage) and the cadence it follows (strategies/cadences.py)
for _doctype in ("Lead", "Prospect", "Customer"):
	CUSTOM_FIELDS[_doctype] += [
		{
			"fieldname": "st_strategy_section",
			"fieldtype": "Section Break",
			"label": "Strategy",
			"insert_after": "st_development_plan",
		},
		{
			"fieldname": "st_strategy",
			"fieldtype": "Select",
			"label": "Strategy",
			"options": "\nIntercept\nActive Coverage",
			"insert_after": "st_strategy_section",
			"in_standard_filter": 1,
			"description": "Intercept: a large target client taken from a competitor; active coverage: the others",
		},
		{
			"fieldname": "st_cadence_run",
			"fieldtype": "Link",
			"label": "Cadence Run",
			"options": "Sales Cadence Run",
			"insert_after": "st_strategy",
			"read_only": 1,
			"no_copy": 1,
		},
		{
			"fieldname": "st_strategy_column",
			"fieldtype": "Column Break",
			"insert_after": "st_cadence_run",
		},
		{
			"fieldname": "st_cadence_progress",
			"fieldtype": "Data",
			"label": "Cadence Progress",
			"insert_after": "st_strategy_column",
			"read_only": 1,
			"no_copy": 1,
		},
	]

# a rep away (holiday, sick leave) gets no incoming requests until the day after (incoming/requests.py)
CUSTOM_FIELDS["Sales Person"].append(
	{
		"fieldname": "st_away_until",
		"fieldtype": "Date",
		"label": "Away Until",
		"insert_after": "st_user",
		"description": "Incoming requests go to the other reps until this day (inclusive)",
	}
)

# the people who matter at a client (seed 000, 2.12): each contact's part in the client's buying, his
# attitude to us and the next step with him (deals/key_people.py draws the client's map of them)
CUSTOM_FIELDS["Contact"] = [
	{
		"fieldname": "st_key_people_section",
		"fieldtype": "Section Break",
		"label": "Role in the Client's Decisions",
		"insert_after": "designation",
		"collapsible": 0,
	},
	{
		"fieldname": "st_buying_role",
		"fieldtype": "Select",
		"label": "Role in Buying",
		"options": "\nDecision Maker\nInfluencer\nUser\nGatekeeper",
		"insert_after": "st_key_people_section",
		"in_standard_filter": 1,
	},
	{
		"fieldname": "st_attitude",
		"fieldtype": "Select",
		"label": "Attitude to Us",
		"options": "\nSupporter\nNeutral\nOpponent",
		"insert_after": "st_buying_role",
	},
	{
		"fieldname": "st_key_people_column",
		"fieldtype": "Column Break",
		"insert_after": "st_attitude",
	},
	{
		"fieldname": "st_next_step",
		"fieldtype": "Small Text",
		"label": "Next Step With Them",
		"insert_after": "st_key_people_column",
	},
]

# a client's claim (seed 000, 2.15) is ERPNext's Issue of the type Claim: its category (whose Service
# Level Agreement gives the deadlines), the rep answering for it, the steps taken, the client's acceptance
# of the resolution, and how far up the line it went for missing its deadlines (claims/)
_CLAIM = "eval:doc.issue_type=='Claim'"
CUSTOM_FIELDS["Issue"] = [
	{
		"fieldname": "st_claim_section",
		"fieldtype": "Section Break",
		"label": "Claim",
		"insert_after": "description",
		"depends_on": _CLAIM,
	},
	{
		"fieldname": "st_claim_category",
		"fieldtype": "Link",
		"label": "Claim Category",
		"options": "Claim Category",
		"insert_after": "st_claim_section",
		"in_standard_filter": 1,
		"description": "Its Service Level Agreement gives the response and resolution deadlines",
	},
	{
		"fieldname": "st_responsible_sales_person",
		"fieldtype": "Link",
		"label": "Responsible Sales Person",
		"options": "Sales Person",
		"insert_after": "st_claim_category",
		"in_standard_filter": 1,
		"description": "The rep who answers for the claim: the client's responsible rep unless a lead names another",
	},
	{
		"fieldname": "st_claim_column",
		"fieldtype": "Column Break",
		"insert_after": "st_responsible_sales_person",
	},
	{
		"fieldname": "st_client_accepted",
		"fieldtype": "Check",
		"label": "Client Accepted the Resolution",
		"insert_after": "st_claim_column",
	},
	{
		"fieldname": "st_client_accepted_on",
		"fieldtype": "Date",
		"label": "Accepted On",
		"insert_after": "st_client_accepted",
		"depends_on": "st_client_accepted",
	},
	{
		"fieldname": "st_escalated_to",
		"fieldtype": "Select",
		"label": "Raised To",
		"options": "\nLead\nHead",
		"insert_after": "st_client_accepted_on",
		"read_only": 1,
		"in_standard_filter": 1,
		"description": "Past a deadline, the claim goes to the rep's lead, and later to the head",
	},
	{
		"fieldname": "st_escalated_on",
		"fieldtype": "Datetime",
		"label": "Raised On",
		"insert_after": "st_escalated_to",
		"read_only": 1,
	},
	{
		"fieldname": "st_claim_steps",
		"fieldtype": "Table",
		"label": "Steps Taken",
		"options": "Claim Step",
		"insert_after": "st_escalated_on",
		"depends_on": _CLAIM,
	},
]

# a partner (seed 000, 2.18–2.19) is ERPNext's Sales Partner: the rep who answers for it (its onboarding
# programme starts when he is named) and the client record it came from, whose deals carried the Partner
# flag (partners/)
CUSTOM_FIELDS["Sales Partner"] = [
	{
		"fieldname": "st_responsible_sales_person",
		"fieldtype": "Link",
		"label": "Responsible Sales Person",
		"options": "Sales Person",
		"insert_after": "territory",
		"in_standard_filter": 1,
		"description": "The rep who onboards and develops the partner; naming him starts the partner's programme",
	},
	{
		"fieldname": "st_customer",
		"fieldtype": "Link",
		"label": "Partner as a Client",
		"options": "Customer",
		"insert_after": "st_responsible_sales_person",
		"description": "The client record of the partner company, whose deals were marked Partner",
	},
]
