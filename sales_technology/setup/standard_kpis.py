"""The KPIs of the sales technology, shipped as standard Sales KPI records: the methodology's 39
(`CATALOGUE_KPIS`), the funnel's own, per stage (`FUNNEL_KPIS`), and the parts of the conversions
(`CONVERSION_PARTS`), and the receivables' beyond the catalogue (`RECEIVABLE_KPIS`).

Codes, English names, periods, categories, units, directions, additivity and dimensions of the 39 follow
`shared/catalogue/kpis.csv`; the Russian names are the methodology's own (`seed_name`). How each fact
is computed is described as the catalogue suggests it; the KPI engine reads the computation fields.
"""

from __future__ import annotations

import json

from sales_technology.core.claims import CLAIM_ISSUE_TYPE


def _done_activities(kpi_tag: str) -> dict:
	"""The computation of a KPI that counts done Sales Activities of one KPI tag."""
	return {
		"aggregate": "Count",
		"source_doctype": "Sales Activity",
		"date_field": "done_on",
		"attribution": "Sales Person Field",
		"attribution_field": "sales_person",
		"filters": json.dumps([["status", "=", "Done"], ["kpi_tag", "=", kpi_tag]]),
	}


ACTIVITY_KPI_TAGS = {
	"COLD_CALLS": "Cold Call",
	"COLD_MEETINGS": "Cold Meeting",
	"MEETINGS_NEEDS": "Needs Meeting",
	"MEETINGS_TERMS": "Terms Meeting",
	"TECH_PROPOSALS": "Technical Proposal",
	"NONSTANDARD_SITUATIONS": "Non-standard Situation",
	"CONTRACTS_PREPARED": "Contract Prepared",
}

CATALOGUE_KPIS: tuple[dict, ...] = (
	{
		"code": "TURNOVER",
		"kpi_name": "Turnover",
		"seed_name": "Сумма оборота",
		"category": "Result",
		"unit": "Currency",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "",
		"description": "Submitted Sales Invoice, base net total by posting date (a credit note reduces it), "
		"attributed through its Sales Team",
	},
	{
		"code": "NEW_CONTRACTS_COUNT",
		"kpi_name": "New contracts, count",
		"seed_name": "Кол-во новых договоров, всего",
		"category": "Result",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "",
		"description": "Submitted Sales Order (a signed contract) by transaction date",
	},
	{
		"code": "NEW_CONTRACTS_COUNT_BY_SEGMENT",
		"kpi_name": "New contracts by segment, count",
		"seed_name": "Кол-во новых договоров, по сегментам",
		"category": "Result",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "Market Segment",
		"description": "As NEW_CONTRACTS_COUNT split by the customer's market segment",
	},
	{
		"code": "NEW_CONTRACTS_COUNT_BY_PRODUCT",
		"kpi_name": "New contracts by product, count",
		"seed_name": "Кол-во новых договоров, по продуктам",
		"category": "Result",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "Item Group",
		"description": "As NEW_CONTRACTS_COUNT split by item group of the order lines",
	},
	{
		"code": "NEW_CONTRACTS_AMOUNT",
		"kpi_name": "New contracts, amount",
		"seed_name": "Сумма по новым договорам, всего",
		"category": "Result",
		"unit": "Currency",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "",
		"description": "Submitted Sales Order base net total",
	},
	{
		"code": "NEW_CONTRACTS_AMOUNT_BY_SEGMENT",
		"kpi_name": "New contracts by segment, amount",
		"seed_name": "Сумма по новым договорам, по сегментам",
		"category": "Result",
		"unit": "Currency",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "Market Segment",
		"description": "",
	},
	{
		"code": "NEW_CONTRACTS_AMOUNT_BY_PRODUCT",
		"kpi_name": "New contracts by product, amount",
		"seed_name": "Сумма по новым договорам, по продуктам",
		"category": "Result",
		"unit": "Currency",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "Item Group",
		"description": "Order line net amounts by item group",
	},
	{
		"code": "CROSS_SALES_COUNT",
		"kpi_name": "Cross-sales, count",
		"seed_name": "Кол-во кросс-продаж",
		"category": "Result",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "",
		"description": "Orders of an existing customer that contain an item group the customer never bought before",
	},
	{
		"code": "CROSS_SALES_AMOUNT",
		"kpi_name": "Cross-sales, amount",
		"seed_name": "Сумма кросс-продаж",
		"category": "Result",
		"unit": "Currency",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "",
		"description": "Amount of those new-item-group lines",
	},
	{
		"code": "NEW_CLIENTS_COUNT",
		"kpi_name": "New clients, count",
		"seed_name": "Кол-во новых клиентов",
		"category": "Result",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "",
		"description": "Customers whose first submitted sales document falls in the period",
	},
	{
		"code": "NEW_CLIENTS_AMOUNT",
		"kpi_name": "New clients, amount",
		"seed_name": "Сумма по новым клиентам",
		"category": "Result",
		"unit": "Currency",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "",
		"description": "Sales in the period to those new customers",
	},
	{
		"code": "CURRENT_CLIENTS_AMOUNT",
		"kpi_name": "Current clients, amount",
		"seed_name": "Сумма по текущим клиентам",
		"category": "Result",
		"unit": "Currency",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "",
		"description": "Sales in the period to customers who bought before the period",
	},
	{
		"code": "PILOTS_COUNT",
		"kpi_name": "Pilot projects, count",
		"seed_name": "Кол-во пилотов",
		"category": "Result",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "",
		"description": "Orders (or opportunities) marked as pilot project",
	},
	{
		"code": "PILOTS_AMOUNT",
		"kpi_name": "Pilot projects, amount",
		"seed_name": "Сумма пилотов",
		"category": "Result",
		"unit": "Currency",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "",
		"description": "",
	},
	{
		"code": "QUALITY_LEVEL",
		"kpi_name": "Quality level (SLA)",
		"seed_name": "Уровень качества",
		"category": "Quality",
		"unit": "Percent",
		"direction": "Higher is better",
		"additive": 0,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "",
		"description": "Average quality score of client feedback in the period",
	},
	{
		"code": "SATISFACTION_LEVEL",
		"kpi_name": "Satisfaction level",
		"seed_name": "Уровень удовлетворенности",
		"category": "Quality",
		"unit": "Percent",
		"direction": "Higher is better",
		"additive": 0,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "",
		"description": "Average satisfaction score of client feedback in the period",
	},
	{
		"code": "CLAIMS_COUNT",
		"kpi_name": "Claims, count",
		"seed_name": "Кол-во рекламаций",
		"category": "Quality",
		"unit": "Count",
		"direction": "Lower is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "",
		"description": "Client claims (complaints) registered in the period",
	},
	{
		"code": "CLIENT_CHURN_PCT",
		"kpi_name": "Lost current clients (churn)",
		"seed_name": "Процент потерь текущих клиентов",
		"category": "Quality",
		"unit": "Percent",
		"direction": "Lower is better",
		"additive": 0,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "",
		"description": "Customers who bought in the previous period of the same length and did not buy in this one / customers who bought in the previous period",
	},
	{
		"code": "POTENTIAL_CLIENTS_IN_WORK",
		"kpi_name": "Potential clients in work",
		"seed_name": "Кол-во потенциальных клиентов в работе",
		"category": "Pipeline",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month", "Week"),
		"dimension": "",
		"description": "Distinct non-customer parties with an open lead or opportunity at the end of the period",
	},
	{
		"code": "CURRENT_CLIENTS_IN_WORK",
		"kpi_name": "Current clients in work",
		"seed_name": "Кол-во текущих клиентов в работе",
		"category": "Pipeline",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month", "Week"),
		"dimension": "",
		"description": "Distinct customers with an open opportunity at the end of the period",
	},
	{
		"code": "POTENTIAL_PARTNERS_IN_WORK",
		"kpi_name": "Potential partners in work",
		"seed_name": "Кол-во потенциальных партнеров в работе",
		"category": "Pipeline",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month", "Week"),
		"dimension": "",
		"description": "As POTENTIAL_CLIENTS_IN_WORK for parties marked as partners",
	},
	{
		"code": "CURRENT_PARTNERS_IN_WORK",
		"kpi_name": "Current partners in work",
		"seed_name": "Кол-во текущих партнеров в работе",
		"category": "Pipeline",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month", "Week"),
		"dimension": "",
		"description": "As CURRENT_CLIENTS_IN_WORK for parties marked as partners",
	},
	{
		"code": "POTENTIAL_CLIENTS_IN_WORK_AMOUNT",
		"kpi_name": "Potential clients in work, amount",
		"seed_name": "Сумма по потенциальным клиентам в работе",
		"category": "Pipeline",
		"unit": "Currency",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month", "Week"),
		"dimension": "",
		"description": "Open opportunity amounts of those parties",
	},
	{
		"code": "CURRENT_CLIENTS_IN_WORK_AMOUNT",
		"kpi_name": "Current clients in work, amount",
		"seed_name": "Сумма по текущим клиентам в работе",
		"category": "Pipeline",
		"unit": "Currency",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month", "Week"),
		"dimension": "",
		"description": "",
	},
	{
		"code": "POTENTIAL_PARTNERS_IN_WORK_AMOUNT",
		"kpi_name": "Potential partners in work, amount",
		"seed_name": "Сумма по потенциальным партнерам в работе",
		"category": "Pipeline",
		"unit": "Currency",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month", "Week"),
		"dimension": "",
		"description": "",
	},
	{
		"code": "CURRENT_PARTNERS_IN_WORK_AMOUNT",
		"kpi_name": "Current partners in work, amount",
		"seed_name": "Сумма по текущим партнерам в работе",
		"category": "Pipeline",
		"unit": "Currency",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month", "Week"),
		"dimension": "",
		"description": "",
	},
	{
		"code": "COLD_CALLS",
		"kpi_name": "Cold calls",
		"seed_name": "Кол-во холодных звонков",
		"category": "Activity",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Month", "Week", "Day"),
		"dimension": "",
		"description": "Done activities: outgoing call to a party with no earlier contact",
	},
	{
		"code": "COLD_MEETINGS",
		"kpi_name": "Cold meetings",
		"seed_name": "Кол-во холодных встреч",
		"category": "Activity",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Month", "Week", "Day"),
		"dimension": "",
		"description": "Done activities: first meeting without prior arrangement (cold visit)",
	},
	{
		"code": "MEETINGS_NEEDS",
		"kpi_name": "Working meetings: needs discovery",
		"seed_name": "Кол-во рабочих встреч: выявление потребностей",
		"category": "Activity",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Month", "Week", "Day"),
		"dimension": "",
		"description": "Done meetings of the needs-discovery kind",
	},
	{
		"code": "MEETINGS_TERMS",
		"kpi_name": "Working meetings: terms negotiation",
		"seed_name": "Кол-во рабочих встреч: согласование условий",
		"category": "Activity",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Month", "Week", "Day"),
		"dimension": "",
		"description": "Done meetings of the terms-negotiation kind",
	},
	{
		"code": "TECH_PROPOSALS",
		"kpi_name": "Technical proposals prepared",
		"seed_name": "Кол-во подготовленных тех.предложений",
		"category": "Activity",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Month", "Week", "Day"),
		"dimension": "",
		"description": "Done technical-proposal activities (or submitted Quotations)",
	},
	{
		"code": "NONSTANDARD_SITUATIONS",
		"kpi_name": "Non-standard situations",
		"seed_name": "Кол-во нестандартных ситуаций",
		"category": "Activity",
		"unit": "Count",
		"direction": "Lower is better",
		"additive": 1,
		"periods": ("Month", "Week", "Day"),
		"dimension": "",
		"description": "Activities marked as a non-standard situation",
	},
	{
		"code": "CONTRACTS_PREPARED",
		"kpi_name": "Contracts prepared",
		"seed_name": "Кол-во подготовленных договоров",
		"category": "Activity",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Month",),
		"dimension": "",
		"description": "Done contract-preparation activities (or Contracts created)",
	},
	{
		"code": "CALL_MEETING_ITERATIONS",
		"kpi_name": "Call-to-meeting iterations",
		"seed_name": "Кол-во итераций: Звонок-Встреча",
		"category": "Conversion",
		"unit": "Count",
		"direction": "Lower is better",
		"additive": 0,
		"periods": ("Month",),
		"dimension": "",
		"description": "Average number of calls to a party before its first meeting",
	},
	{
		"code": "CONV_COLD_CALL_TO_MEETING",
		"kpi_name": "Conversion: cold call to first meeting",
		"seed_name": "Конверсия холодного звонка в 1-ю встречу",
		"category": "Conversion",
		"unit": "Percent",
		"direction": "Higher is better",
		"additive": 0,
		"periods": ("Month",),
		"dimension": "",
		"description": "Parties with a first meeting / parties cold-called",
	},
	{
		"code": "CONV_COLD_MEETING_TO_WORKING",
		"kpi_name": "Conversion: cold meeting to first working meeting",
		"seed_name": "Конверсия холодных встреч в 1-ю рабочую",
		"category": "Conversion",
		"unit": "Percent",
		"direction": "Higher is better",
		"additive": 0,
		"periods": ("Month",),
		"dimension": "",
		"description": "Parties with a working meeting / parties with a cold meeting",
	},
	{
		"code": "CONV_TO_TERMS_MEETING",
		"kpi_name": "Conversion: to terms-negotiation meeting",
		"seed_name": "Конверсия во встречу на согласование условий",
		"category": "Conversion",
		"unit": "Percent",
		"direction": "Higher is better",
		"additive": 0,
		"periods": ("Month",),
		"dimension": "",
		"description": "Parties with a terms meeting / parties with a needs meeting",
	},
	{
		"code": "PROPOSAL_PREP_TIME",
		"kpi_name": "Time to prepare and agree a technical proposal",
		"seed_name": "Время на подготовку и согл. тех. предложений",
		"category": "Duration",
		"unit": "Days",
		"direction": "Lower is better",
		"additive": 0,
		"periods": ("Month",),
		"dimension": "",
		"description": "Average days from proposal request to proposal agreed",
	},
	{
		"code": "CONTRACT_PREP_TIME",
		"kpi_name": "Time to prepare and agree a contract",
		"seed_name": "Время на подготовку и согласование договоров",
		"category": "Duration",
		"unit": "Days",
		"direction": "Lower is better",
		"additive": 0,
		"periods": ("Month",),
		"dimension": "",
		"description": "Average days from contract preparation start to contract signed",
	},
)

# the funnel's shape per stage (seed 002, 003), from each deal's Deal Stage Change history; a stage
# belongs to its funnel, so "per stage" is also "per funnel"
FUNNEL_KPIS: tuple[dict, ...] = (
	{
		"code": "STAGE_ENTRIES",
		"kpi_name": "Deals entering a stage",
		"seed_name": "Сделки, вошедшие в этап воронки",
		"category": "Pipeline",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month", "Week"),
		"dimension": "Sales Stage",
		"description": "Deals opened on a stage, moved to it or reopened on it, by the day they did",
	},
	{
		"code": "STAGE_ADVANCES",
		"kpi_name": "Deals moved on from a stage",
		"seed_name": "Сделки, перешедшие на следующий этап",
		"category": "Pipeline",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 1,
		"periods": ("Year", "Quarter", "Month", "Week"),
		"dimension": "Sales Stage",
		"description": "Deals that left a stage for a later stage of their funnel, or were won on it",
	},
	{
		"code": "STAGE_CONVERSION",
		"kpi_name": "Conversion of a funnel stage",
		"seed_name": "Конверсия этапа воронки",
		"category": "Conversion",
		"unit": "Percent",
		"direction": "Higher is better",
		"additive": 0,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "Sales Stage",
		"description": "Deals moved on from a stage / deals that entered it, in the same period",
	},
	{
		"code": "STAGE_DAYS",
		"kpi_name": "Days in a funnel stage",
		"seed_name": "Время сделки на этапе воронки, дней",
		"category": "Duration",
		"unit": "Days",
		"direction": "Lower is better",
		"additive": 0,
		"periods": ("Year", "Quarter", "Month"),
		"dimension": "Sales Stage",
		"description": "Average days the deals that left a stage in the period spent in it",
	},
)


def _conversion_part(code: str, kpi_name: str, seed_name: str, description: str) -> dict:
	return {
		"code": code,
		"kpi_name": kpi_name,
		"seed_name": seed_name,
		"category": "Conversion",
		"unit": "Count",
		"direction": "Higher is better",
		"additive": 0,
		"periods": ("Month",),
		"dimension": "",
		"description": description,
	}


# the two parts of each conversion of the catalogue: the parties a rep took through a step, and those of
# them that took the next step afterwards (kept on each activity, core/next_steps.py)
CONVERSION_PARTS: tuple[dict, ...] = (
	_conversion_part(
		"PARTIES_COLD_CALLED",
		"Parties cold-called",
		"Контрагенты, получившие холодный звонок",
		"Distinct parties with a done cold call in the period",
	),
	_conversion_part(
		"PARTIES_COLD_CALLED_MET",
		"Cold-called parties met afterwards",
		"Контрагенты, с которыми после холодного звонка состоялась встреча",
		"Of the parties cold-called in the period, those that had a meeting at or after the call",
	),
	_conversion_part(
		"PARTIES_MET_COLD",
		"Parties met cold",
		"Контрагенты, с которыми прошла холодная встреча",
		"Distinct parties with a done cold meeting in the period",
	),
	_conversion_part(
		"PARTIES_MET_COLD_THEN_WORKING",
		"Parties met cold with a working meeting afterwards",
		"Контрагенты, с которыми после холодной встречи прошла рабочая встреча",
		"Of the parties met cold in the period, those that had a needs or terms meeting afterwards",
	),
	_conversion_part(
		"PARTIES_NEEDS_MEETING",
		"Parties with a needs meeting",
		"Контрагенты со встречей по выявлению потребностей",
		"Distinct parties with a done needs-discovery meeting in the period",
	),
	_conversion_part(
		"PARTIES_NEEDS_THEN_TERMS",
		"Parties with a terms meeting after their needs meeting",
		"Контрагенты, перешедшие от выявления потребностей к согласованию условий",
		"Of the parties with a needs meeting in the period, those that had a terms meeting afterwards",
	),
)

# beyond the catalogue: the processes it leaves out (seed 000's 2.14, seed 001's manager's measures)
RECEIVABLE_KPIS: tuple[dict, ...] = (
	{
		"code": "OVERDUE_RECEIVABLES",
		"kpi_name": "Overdue receivables",
		"seed_name": "Просроченная дебиторская задолженность",
		"category": "Result",
		"unit": "Currency",
		"direction": "Lower is better",
		"additive": 0,
		"periods": ("Year", "Quarter", "Month", "Week"),
		"dimension": "",
		"description": "What the clients owed past their payment terms at the end of the period (today for a running one), in the company's currency, counted for each client's Responsible Sales Person",
	},
	{
		"code": "OVERDUE_RECEIVABLES_SHARE",
		"kpi_name": "Share of overdue receivables",
		"seed_name": "Доля просроченной дебиторской задолженности",
		"category": "Result",
		"unit": "Percent",
		"direction": "Lower is better",
		"additive": 0,
		"periods": ("Year", "Quarter", "Month", "Week"),
		"dimension": "",
		"description": "Overdue receivables / all the clients owed at the end of the period; not measured where they owed nothing",
	},
)

STANDARD_KPIS: tuple[dict, ...] = CATALOGUE_KPIS + FUNNEL_KPIS + CONVERSION_PARTS + RECEIVABLE_KPIS


def _through_sales_team(
	doctype: str, date_field: str, aggregate: str, value_field: str | None = None, **extra
) -> dict:
	"""A KPI of submitted sales documents, shared among their Sales Team by allocated percentage."""
	return {
		"aggregate": aggregate,
		"source_doctype": doctype,
		"date_field": date_field,
		"value_field": value_field,
		"attribution": "Sales Team",
		**extra,
	}


def _in_work(customers: bool, partners: bool, amount: bool) -> dict:
	"""Parties with an opportunity open at the end of the period (opened by then, not converted, lost or
	closed by then), or the sum of those opportunities; counted for the Sales Person the deal belongs
	to (its owner's, else its party's, else its creator's)."""
	return {
		"aggregate": "Open at Date",
		"source_doctype": "Opportunity",
		"date_field": "transaction_date",
		"end_date_field": "st_closed_on",
		"value_field": "base_opportunity_amount" if amount else None,
		"distinct_field": None if amount else "party_name",
		"attribution": "Sales Person Field",
		"attribution_field": "st_responsible_sales_person",
		"filters": json.dumps(
			[
				["opportunity_from", "=" if customers else "!=", "Customer"],
				["st_is_partner", "=", int(partners)],
			]
		),
	}


def _preparation_time(kpi_tag: str) -> dict:
	"""Days from the day the work was registered (the request) to the day it was done (agreed)."""
	return {
		"aggregate": "Average Days Between",
		"source_doctype": "Sales Activity",
		"date_field": "done_on",
		"start_date_field": "creation",
		"end_date_field": "done_on",
		"attribution": "Sales Person Field",
		"attribution_field": "sales_person",
		"filters": json.dumps([["status", "=", "Done"], ["kpi_tag", "=", kpi_tag]]),
	}


def _stage_steps(aggregate: str, stage_field: str, filters: list, value_field: str | None = None) -> dict:
	"""Steps of the deals' stage history, counted for the Sales Person the deal belongs to, per stage."""
	return {
		"aggregate": aggregate,
		"source_doctype": "Deal Stage Change",
		"date_field": "changed_at",
		"value_field": value_field,
		"attribution": "Sales Person Field",
		"attribution_field": "sales_person",
		"dimension_field": stage_field,
		"filters": json.dumps(filters),
	}


def _parties(kpi_tag: str, reached_next_step: bool = False) -> dict:
	"""Distinct parties of the done activities of a KPI tag (those that took the funnel's next step
	afterwards), counted for the Sales Person who did the activity."""
	filters = [["status", "=", "Done"], ["kpi_tag", "=", kpi_tag], ["party", "is", "set"]]
	if reached_next_step:
		filters.append(["reached_next_step", "=", 1])
	return {
		"aggregate": "Distinct Count",
		"source_doctype": "Sales Activity",
		"date_field": "done_on",
		"distinct_field": "party",
		"attribution": "Sales Person Field",
		"attribution_field": "sales_person",
		"filters": json.dumps(filters),
	}


def _ratio(numerator: str, denominator: str) -> dict:
	return {"aggregate": "Ratio", "numerator_kpi": numerator, "denominator_kpi": denominator}


def _method(name: str) -> dict:
	return {"aggregate": "Python Method", "method": f"sales_technology.kpi.methods.{name}"}


COMPUTATIONS: dict[str, dict] = {code: _done_activities(tag) for code, tag in ACTIVITY_KPI_TAGS.items()} | {
	# net turnover ("сумма оборота"): a credit note (its total is negative) reduces the turnover of the
	# period it is posted in, as ERPNext's own sales analytics count it
	"TURNOVER": _through_sales_team("Sales Invoice", "posting_date", "Sum", "base_net_total"),
	"NEW_CONTRACTS_COUNT": _through_sales_team("Sales Order", "transaction_date", "Count"),
	"NEW_CONTRACTS_AMOUNT": _through_sales_team("Sales Order", "transaction_date", "Sum", "base_net_total"),
	"NEW_CONTRACTS_COUNT_BY_SEGMENT": _through_sales_team(
		"Sales Order", "transaction_date", "Count", dimension_field="customer.market_segment"
	),
	"NEW_CONTRACTS_AMOUNT_BY_SEGMENT": _through_sales_team(
		"Sales Order", "transaction_date", "Sum", "base_net_total", dimension_field="customer.market_segment"
	),
	# by product: an order counts once for each item group of its lines; amounts are the lines' own
	"NEW_CONTRACTS_COUNT_BY_PRODUCT": _through_sales_team(
		"Sales Order", "transaction_date", "Count", dimension_field="items.item_group"
	),
	"NEW_CONTRACTS_AMOUNT_BY_PRODUCT": _through_sales_team(
		"Sales Order", "transaction_date", "Sum", "items.base_net_amount", dimension_field="items.item_group"
	),
	"PILOTS_COUNT": _through_sales_team(
		"Sales Order", "transaction_date", "Count", filters=json.dumps([["st_is_pilot", "=", 1]])
	),
	"PILOTS_AMOUNT": _through_sales_team(
		"Sales Order",
		"transaction_date",
		"Sum",
		"base_net_total",
		filters=json.dumps([["st_is_pilot", "=", 1]]),
	),
	# a new client: a customer whose first submitted sales invoice falls in the period
	"NEW_CLIENTS_COUNT": {
		"aggregate": "Count",
		"source_doctype": "Customer",
		"date_field": "st_first_purchase_on",
		"attribution": "Sales Person Field",
		"attribution_field": "st_responsible_sales_person",
	},
	"NEW_CLIENTS_AMOUNT": _method("new_clients_amount"),
	"CURRENT_CLIENTS_AMOUNT": _method("current_clients_amount"),
	# an existing client's order lines of an item group it never ordered before (kept on each line)
	"CROSS_SALES_COUNT": _through_sales_team(
		"Sales Order", "transaction_date", "Count", filters=json.dumps([["items.st_cross_sale", "=", 1]])
	),
	"CROSS_SALES_AMOUNT": _through_sales_team(
		"Sales Order",
		"transaction_date",
		"Sum",
		"items.base_net_amount",
		filters=json.dumps([["items.st_cross_sale", "=", 1]]),
	),
	"QUALITY_LEVEL": _method("quality_level"),
	"SATISFACTION_LEVEL": _method("satisfaction_level"),
	"CLIENT_CHURN_PCT": _method("client_churn"),
	"OVERDUE_RECEIVABLES": {
		"aggregate": "Python Method",
		"method": "sales_technology.receivables.kpis.overdue_receivables",
	},
	"OVERDUE_RECEIVABLES_SHARE": {
		"aggregate": "Python Method",
		"method": "sales_technology.receivables.kpis.overdue_share",
	},
	# a claim is an ERPNext Issue of the type "Claim", counted for the client's responsible Sales Person
	"CLAIMS_COUNT": {
		"aggregate": "Count",
		"source_doctype": "Issue",
		"date_field": "opening_date",
		"attribution": "Sales Person Field",
		"attribution_field": "customer.st_responsible_sales_person",
		"filters": json.dumps([["issue_type", "=", CLAIM_ISSUE_TYPE]]),
	},
	# the pipeline: potential clients are leads and prospects, current clients are customers
	"POTENTIAL_CLIENTS_IN_WORK": _in_work(customers=False, partners=False, amount=False),
	"CURRENT_CLIENTS_IN_WORK": _in_work(customers=True, partners=False, amount=False),
	"POTENTIAL_PARTNERS_IN_WORK": _in_work(customers=False, partners=True, amount=False),
	"CURRENT_PARTNERS_IN_WORK": _in_work(customers=True, partners=True, amount=False),
	"POTENTIAL_CLIENTS_IN_WORK_AMOUNT": _in_work(customers=False, partners=False, amount=True),
	"CURRENT_CLIENTS_IN_WORK_AMOUNT": _in_work(customers=True, partners=False, amount=True),
	"POTENTIAL_PARTNERS_IN_WORK_AMOUNT": _in_work(customers=False, partners=True, amount=True),
	"CURRENT_PARTNERS_IN_WORK_AMOUNT": _in_work(customers=True, partners=True, amount=True),
	# conversions between funnel steps and the calls a first meeting takes, from done Sales Activities
	# a party's first meeting ever, with the calls made to it before, counted for who held the meeting
	"CALL_MEETING_ITERATIONS": {
		"aggregate": "Average",
		"source_doctype": "Sales Activity",
		"date_field": "done_on",
		"value_field": "calls_before_meeting",
		"attribution": "Sales Person Field",
		"attribution_field": "sales_person",
		"filters": json.dumps([["status", "=", "Done"], ["first_meeting", "=", 1], ["party", "is", "set"]]),
	},
	"CONV_COLD_CALL_TO_MEETING": _ratio("PARTIES_COLD_CALLED_MET", "PARTIES_COLD_CALLED"),
	"CONV_COLD_MEETING_TO_WORKING": _ratio("PARTIES_MET_COLD_THEN_WORKING", "PARTIES_MET_COLD"),
	"CONV_TO_TERMS_MEETING": _ratio("PARTIES_NEEDS_THEN_TERMS", "PARTIES_NEEDS_MEETING"),
	"PARTIES_COLD_CALLED": _parties("Cold Call"),
	"PARTIES_COLD_CALLED_MET": _parties("Cold Call", reached_next_step=True),
	"PARTIES_MET_COLD": _parties("Cold Meeting"),
	"PARTIES_MET_COLD_THEN_WORKING": _parties("Cold Meeting", reached_next_step=True),
	"PARTIES_NEEDS_MEETING": _parties("Needs Meeting"),
	"PARTIES_NEEDS_THEN_TERMS": _parties("Needs Meeting", reached_next_step=True),
	"PROPOSAL_PREP_TIME": _preparation_time("Technical Proposal"),
	"CONTRACT_PREP_TIME": _preparation_time("Contract Prepared"),
	# the funnel per stage: entries by the stage entered, moves on and days by the stage left
	"STAGE_ENTRIES": _stage_steps(
		"Count", "to_stage", [["event", "in", ["Opened", "Stage Changed", "Reopened"]]]
	),
	"STAGE_ADVANCES": _stage_steps("Count", "from_stage", [["moved_forward", "=", 1]]),
	"STAGE_CONVERSION": {
		"aggregate": "Ratio",
		"numerator_kpi": "STAGE_ADVANCES",
		"denominator_kpi": "STAGE_ENTRIES",
	},
	"STAGE_DAYS": _stage_steps(
		"Average", "from_stage", [["event", "!=", "Opened"], ["from_stage", "is", "set"]], "days_in_stage"
	),
}
