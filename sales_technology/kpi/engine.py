"""The KPI engine: the fact of every KPI for every requested node (its whole subtree) and period bucket.

One query per KPI, grouped by node and bucket in the database: the documents are attributed to Sales
Persons (through the Sales Team table, an owner user or a Sales Person field), joined to the requested
nodes through the nested set (a document counts for every requested node above its Sales Person) and
bucketed by their date. Ratios are computed from their two parts; nothing loops over reps or documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import frappe
from frappe import _
from frappe.query_builder import Case, Criterion
from frappe.query_builder.functions import Avg, Count, Max, NullIf, Sum
from frappe.utils import flt, getdate
from pypika import CustomFunction
from pypika.terms import ValueWrapper

from sales_technology.core.kpi_definition import (
	AVERAGE,
	AVERAGE_DAYS_BETWEEN,
	COUNT,
	DISTINCT_COUNT,
	KEPT_AVERAGE,
	KEPT_DISTINCT,
	KPI_SOURCE_DOCTYPES,
	OPEN_AT_DATE,
	PATH_FIELDS,
	PYTHON_METHOD,
	RATIO,
	SUM,
	check_sources,
	computation_signature,
	kept_kind,
	parse_filters,
)
from sales_technology.core.periods import PeriodType, period_containing
from sales_technology.kpi.buckets import bucket_date, bucket_start
from sales_technology.shared.org_structure import sales_person_tree_signature, users_sales_persons
from sales_technology.shared.validation import SalesRuleError, enforce

_DateDiff = CustomFunction("DATEDIFF", ["end", "start"])
_Round = CustomFunction("ROUND", ["value", "digits"])

# the periods whose facts are kept per node with its whole team (`Sales KPI Team Fact`); quarters and
# years of calendar years
TEAM_PERIODS = (PeriodType.WEEK, PeriodType.MONTH, PeriodType.QUARTER, PeriodType.YEAR)
TEAM_FACT = "Sales KPI Team Fact"


class KPIEngineError(SalesRuleError):
	pass


@dataclass(frozen=True)
class Request:
	nodes: tuple[str, ...]
	start: date
	end: date
	bucket: PeriodType
	company: str | None = None
	fiscal_year_start_month: int = 1
	# from the documents even where the facts are kept (the oracle the kept facts are checked against)
	direct: bool = False


# (node, bucket start, dimension value or "") -> fact
Facts = dict[tuple[str, date, str], float]


def compute(
	kpis: Iterable[str],
	nodes: Iterable[str],
	start: date,
	end: date,
	bucket: PeriodType | str = PeriodType.MONTH,
	company: str | None = None,
	fiscal_year_start_month: int = 1,
	direct: bool = False,
) -> dict[str, Facts]:
	"""{KPI code: {(node, bucket start, dimension value): fact}} for the date range; from the kept facts
	where they are current, from the documents where they are not or `direct` asks so."""
	start, end = getdate(start), getdate(end)
	if end < start:
		frappe.throw(_("The period cannot end before it starts"), exc=KPIEngineError)
	request = Request(tuple(nodes), start, end, PeriodType(bucket), company, fiscal_year_start_month, direct)
	if not request.nodes:
		return {}
	kpis = list(kpis)
	rows = read_definitions(kpis)
	# every kept KPI asked for, and every kept part of a ratio asked for, in one read of the kept rows
	kept = [
		load_definition(code, row)
		for code, row in rows.items()
		if not request.direct and facts_are_kept(row) and request.bucket.level <= finest_period(row).level
	]
	# whole weeks, months, quarters or years: each node's row with its team, for every KPI in one read;
	# what is open at a date and the Python methods where those periods have ended (kept by period_facts)
	results: dict[str, Facts] = {}
	ended = [
		load_definition(code, row)
		for code, row in rows.items()
		if not request.direct and ended_periods_kept(row, request)
	]
	if (kept or ended) and team_period(request):
		signature = sales_person_tree_signature()
		by_team = [d for d in [*kept, *ended] if d.get("team_tree_signature") == signature]
		results = team_queries(by_team, request) if by_team else {}
	kept = [definition for definition in kept if definition.name not in results]
	# the sums and averages in one read; a distinct count alone, since counting the values of many KPIs
	# at once cost twice what counting each did
	together = [definition for definition in kept if kept_kind(definition) != KEPT_DISTINCT]
	results.update(kept_queries(together, request) if together else {})
	for definition in kept:
		if definition.name not in results:
			results.update(kept_queries([definition], request))
	# KPIs open at a date over the same documents, in one query per kind of documents
	together: dict[tuple, list] = {}
	for code, row in rows.items():
		key = open_together_key(row)
		if key and code not in results and request.bucket.level <= finest_period(row).level:
			together.setdefault(key, []).append(load_definition(code, row))
	for group in together.values():
		for batch in open_together_batches(group):
			results.update(open_at_date_together(batch, request))
	for code in kpis:
		if code not in results:
			results[code] = compute_kpi(load_definition(code, rows.get(code)), request, results)
	return results


def read_definitions(codes: list[str]) -> dict[str, frappe._dict]:
	"""The Sales KPI rows of the KPIs and of their ratios' parts, in a read or two: the engine's own cost
	should be the KPIs' queries."""
	rows: dict[str, frappe._dict] = {}
	wanted = list(codes)
	for _depth in range(2):  # a ratio's parts, which are not ratios themselves
		read = frappe.get_all("Sales KPI", filters={"name": ("in", wanted or [""])}, fields=["*"])
		rows.update((row.name, row) for row in read)
		wanted = [
			part
			for row in read
			if row.aggregate == RATIO
			for part in (row.numerator_kpi, row.denominator_kpi)
			if part and part not in rows
		]
		if not wanted:
			break
	return rows


def finest_period(definition) -> PeriodType:
	"""The finest period the KPI is computed by (a KPI without periods: by the day)."""
	periods = [p for p in ("Year", "Quarter", "Month", "Week", "Day") if definition.get(f"for_{p.lower()}")]
	return max((PeriodType(p) for p in periods), key=lambda p: p.level, default=PeriodType.DAY)


def load_definition(code: str, definition: frappe._dict | None = None) -> frappe._dict:
	"""The Sales KPI ready to compute; `definition` is its row when the caller read it already."""
	definition = definition or frappe.db.get_value("Sales KPI", code, "*", as_dict=True)
	if not definition:
		frappe.throw(_("Unknown KPI {0}").format(frappe.bold(code)), exc=KPIEngineError)
	if not definition.aggregate:
		frappe.throw(
			_("KPI {0} declares no computation: fill in its Computation section").format(frappe.bold(code)),
			exc=KPIEngineError,
		)
	if definition.aggregate not in (RATIO, PYTHON_METHOD):
		# a definition saved before the rule, or written to the table directly, is held to it here too
		enforce(
			check_sources,
			definition.name,
			definition.source_doctype,
			reached_doctypes(definition),
			exc=KPIEngineError,
		)
	definition.finest = finest_period(definition)
	return definition


def reached_doctypes(definition) -> set[str]:
	"""The doctypes the definition's paths lead to, one Link or child table away from its source."""
	if definition.get("source_doctype") not in KPI_SOURCE_DOCTYPES:
		return set()  # refused by its source already; the metadata is read from the cache, no query
	meta = frappe.get_meta(definition.source_doctype)
	paths = [str(definition.get(field)) for field in PATH_FIELDS if definition.get(field)]
	paths += [str(row[0]) for row in parse_filters(definition.get("filters"), definition.get("code"))]
	reached = set()
	for path in paths:
		if "." not in path:
			continue
		field = meta.get_field(path.split(".", 1)[0])
		if field and field.options:
			reached.add(field.options)
	return reached


def compute_kpi(definition, request: Request, known: dict[str, Facts]) -> Facts:
	if request.bucket.level > definition.finest.level:
		frappe.throw(
			_("KPI {0} is not computed by {1}; its finest period is {2}").format(
				frappe.bold(definition.name), _(request.bucket.value), _(definition.finest.value)
			),
			exc=KPIEngineError,
		)
	if definition.aggregate == RATIO:
		return ratio(definition, request, known)
	if definition.aggregate == PYTHON_METHOD:
		return frappe.get_attr(allowed_method(definition.method))(definition, request)
	if not request.direct and facts_are_kept(definition):
		return kept_query(definition, request)
	return run_query(definition, request)


def facts_are_kept(definition) -> bool:
	"""Whether the KPI's facts are kept per Sales Person and day, rebuilt under its present computation."""
	return bool(
		definition.get("kept_signature")
		and kept_kind(definition)
		and definition.kept_signature == computation_signature(definition)
	)


def kept_query(definition, request: Request) -> Facts:
	return kept_queries([definition], request)[definition.name]


def kept_queries(definitions: list, request: Request) -> dict[str, Facts]:
	"""The facts of every kept KPI asked for from their kept rows (`Sales KPI Fact`), in one query: a row
	per KPI, Sales Person, day and value, so that the cost follows people × days, not the documents.
	Each person's rows are added up per KPI and bucket first (read from an index that holds every column
	asked for), then the people up to each requested node: sums add up, distinct values are counted once
	per node and bucket, averages are a sum over a count. One query for all of them: most of a KPI's
	time alone was the query's own cost, not its rows."""
	fact = frappe.qb.DocType("Sales KPI Fact")
	# whole months by month, quarter or year are read from the months' rows: a year costs what a month does
	per_month = request.bucket.level <= PeriodType.MONTH.level and (
		request.start == period_containing(request.start, PeriodType.MONTH).start
		and request.end == period_containing(request.end, PeriodType.MONTH).end
	)
	by_company = [d.name for d in definitions if frappe.get_meta(d.source_doctype).has_field("company")]
	query = frappe.qb.from_(fact).where(
		fact.kpi.isin([d.name for d in definitions]) & (fact.per_month == int(per_month))
	)
	if request.company and by_company:
		query = query.where(fact.kpi.notin(by_company) | (fact.company == request.company))
	query = query.where((fact.day >= request.start) & (fact.day <= request.end))
	ends = bucket_ends(request)
	if len(ends) == 1:
		# a request within one bucket (a plan's month) groups by person only: grouping every row by a
		# computed bucket as well cost three times as much
		bucket, buckets = ValueWrapper(ends[0][0]), []
	else:
		bucket = bucket_start(fact.day, request.bucket, request.fiscal_year_start_month)
		buckets = [bucket]
	# a KPI without a dimension keeps "" there, and one that is not a distinct count "" as its value
	columns = [
		fact.kpi.as_("kpi"),
		fact.sales_person.as_("person"),
		bucket.as_("bucket"),
		fact.dimension.as_("dimension"),
		fact.value_key.as_("value_key"),
	]
	if per_month and not buckets:
		# a month's rows are a person's facts of the bucket already: grouping them again cost a third
		per_person = query.select(*columns, fact.total.as_("total"), fact.counted.as_("counted"))
	else:
		per_person = query.select(
			*columns, Sum(fact.total).as_("total"), Sum(fact.counted).as_("counted")
		).groupby(fact.kpi, fact.sales_person, *buckets, fact.dimension, fact.value_key)
	per_person = per_person.as_("per_person")
	tree = subtree_members(request)
	average = Sum(per_person.total) / NullIf(Sum(per_person.counted), 0)
	rows = (
		frappe.qb.from_(per_person)
		.join(tree)
		.on(tree.member == per_person.person)
		.select(
			per_person.kpi.as_("kpi"),
			tree.node.as_("node"),
			per_person.bucket.as_("bucket"),
			per_person.dimension.as_("dimension"),
			Sum(per_person.total).as_("total"),
			Count(per_person.value_key).distinct().as_("distinct_values"),
			average.as_("average"),
			_Round(average, 4).as_("whole_days"),  # as MariaDB's AVG of whole days rounds it
		)
		.groupby(per_person.kpi, tree.node, per_person.bucket, per_person.dimension)
	).run(as_dict=True)
	column = {
		definition.name: fact_column(definition, distinct="distinct_values") for definition in definitions
	}
	results: dict[str, Facts] = {definition.name: {} for definition in definitions}
	for row in rows:
		value = row[column[row.kpi]]
		if value is not None:
			results[row.kpi][(row.node, bucket_date(row.bucket), row.dimension or "")] = flt(value, 6)
	return results


def fact_column(definition, distinct: str = "total") -> str:
	"""The column of a kept read that holds the KPI's fact."""
	kind = kept_kind(definition)
	if kind == KEPT_DISTINCT:
		return distinct
	if kind == KEPT_AVERAGE:
		return "whole_days" if definition.aggregate == AVERAGE_DAYS_BETWEEN else "average"
	return "total"


def ended_periods_kept(definition, request: Request) -> bool:
	"""Whether the request asks for periods that have ended of a KPI whose facts of those are kept there
	(what is open at a date, a Python method: `period_facts`), under its present computation."""
	return bool(
		definition.aggregate in (OPEN_AT_DATE, PYTHON_METHOD)
		and definition.get("team_facts_through")
		and request.end <= getdate(definition.team_facts_through)
		and definition.get("kept_signature") == computation_signature(definition)
		and request.bucket.level <= finest_period(definition).level
	)


def team_period(request: Request) -> PeriodType | None:
	"""The period of the request's buckets when the team rows answer it: whole weeks, months, or
	calendar quarters and years."""
	bucket = request.bucket
	if bucket not in TEAM_PERIODS:
		return None
	if bucket in (PeriodType.QUARTER, PeriodType.YEAR) and request.fiscal_year_start_month != 1:
		return None
	if period_containing(request.start, bucket).start != request.start:
		return None
	if period_containing(request.end, bucket).end != request.end:
		return None
	return bucket


# (KPI, node) pairs a team query asks for at most: each is a range of the team rows' index
TEAM_RANGES_PER_QUERY = 4000


def team_queries(definitions: list, request: Request) -> dict[str, Facts]:
	"""The facts of kept KPIs for whole periods from their team rows: a row per KPI, node, period and
	dimension value, read from one index, so that the cost follows nodes × KPIs × periods, not the
	people nor the clients they count. As many KPIs per query as keep KPIs × nodes within
	`TEAM_RANGES_PER_QUERY`: asked for 32 KPIs of 551 nodes at once (five times the benchmark), MariaDB
	stopped probing the index's ranges and read three times as much; 111 nodes read best in one query."""
	size = max(1, TEAM_RANGES_PER_QUERY // max(len(request.nodes), 1))
	results: dict[str, Facts] = {}
	for first in range(0, len(definitions), size):
		results.update(_team_query(definitions[first : first + size], request))
	return results


def _team_query(definitions: list, request: Request) -> dict[str, Facts]:
	team = frappe.qb.DocType(TEAM_FACT)
	names = [definition.name for definition in definitions]
	# the kept rows of a KPI whose documents have a company, and the ended periods' of every KPI, are
	# kept per company too
	by_company = [
		d.name
		for d in definitions
		if request.company and (not kept_kind(d) or frappe.get_meta(d.source_doctype).has_field("company"))
	]
	# a company's own rows where the request names one and the KPI's documents have one, else every
	# company's together
	company = team.company == ""
	if by_company:
		company = (team.kpi.isin(by_company) & (team.company == request.company)) | (
			team.kpi.notin(by_company) & company
		)
	average = team.total / NullIf(team.counted, 0)
	rows = (
		frappe.qb.from_(team)
		.select(
			team.kpi,
			team.sales_person,
			team.period_start,
			team.dimension,
			team.total,
			average.as_("average"),
			_Round(average, 4).as_("whole_days"),  # as MariaDB's AVG of whole days rounds it
		)
		.where(team.kpi.isin(names))
		.where(team.period_type == request.bucket.value)
		.where(team.sales_person.isin(request.nodes))
		.where((team.period_start >= request.start) & (team.period_start <= request.end))
		.where(company)
	).run(as_dict=True)
	column = {
		definition.name: fact_column(definition) if kept_kind(definition) else "total"
		for definition in definitions
	}
	results: dict[str, Facts] = {name: {} for name in names}
	for row in rows:
		value = row[column[row.kpi]]
		if value is not None:
			key = (row.sales_person, bucket_date(row.period_start), row.dimension or "")
			results[row.kpi][key] = flt(value, 6)
	return results


def allowed_method(method: str) -> str:
	"""Only functions of the modules apps register under the `sales_kpi_method_modules` hook."""
	modules = [f"{module}." for module in frappe.get_hooks("sales_kpi_method_modules")]
	if not method or not any(method.startswith(m) and "." not in method[len(m) :] for m in modules):
		frappe.throw(
			_("{0} is not a KPI method: it must be a function of {1}").format(
				frappe.bold(method), ", ".join(module.rstrip(".") for module in modules)
			),
			exc=KPIEngineError,
		)
	return method


def ratio(definition, request: Request, known: dict[str, Facts]) -> Facts:
	"""Numerator over denominator per node and bucket, in percent, from the parts' own facts."""
	parts = []
	for code in (definition.numerator_kpi, definition.denominator_kpi):
		if code not in known:
			known[code] = compute_kpi(load_definition(code), request, known)
		parts.append(known[code])
	numerator, denominator = parts
	return {
		key: round(flt(numerator.get(key)) * 100 / value, 4) for key, value in denominator.items() if value
	}


@dataclass
class Source:
	"""A declared KPI's documents, joined to whom each counts for, filtered, with its measured fields."""

	query: object
	doc: object
	meta: object
	person: object
	share: object
	dimension: object
	measured: dict
	joins: Joins


def source_query(definition, company: str | None = None, filtered: bool = True) -> Source:
	"""The documents a declared KPI reads, as the direct query and the kept facts both select them
	(without its filters for KPIs computed together, which apply them each to its own column)."""
	meta = frappe.get_meta(definition.source_doctype)
	check_fields_exist(definition, meta)
	doc = frappe.qb.DocType(definition.source_doctype)
	joins = Joins(doc, meta)
	query, person, share = attribute(frappe.qb.from_(doc), doc, definition, joins)
	query = query.where(doc.docstatus == 1 if meta.is_submittable else doc.docstatus < 2)
	if company and meta.has_field("company"):
		query = query.where(doc.company == company)
	for fieldname, operator, value in parse_filters(definition.filters, definition.name) if filtered else ():
		query, field = joins.resolve(query, fieldname)
		query = query.where(condition(field, operator, value))
	dimension = None
	if definition.dimension and definition.dimension_field:
		query, dimension = joins.resolve(query, definition.dimension_field)
	measured = {}
	for fieldname in ("value_field", "distinct_field", "start_date_field", "end_date_field"):
		if definition.get(fieldname):
			query, measured[fieldname] = joins.resolve(query, definition.get(fieldname))
	return Source(query, doc, meta, person, share, dimension, measured, joins)


def run_query(definition, request: Request, extra=None) -> Facts:
	"""The one query of a declared KPI; `extra(query, doc, bucket)` may narrow it (Python methods)."""
	source = source_query(definition, request.company)
	query, doc, person, share = source.query, source.doc, source.person, source.share
	dimension, measured = source.dimension, source.measured
	tree = subtree_members(request)

	if definition.aggregate == OPEN_AT_DATE:
		query, bucket = open_at_bucket_ends(query, doc[definition.date_field], measured, request)
	else:
		day = doc[definition.date_field]
		query = query.where((day >= request.start) & (day < request.end + timedelta(days=1)))
		bucket = bucket_start(day, request.bucket, request.fiscal_year_start_month)
	value = aggregate(definition, doc, measured, share)
	if extra:
		query = extra(query, doc, bucket)

	if adds_up_per_person(definition):
		rows = rolled_up(query, person, tree, bucket, value, dimension).run(as_dict=True)
	elif definition.aggregate == AVERAGE and definition.attribution != "Sales Team":
		rows = averaged_per_person(query, person, tree, bucket, measured["value_field"], dimension).run(
			as_dict=True
		)
	elif (distinct := distinct_value(definition, measured)) is not None:
		rows = deduplicated(query, person, tree, bucket, distinct, dimension).run(as_dict=True)
	else:
		query = query.join(tree).on(tree.member == person)
		fields = [tree.node.as_("node"), bucket.as_("bucket"), value.as_("fact")]
		groups = [tree.node, bucket]
		if dimension is not None:
			fields.append(dimension.as_("dimension"))
			groups.append(dimension)
		rows = query.select(*fields).groupby(*groups).run(as_dict=True)
	return {
		(row.node, bucket_date(row.bucket), (row.get("dimension") or "")): flt(row.fact, 6)
		for row in rows
		if row.fact is not None
	}


def open_at_bucket_ends(query, opened, measured: dict, request: Request):
	"""The documents open at the end of each bucket, each joined to those buckets; returns the query and
	the bucket's start."""
	ends = bucket_ends(request)
	buckets = union_of_dates(ends)
	closed = measured["end_date_field"]
	# the same test against the first and the last bucket as constants, so that an index on the
	# closing date finds the few documents still open instead of reading every one ever opened
	query = query.where(opened < ends[-1][1] + timedelta(days=1))
	query = query.where(closed.isnull() | (closed >= ends[0][1] + timedelta(days=1)))
	# "on or before the bucket's last day" as "before the next day", right for dates and datetimes alike
	query = query.join(buckets).on(
		(opened < buckets.next_day) & (closed.isnull() | (closed >= buckets.next_day))
	)
	return query, buckets.bucket_start


OPEN_TOGETHER_FIELDS = (
	"source_doctype",
	"date_field",
	"end_date_field",
	"attribution",
	"attribution_field",
)


def open_together_key(definition) -> tuple | None:
	"""What KPIs open at a date must share to be computed in one query (the same documents, dates and
	people, no dimension); None for one that is computed alone."""
	if definition.aggregate != OPEN_AT_DATE or definition.dimension_field:
		return None
	if not (definition.value_field or definition.distinct_field):
		return None  # documents counted per person, not parties or amounts
	return tuple(definition.get(field) for field in OPEN_TOGETHER_FIELDS)


def open_together_batches(definitions: list) -> list[list]:
	"""The KPIs of a group that one query computes: those counting the same field (the amounts join the
	first); a KPI alone is left to its own query."""
	counted: dict[str, list] = {}
	for definition in definitions:
		if not definition.value_field:
			counted.setdefault(definition.distinct_field, []).append(definition)
	batches = list(counted.values()) or [[]]
	batches[0] += [definition for definition in definitions if definition.value_field]
	return [batch for batch in batches if len(batch) > 1]


def open_at_date_together(definitions: list, request: Request) -> dict[str, Facts]:
	"""KPIs open at a date that read the same documents (the parties and amounts in work, for clients and
	partners, current and potential), in one query: each KPI's filters become its own condition inside
	the aggregates, so the open documents are found once, not once per KPI. Each party is kept once per
	Sales Person and bucket first, as `deduplicated` does, then counted once per node."""
	first = definitions[0]
	source = source_query(first, request.company, filtered=False)
	query, doc, joins = source.query, source.doc, source.joins
	parties = {d.distinct_field for d in definitions if not d.value_field}
	query, party = joins.resolve(query, parties.pop()) if parties else (query, ValueWrapper(""))
	query, bucket = open_at_bucket_ends(query, doc[first.date_field], source.measured, request)
	columns, conditions, unfiltered = [], [], False
	for number, definition in enumerate(definitions):
		check_fields_exist(definition, source.meta)
		criteria = []
		for fieldname, operator, value in parse_filters(definition.filters, definition.name):
			query, field = joins.resolve(query, fieldname)
			criteria.append(condition(field, operator, value))
		when = Criterion.all(criteria) if criteria else ValueWrapper(1) == 1
		conditions.append(when)
		unfiltered = unfiltered or not criteria
		if definition.value_field:
			query, value = joins.resolve(query, definition.value_field)
			columns.append(Sum(Case().when(when, _shared(value, source.share))).as_(f"k{number}"))
		else:
			columns.append(Max(Case().when(when, 1).else_(0)).as_(f"k{number}"))
	if not unfiltered:
		query = query.where(Criterion.any(conditions))  # only the documents some KPI counts
	per_person = (
		query.select(source.person.as_("person"), bucket.as_("bucket"), party.as_("party"), *columns)
		.groupby(source.person, bucket, party)
		.as_("per_person")
	)
	tree = subtree_members(request)
	outer = []
	for number, definition in enumerate(definitions):
		column = per_person[f"k{number}"]
		if definition.value_field:
			outer.append(Sum(column).as_(f"k{number}"))
		else:
			outer.append(Count(Case().when(column == 1, per_person.party)).distinct().as_(f"k{number}"))
	rows = (
		frappe.qb.from_(per_person)
		.join(tree)
		.on(tree.member == per_person.person)
		.select(tree.node.as_("node"), per_person.bucket.as_("bucket"), *outer)
		.groupby(tree.node, per_person.bucket)
	).run(as_dict=True)
	results: dict[str, Facts] = {definition.name: {} for definition in definitions}
	for row in rows:
		key = (row.node, bucket_date(row.bucket), "")
		for number, definition in enumerate(definitions):
			value = row[f"k{number}"]
			# no open document of the KPI's own under the node: no fact, as its own query gives none
			if value is not None and (definition.value_field or value):
				results[definition.name][key] = flt(value, 6)
	return results


def check_fields_exist(definition, meta) -> None:
	"""Saving a KPI checks its fields, but a custom field can be removed later: say so instead of failing
	in SQL."""
	paths = [definition.get(field) for field in PATH_FIELDS if definition.get(field)]
	paths += [f[0] for f in parse_filters(definition.filters, definition.name)]
	for path in paths:
		if not field_exists(meta, str(path)):
			frappe.throw(
				_(
					"KPI {0} uses the field {1}, which {2} does not have: correct the KPI's Computation"
				).format(frappe.bold(definition.name), frappe.bold(path), _(meta.name)),
				exc=KPIEngineError,
			)


def field_exists(meta, path: str) -> bool:
	"""A field of the doctype, a standard column, one Link away ("customer.market_segment") or in a
	child table ("items.item_group")."""
	if path in ("creation", "modified", "owner", "name"):
		return True
	if "." not in path:
		return bool(meta.has_field(path))
	link, target = path.split(".", 1)
	field = meta.get_field(link)
	if not field or field.fieldtype not in ("Link", *frappe.model.table_fields) or "." in target:
		return False
	return field_exists(frappe.get_meta(field.options), target)


def adds_up_per_person(definition) -> bool:
	"""Whether a node's fact is the sum of its people's: sums always (Sales Team shares add up to the
	document), open amounts, and counts when each document has one Sales Person. Distinct counts,
	averages and counts of shared documents are computed at each node directly instead."""
	if definition.aggregate == SUM or (definition.aggregate == OPEN_AT_DATE and definition.value_field):
		return True
	one_person = definition.attribution != "Sales Team"
	if definition.aggregate == OPEN_AT_DATE and not definition.distinct_field:
		return one_person  # the documents open at a date, each counted for its one Sales Person
	return definition.aggregate == COUNT and one_person


def distinct_value(definition, measured: dict):
	"""The field whose distinct values a KPI counts (a distinct count, or the parties open at a date)."""
	if definition.aggregate == DISTINCT_COUNT or (
		definition.aggregate == OPEN_AT_DATE and not definition.value_field
	):
		return measured.get("distinct_field")
	return None


def subtree_members(request: Request):
	"""Each requested node beside every Sales Person of its subtree, as a derived table: documents join
	it by their Sales Person's name, an equality that MariaDB answers from an index it builds on the
	derived table, where a join on lft/rgt compared every row with every node."""
	node = frappe.qb.DocType("Sales Person").as_("node")
	member = frappe.qb.DocType("Sales Person").as_("member")
	return (
		frappe.qb.from_(node)
		.join(member)
		.on((member.lft >= node.lft) & (member.rgt <= node.rgt))
		.where(node.name.isin(request.nodes))
		.select(node.name.as_("node"), member.name.as_("member"))
		.distinct()  # also keeps MariaDB from merging it into the outer query
	).as_("tree")


def deduplicated(query, person, tree, bucket, distinct, dimension):
	"""Each value once per Sales Person and bucket first, then counted once per requested node: the tree
	is joined to a row per person and party instead of one per document."""
	return per_person_first(
		query.where(distinct.isnotnull()),
		person,
		tree,
		bucket,
		dimension,
		value=distinct,
		outer=lambda counted: Count(counted).distinct(),
		group_by_value=True,
	)


def rolled_up(query, person, tree, bucket, value, dimension):
	"""Aggregate per Sales Person first, then add the people up to each requested node: the tree is then
	joined to a few hundred rows instead of every document."""
	return per_person_first(query, person, tree, bucket, dimension, value=value, outer=Sum)


def averaged_per_person(query, person, tree, bucket, value, dimension):
	"""An average of documents that each count for one Sales Person: their sum and number per person
	first, then each requested node's sum over its number, as rolled_up does for sums; the tree is
	joined to a row per person instead of one per document (a node's average is still each document's
	value weighed once)."""
	fields = [
		person.as_("person"),
		bucket.as_("bucket"),
		Sum(value).as_("total"),
		Count(value).as_("counted"),
	]
	groups = [person, bucket]
	if dimension is not None:
		fields.append(dimension.as_("dimension"))
		groups.append(dimension)
	per_person = query.select(*fields).groupby(*groups).as_("per_person")
	outer_fields = [
		tree.node.as_("node"),
		per_person.bucket.as_("bucket"),
		(Sum(per_person.total) / NullIf(Sum(per_person.counted), 0)).as_("fact"),
	]
	outer_groups = [tree.node, per_person.bucket]
	if dimension is not None:
		outer_fields.append(per_person.dimension.as_("dimension"))
		outer_groups.append(per_person.dimension)
	return (
		frappe.qb.from_(per_person)
		.join(tree)
		.on(tree.member == per_person.person)
		.select(*outer_fields)
		.groupby(*outer_groups)
	)


def per_person_first(query, person, tree, bucket, dimension, value, outer, group_by_value=False):
	"""`value` per Sales Person, bucket (and dimension value) in a derived table, then `outer(value)`
	for each requested node over the people of its subtree."""
	fields = [person.as_("person"), bucket.as_("bucket"), value.as_("measure")]
	groups = [person, bucket, *([value] if group_by_value else [])]
	if dimension is not None:
		fields.append(dimension.as_("dimension"))
		groups.append(dimension)
	per_person = query.select(*fields).groupby(*groups).as_("per_person")
	outer_fields = [
		tree.node.as_("node"),
		per_person.bucket.as_("bucket"),
		outer(per_person.measure).as_("fact"),
	]
	outer_groups = [tree.node, per_person.bucket]
	if dimension is not None:
		outer_fields.append(per_person.dimension.as_("dimension"))
		outer_groups.append(per_person.dimension)
	return (
		frappe.qb.from_(per_person)
		.join(tree)
		.on(tree.member == per_person.person)
		.select(*outer_fields)
		.groupby(*outer_groups)
	)


class Joins:
	"""Fields of the source document, of a document one Link away ("customer.market_segment") or of its
	child table ("items.item_group"), each linked table joined once however many fields use it."""

	def __init__(self, doc, meta):
		self.doc, self.meta, self.tables = doc, meta, {}

	def resolve(self, query, path: str):
		if "." not in path:
			return query, self.doc[path]
		link, target = path.split(".", 1)
		if link in self.tables:
			return query, self.tables[link][target]
		field = self.meta.get_field(link)
		table = frappe.qb.DocType(field.options).as_(f"via_{link}")
		self.tables[link] = table
		if field.fieldtype in frappe.model.table_fields:
			query = query.join(table).on(
				(table.parent == self.doc.name)
				& (table.parenttype == self.meta.name)
				& (table.parentfield == link)
			)
		else:
			query = query.left_join(table).on(table.name == self.doc[link])
		return query, table[target]


def attribute(query, doc, definition, joins: Joins):
	"""Join whom each document counts for; returns the query, the Sales Person's name and the share of
	the document's value.

	Where the document names the person, the Sales Person table is joined all the same: grouping by a
	column of a second table makes MariaDB group in a temporary table, where grouping a single table's
	rows by its own long columns sorts them and then reads every row again by primary key. The Sales
	Team is such a second table already: joining Sales Person to it too cost a look-up per share (20 %
	of turnover's time). What is open at a date has its buckets joined, a second table, and no person
	joined: with it MariaDB read the deals person by person through the index on the person (10 s at
	five times the benchmark) instead of the few still open through the index on their closing (the
	tree, joined to every query by the person, leaves out a name that is no Sales Person)."""
	if definition.attribution == "Sales Team":
		team = frappe.qb.DocType("Sales Team")
		query = query.join(team).on(
			(team.parent == doc.name) & (team.parenttype == definition.source_doctype)
		)
		return query, team.sales_person, team.allocated_percentage / 100
	if definition.attribution == "Owner User":
		query, owner = joins.resolve(query, definition.attribution_field)
		people = users_sales_persons()
		return query.join(people).on(people.user == owner), people.sales_person, None
	query, sales_person = joins.resolve(query, definition.attribution_field)
	if definition.aggregate == OPEN_AT_DATE:
		return query, sales_person, None
	person = frappe.qb.DocType("Sales Person").as_("attributed")
	return query.join(person).on(person.name == sales_person), person.name, None


def aggregate(definition, doc, measured: dict, share):
	if definition.aggregate == OPEN_AT_DATE:
		# what is open at each bucket's end: the sum of a value, the distinct parties, or the documents
		if "value_field" in measured:
			return Sum(_shared(measured["value_field"], share))
		return Count(measured.get("distinct_field", doc.name)).distinct()
	if definition.aggregate == COUNT:
		return Count(doc.name).distinct()
	if definition.aggregate == DISTINCT_COUNT:
		return Count(measured["distinct_field"]).distinct()
	if definition.aggregate == SUM:
		return Sum(_shared(measured["value_field"], share))
	if definition.aggregate == AVERAGE:
		return Avg(measured["value_field"])
	if definition.aggregate == AVERAGE_DAYS_BETWEEN:
		return Avg(_DateDiff(measured["end_date_field"], measured["start_date_field"]))
	frappe.throw(_("Unknown aggregate {0}").format(definition.aggregate), exc=KPIEngineError)


def _shared(value, share):
	return value * share if share is not None else value


OPERATORS = {
	"=": lambda field, value: field == value,
	"!=": lambda field, value: field != value,
	">": lambda field, value: field > value,
	"<": lambda field, value: field < value,
	">=": lambda field, value: field >= value,
	"<=": lambda field, value: field <= value,
	"in": lambda field, value: field.isin(value),
	"not in": lambda field, value: field.notin(value),
	"like": lambda field, value: field.like(value),
	"is": lambda field, value: field.isnotnull() if value == "set" else field.isnull(),
}


def condition(field, operator: str, value) -> Criterion:
	if operator not in OPERATORS:
		frappe.throw(
			_("Filter operator {0} is not supported").format(frappe.bold(operator)), exc=KPIEngineError
		)
	return OPERATORS[operator](field, value)


def bucket_ends(request: Request) -> list[tuple[date, date]]:
	"""(start, end) of every bucket of the request, clipped to the requested range."""
	buckets, day = [], request.start
	while day <= request.end:
		period = period_containing(day, request.bucket, request.fiscal_year_start_month)
		buckets.append((period.start, min(period.end, request.end)))
		day = period.end + timedelta(days=1)
	return buckets


def union_of_dates(buckets: list[tuple[date, date]]):
	"""A derived table (bucket_start, next_day) built in the query itself."""
	return constant_table(
		[{"bucket_start": start, "next_day": end + timedelta(days=1)} for start, end in buckets], "buckets"
	)


def constant_table(rows: list[dict], alias: str):
	"""A derived table of constant rows (the same columns in each), built in the query itself."""
	selects = [
		frappe.qb.select(*(ValueWrapper(value).as_(column) for column, value in row.items())) for row in rows
	]
	union = selects[0]
	for select in selects[1:]:
		union = union.union_all(select)
	return union.as_(alias)
