"""What a Sales KPI must declare so that the KPI engine can compute its fact."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Mapping

from sales_technology.core.errors import SalesTechnologyError

CATEGORIES = ("Result", "Quality", "Pipeline", "Activity", "Conversion", "Duration")
UNITS = ("Count", "Currency", "Percent", "Days", "Score")
DIMENSIONS = ("Market Segment", "Item Group", "Customer Group", "Territory", "Sales Stage")
ATTRIBUTIONS = ("Sales Team", "Owner User", "Sales Person Field")

COUNT = "Count"
SUM = "Sum"
AVERAGE = "Average"
DISTINCT_COUNT = "Distinct Count"
OPEN_AT_DATE = "Open at Date"
RATIO = "Ratio"
AVERAGE_DAYS_BETWEEN = "Average Days Between"
PYTHON_METHOD = "Python Method"
AGGREGATES = (COUNT, SUM, AVERAGE, DISTINCT_COUNT, OPEN_AT_DATE, RATIO, AVERAGE_DAYS_BETWEEN, PYTHON_METHOD)

# the fields each aggregate needs besides the source (doctype, date field, attribution)
_NEEDS = {
	COUNT: (),
	SUM: ("value_field",),
	AVERAGE: ("value_field",),
	DISTINCT_COUNT: ("distinct_field",),
	OPEN_AT_DATE: ("end_date_field",),
	AVERAGE_DAYS_BETWEEN: ("start_date_field", "end_date_field"),
}

FIELD_LABELS = {
	"source_doctype": "Source DocType",
	"date_field": "Date Field",
	"value_field": "Value Field",
	"distinct_field": "Distinct Field",
	"start_date_field": "Start Date Field",
	"end_date_field": "End Date Field",
	"attribution": "Attribution",
	"attribution_field": "Attribution Field",
	"numerator_kpi": "Numerator KPI",
	"denominator_kpi": "Denominator KPI",
	"method": "Python Method",
}


class KPIDefinitionError(SalesTechnologyError):
	"""A Sales KPI whose computation is incomplete or contradictory."""


def missing_fields(definition: Mapping[str, object]) -> list[str]:
	"""The computation fields the KPI's aggregate needs and the definition leaves empty."""
	aggregate = definition.get("aggregate")
	if not aggregate:
		return []
	if aggregate not in AGGREGATES:
		raise KPIDefinitionError("Unknown aggregate {0}", aggregate)
	if aggregate == RATIO:
		needed = ("numerator_kpi", "denominator_kpi")
	elif aggregate == PYTHON_METHOD:
		needed = ("method",)
	else:
		needed = ("source_doctype", "date_field", "attribution", *_NEEDS[aggregate])
		if definition.get("attribution") in ("Owner User", "Sales Person Field"):
			needed = (*needed, "attribution_field")
	return [field for field in needed if not definition.get(field)]


def check_definition(definition: Mapping[str, object]) -> None:
	"""Refuse a definition the engine could not compute; an empty aggregate means "not computed yet"."""
	periods = definition.get("periods") or ()
	if not periods:
		raise KPIDefinitionError("KPI {0} must apply to at least one period", definition.get("code"))
	missing = missing_fields(definition)
	if missing:
		raise KPIDefinitionError(
			"KPI {0} with aggregate {1} also needs: {2}",
			definition.get("code"),
			definition.get("aggregate"),
			", ".join(FIELD_LABELS[field] for field in missing),
		)
	if definition.get("aggregate") == RATIO:
		code = definition.get("code")
		if code in (definition.get("numerator_kpi"), definition.get("denominator_kpi")):
			raise KPIDefinitionError("KPI {0} cannot be a ratio of itself", code)
	if definition.get("additive") and definition.get("aggregate") in (RATIO, AVERAGE, AVERAGE_DAYS_BETWEEN):
		raise KPIDefinitionError(
			"KPI {0} is an average or a ratio and cannot be additive", definition.get("code")
		)
	parse_filters(definition.get("filters"), definition.get("code"))


def parse_filters(filters: object, code: object = None) -> list:
	"""Filters as Frappe writes them: a JSON list of [field, operator, value] or a JSON object."""
	if not filters:
		return []
	try:
		value = json.loads(filters) if isinstance(filters, str) else filters
	except ValueError:
		raise KPIDefinitionError("The filters of KPI {0} are not valid JSON", code)
	if isinstance(value, dict):
		return [[field, "=", v] for field, v in value.items()]
	if isinstance(value, list) and all(isinstance(f, list) and len(f) in (2, 3) for f in value):
		return [f if len(f) == 3 else [f[0], "=", f[1]] for f in value]
	raise KPIDefinitionError(
		"The filters of KPI {0} must be a list of [field, operator, value] or an object", code
	)


PATH_FIELDS = (
	"date_field",
	"value_field",
	"distinct_field",
	"start_date_field",
	"end_date_field",
	"attribution_field",
	"dimension_field",
)


def check_child_rows(definition: Mapping[str, object], child_tables: Collection[str]) -> None:
	"""A child table's rows multiply the document (an order of three lines is three rows): when a
	definition reaches into one, what it sums or averages must be a field of that table's rows."""
	paths = [str(definition.get(field)) for field in PATH_FIELDS if definition.get(field)]
	paths += [str(f[0]) for f in parse_filters(definition.get("filters"), definition.get("code"))]
	used = sorted({path.split(".", 1)[0] for path in paths if "." in path} & set(child_tables))
	if len(used) > 1:
		raise KPIDefinitionError(
			"KPI {0} may reach into one child table, not {1}", definition.get("code"), ", ".join(used)
		)
	aggregate = definition.get("aggregate")
	measured = {
		SUM: ("value_field",),
		AVERAGE: ("value_field",),
		OPEN_AT_DATE: ("value_field",),
		AVERAGE_DAYS_BETWEEN: ("start_date_field", "end_date_field"),
	}.get(aggregate, ())
	for field in measured:
		value = definition.get(field)
		if used and value and not str(value).startswith(f"{used[0]}."):
			raise KPIDefinitionError(
				"KPI {0} would count {1} once for every row of {2}: use a field of {2} instead, such as {2}.base_net_amount",
				definition.get("code"),
				value,
				used[0],
			)


# A KPI reads the sales documents and, one Link away, what describes them: never a doctype whose rows the
# department's people may not all read (a private e-mail's subject as a dimension would show in KPI Matrix)
KPI_SOURCE_DOCTYPES = frozenset(
	{
		"Sales Invoice",
		"Sales Order",
		"Quotation",
		"Delivery Note",
		"Opportunity",
		"Lead",
		"Prospect",
		"Customer",
		"Sales Activity",
		"Sales Meeting",
		"Daily Sales Report",
		"Deal Stage Change",
		"Deal Loss Request",
		"Incoming Request",
		"Sales Cadence Run",
		"Competitor Intel",
		"Issue",
		"Quality Feedback",
		"Warranty Claim",
	}
)
# what a sales document's field may lead to, one Link away: the sales documents and the catalogues that
# describe them
KPI_LINKED_DOCTYPES = KPI_SOURCE_DOCTYPES | frozenset(
	{
		"Item",
		"Item Group",
		"Market Segment",
		"Customer Group",
		"Territory",
		"Industry Type",
		"Sales Stage",
		"Sales Person",
		"Lead Source",
		"Campaign",
		"Competitor",
		"Client Category",
		"Sales Activity Type",
		"Sales Funnel",
		"Deal Closing Status",
		"Opportunity Type",
		"Issue Type",
		"Company",
		"Currency",
		"Country",
		"UTM Source",
		"Brand",
		"Project",
		"Quality Feedback Template",
		"Quality Feedback Parameter",
		"Sales Invoice Item",
		"Sales Order Item",
		"Quotation Item",
		"Opportunity Item",
		"Delivery Note Item",
		"Sales Team",
		"Competitor Detail",
		"Opportunity Lost Reason Detail",
	}
)


def check_sources(code: str, source_doctype: str, reached: Collection[str]) -> None:
	"""The KPI's source is a sales document and every path it follows ends in one, or in a catalogue."""
	if source_doctype not in KPI_SOURCE_DOCTYPES:
		raise KPIDefinitionError(
			"KPI {0} cannot read {1}: a KPI reads the sales documents ({2})",
			code,
			source_doctype,
			", ".join(sorted(KPI_SOURCE_DOCTYPES)),
		)
	for doctype in sorted(set(reached) - KPI_LINKED_DOCTYPES):
		raise KPIDefinitionError(
			"KPI {0} cannot reach {1}: its fields may lead to the sales documents and their catalogues only",
			code,
			doctype,
		)


# How a KPI's facts are kept per Sales Person and day (`kpi.kept_facts`): added up ("sum"), counted
# once per distinct value ("distinct") or a sum over a count ("average"); None where the documents
# themselves answer: ratios (from their parts), Python methods, and what is open at a date, which an
# index on the closing date finds among the few documents still open, where kept rows would have to add
# up every day since the first
KEPT_SUM = "sum"
KEPT_DISTINCT = "distinct"
KEPT_AVERAGE = "average"

# the fields that decide a KPI's facts: when one changes, its kept facts are rebuilt from the documents
COMPUTATION_FIELDS = (
	"aggregate",
	"source_doctype",
	"date_field",
	"value_field",
	"distinct_field",
	"start_date_field",
	"end_date_field",
	"dimension_field",
	"attribution",
	"attribution_field",
	"filters",
)


def kept_kind(definition: Mapping[str, object]) -> str | None:
	"""Whether, and how, the KPI's facts can be kept per Sales Person and day and still add up exactly to
	any node and period: a client counted once in a month, however many days he was served in it."""
	aggregate = definition.get("aggregate")
	shared = definition.get("attribution") == "Sales Team"
	if "." in str(definition.get("date_field") or ""):
		return None  # a date of another document: its changes do not reach the source's events
	if aggregate == SUM:
		return KEPT_SUM
	if aggregate == COUNT:
		# a deal shared by two reps of one group counts once for the group: kept by its name
		return KEPT_DISTINCT if shared else KEPT_SUM
	if aggregate == DISTINCT_COUNT:
		return KEPT_DISTINCT
	if aggregate in (AVERAGE, AVERAGE_DAYS_BETWEEN):
		return KEPT_AVERAGE
	return None


def computation_signature(definition: Mapping[str, object]) -> str:
	"""A short fingerprint of what decides the KPI's facts: kept facts computed under another one are
	stale."""
	fields = COMPUTATION_FIELDS + (("method",) if definition.get("aggregate") == PYTHON_METHOD else ())
	text = json.dumps([str(definition.get(field) or "") for field in fields])
	return hashlib.sha1(text.encode()).hexdigest()[:20]
