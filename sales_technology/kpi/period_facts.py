"""The facts of the KPIs no day row can keep, what is open at a date and the Python methods, kept for
every node with its team for the weeks, months, quarters and calendar years that have ended
(`Sales KPI Team Fact`), so that a plan against fact of a past period reads a row per node and KPI.

What is open at the end of a period, or the sales to the clients new in it, is not a sum of days: each
period's fact is computed by the engine from the documents, for every node at once, and stored. A
period that has ended changes only when a document dated in it or before it changes: a change marks the
earliest day it reaches (a deal closed today reaches no period that has ended; one whose amount changed
reaches every period since it opened), and a queued job rewrites the ended periods from that day on. The
periods still running are computed from the documents on every read. Every night the periods that ended
the day before are written, and those of the documents modified since the last night are checked
against the documents, repaired and logged.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import frappe
from frappe import _
from frappe.query_builder.functions import Min
from frappe.utils import add_days, getdate, now_datetime

from sales_technology.core.ended_periods import EVERY_PERIOD, ended_span, reached_from
from sales_technology.core.kpi_definition import (
	OPEN_AT_DATE,
	PATH_FIELDS,
	PYTHON_METHOD,
	computation_signature,
	parse_filters,
)
from sales_technology.core.periods import period_containing
from sales_technology.kpi.commit_marks import CommitMarks
from sales_technology.kpi.engine import TEAM_FACT, TEAM_PERIODS, compute, finest_period, open_together_key
from sales_technology.kpi.methods import METHOD_READS
from sales_technology.shared.org_structure import sales_person_tree_signature

SOURCES_CACHE_KEY = "sales_technology:period_fact_sources"
RECONCILED_KEY = "sales_technology:period_facts_reconciled_at"


def kept_for_ended_periods(definition) -> bool:
	"""Whether the KPI's facts of ended periods are kept: what is open at a date over the source's own
	fields, and the Python methods that say what they read."""
	if definition.get("aggregate") == OPEN_AT_DATE:
		paths = [str(definition.get(field)) for field in PATH_FIELDS if definition.get(field)]
		paths += [str(row[0]) for row in parse_filters(definition.get("filters"), definition.get("name"))]
		return not any("." in path for path in paths)
	return definition.get("aggregate") == PYTHON_METHOD and definition.get("method") in METHOD_READS


def period_definitions(codes: Iterable[str] | None = None) -> list[frappe._dict]:
	filters = {"aggregate": ("in", [OPEN_AT_DATE, PYTHON_METHOD])}
	if codes is not None:
		filters["name"] = ("in", list(codes) or [""])
	rows = frappe.get_all("Sales KPI", filters=filters, fields=["*"], order_by="name")
	return [row for row in rows if kept_for_ended_periods(row)]


def is_current(definition) -> bool:
	"""Kept under the KPI's present computation (a changed one is read from the documents until
	rebuilt)."""
	return bool(definition.get("kept_signature")) and definition.kept_signature == computation_signature(
		definition
	)


def reads(definition) -> dict[str, tuple[tuple[str, ...], tuple[str, ...] | None]]:
	"""{doctype: (its date fields, the other fields read)} of the documents whose change reaches the
	KPI's periods from their dates on (the other fields None where unknown: any change reaches them), and
	{doctype: ((), fields)} of those read through a link, whose change of those fields reaches every
	period."""
	if definition.aggregate == OPEN_AT_DATE:
		dates = (definition.date_field, definition.end_date_field)
		fields = [definition.get(field) for field in PATH_FIELDS if definition.get(field)]
		fields += [str(row[0]) for row in parse_filters(definition.filters, definition.name)]
		others = tuple(sorted({*fields, "docstatus"} - set(dates)))
		return {definition.source_doctype: (dates, others)}
	method = METHOD_READS[definition.method]
	read = {doctype: (tuple(dates), None) for doctype, dates in method.dated.items()}
	read.update({doctype: ((), tuple(fields)) for doctype, fields in method.linked.items()})
	return read


def earliest_day(definition) -> date:
	"""The first day any document the KPI reads is dated (the periods before hold nothing)."""
	days = []
	for doctype, (dates, _others) in reads(definition).items():
		for field in dates:
			table = frappe.qb.DocType(doctype)
			day = frappe.qb.from_(table).select(table[field]).orderby(table[field]).limit(1)
			value = day.where(table[field].isnotnull()).run(pluck=True)
			if value:
				days.append(getdate(value[0]))
	return min(days, default=getdate())


def earliest_row(kpis: list[str]) -> date:
	team = frappe.qb.DocType(TEAM_FACT)
	first = (
		frappe.qb.from_(team).select(Min(team.period_start)).where(team.kpi.isin(kpis or [""])).run()[0][0]
	)
	return getdate(first) if first else getdate()


def write_periods(
	definitions: list, first: date | None = None, compare: bool = False, progress: bool = False
) -> dict[str, int]:
	"""Rewrite the KPIs' rows of the periods ended from `first` (their earliest document's without) to
	yesterday, every node and every company (and all companies together), from the documents: the KPIs
	computed together, as the engine computes a plan's (the eight in work in one query). With `compare`,
	rewrite only a KPI's periods whose rows differ; returns {KPI: rows that did}."""
	yesterday = add_days(getdate(), -1)
	# nothing before the earliest document, nor before the earliest row kept (of one since deleted)
	earliest = min(
		*(earliest_day(definition) for definition in definitions),
		earliest_row([definition.name for definition in definitions]),
	)
	first = max(first or earliest, earliest)
	nodes = frappe.get_all("Sales Person", pluck="name")
	companies = site_companies()
	# (the company asked for, the companies its facts are kept under): on a site of one company every
	# company's facts are its own, computed once
	variants = (
		[(None, ["", *companies])]
		if len(companies) <= 1
		else [(None, [""]), *((company, [company]) for company in companies)]
	)
	differences: dict[str, int] = {}
	for number, period_type in enumerate(TEAM_PERIODS):
		if progress:
			frappe.publish_progress(
				number * 100 / len(TEAM_PERIODS),
				title=_("Keeping the facts of the ended periods"),
				description=_(period_type.value),
			)
		span = ended_span(first, yesterday, period_type) if first <= yesterday else None
		if not span or not nodes:
			continue
		# the KPIs computed by such periods (a KPI of months has no weeks)
		by_period = [d for d in definitions if finest_period(d).level >= period_type.level]
		fresh: dict[str, dict] = {d.name: {} for d in by_period}
		for codes, spans in computations(by_period, span, period_type):
			for company, kept_as in variants:
				for start, end in spans:
					facts = compute(codes, nodes, start, end, period_type, company=company, direct=True)
					for code in codes:
						for (node, bucket, dimension), value in facts[code].items():
							for name in kept_as:
								fresh[code][(node, name, str(bucket), dimension)] = float(value)
		for code in fresh:
			differ = replace_rows(code, period_type.value, span, fresh[code], compare)
			if differ:
				differences[code] = differences.get(code, 0) + differ
	return differences


def computed_together(codes: Iterable[str]) -> list[list[str]]:
	"""The KPIs grouped as one query computes them (those open at a date over the same documents, people
	and dates), the largest group first: rebuilt apart, each would read every document of every period
	again."""
	groups: dict[tuple | str, list[str]] = {}
	for definition in period_definitions(codes):
		key = open_together_key(definition) or definition.name
		groups.setdefault(key, []).append(definition.name)
	return sorted(groups.values(), key=len, reverse=True)


def site_companies() -> list[str]:
	return frappe.get_all("Company", pluck="name")


def computations(definitions: list, span: tuple[date, date], period_type) -> list[tuple[list, list]]:
	"""(KPIs, spans each computed in one request): what is open at a date one period at a time (every
	period in one query joined each deal to every period: four weeks at once cost 1.8 s, each alone
	0.25 s), the rest over the whole span at once."""
	open_kpis = [d.name for d in definitions if d.aggregate == OPEN_AT_DATE]
	others = [d.name for d in definitions if d.aggregate != OPEN_AT_DATE]
	periods, day = [], span[0]
	while day <= span[1]:
		period = period_containing(day, period_type)
		periods.append((period.start, period.end))
		day = period.end + timedelta(days=1)
	return [(codes, spans) for codes, spans in ((others, [span]), (open_kpis, periods)) if codes]


def replace_rows(kpi: str, period_type: str, span: tuple[date, date], fresh: dict, compare: bool) -> int:
	"""The KPI's rows of the span replaced by `fresh` (with `compare`, only if they differ); returns the
	rows that differed."""
	team = frappe.qb.DocType(TEAM_FACT)
	in_span = (
		(team.kpi == kpi)
		& (team.period_type == period_type)
		& (team.period_start >= span[0])
		& (team.period_start <= span[1])
	)
	differ = 0
	if compare:
		stored = {
			(row.sales_person, row.company or "", str(row.period_start), row.dimension or ""): row.total
			for row in frappe.qb.from_(team)
			.select(team.sales_person, team.company, team.period_start, team.dimension, team.total)
			.where(in_span)
			.run(as_dict=True)
		}
		differ = len(
			{
				key
				for key in fresh.keys() | stored.keys()
				if key not in fresh or key not in stored or abs(fresh[key] - stored[key]) > 1e-6
			}
		)
		if not differ:
			return 0
	frappe.qb.from_(team).delete().where(in_span).run()
	insert_rows(kpi, period_type, fresh)
	return differ


def insert_rows(kpi: str, period_type: str, facts: dict[tuple, float]) -> None:
	now = now_datetime()
	rows = [
		(
			frappe.generate_hash(length=20),
			kpi,
			period_type,
			node,
			company,
			start,
			dimension,
			value,
			0,
			now,
			now,
			"Administrator",
			"Administrator",
		)
		for (node, company, start, dimension), value in facts.items()
	]
	frappe.db.bulk_insert(
		TEAM_FACT,
		fields=[
			"name",
			"kpi",
			"period_type",
			"sales_person",
			"company",
			"period_start",
			"dimension",
			"total",
			"counted",
			"creation",
			"modified",
			"owner",
			"modified_by",
		],
		values=rows,
		chunk_size=5000,
	)


def rebuild(codes: Iterable[str] | None = None, progress: bool = False) -> list[str]:
	"""Every ended period of the KPIs (or of all that can be kept so) rewritten from the documents."""
	signature = sales_person_tree_signature()
	definitions = period_definitions(codes)
	if not definitions:
		return []
	frappe.db.delete(TEAM_FACT, {"kpi": ("in", [d.name for d in definitions])})
	write_periods(definitions, progress=progress)
	for definition in definitions:
		frappe.db.set_value(
			"Sales KPI",
			definition.name,
			{
				"kept_signature": computation_signature(definition),
				"facts_rebuilt_at": now_datetime(),
				"team_tree_signature": signature,
				"team_facts_through": add_days(getdate(), -1),
			},
			update_modified=False,
		)
	forget_sources()
	return [definition.name for definition in definitions]


def stale() -> list[str]:
	"""The KPIs whose ended periods were kept under another computation or tree, or never."""
	signature = sales_person_tree_signature()
	return [
		d.name
		for d in period_definitions()
		if not is_current(d) or d.get("team_tree_signature") != signature or not d.team_facts_through
	]


# --- the event path ---


def sources() -> dict[str, list[tuple[str, tuple, tuple | None]]]:
	"""{doctype: [(KPI, date fields, other fields read or None)]} of the KPIs kept now."""

	def read():
		found: dict[str, list] = {}
		for definition in period_definitions():
			if is_current(definition):
				for doctype, (dates, others) in reads(definition).items():
					found.setdefault(doctype, []).append((definition.name, dates, others))
		return found

	return frappe.cache.get_value(SOURCES_CACHE_KEY, read)


def forget_sources() -> None:
	frappe.cache.delete_value(SOURCES_CACHE_KEY)


def mark_changed(doc, method: str | None = None) -> None:
	"""A document such a KPI reads changed: the earliest day it reaches, rewritten from once the
	transaction commits (nothing when that is today)."""
	watched = sources().get(doc.doctype)
	if not watched:
		return
	before = doc.get_doc_before_save() if method != "on_trash" else None
	today = getdate()
	for kpi, dates, others in watched:
		day = reached_from(doc, before, dates, others)
		if day is not None and day < today:
			marks = pending_marks()
			marks[kpi] = min(marks.get(kpi, day), day)


# the earliest day this transaction's changes reach, per KPI, rewritten from by a queued job once it commits
MARKS = CommitMarks(
	"st_period_marks",
	"sales_technology.kpi.period_facts.refresh",
	lambda marks: {kpi: str(day) for kpi, day in marks.items()},
)


def pending_marks() -> dict[str, date]:
	return MARKS.pending()


def refresh_marked() -> dict[str, date]:
	"""The marks of this transaction rewritten now, without waiting for the commit (tests, scripts)."""
	marks = MARKS.take()
	refresh(marks)
	return {kpi: getdate(day) for kpi, day in marks.items()}


def refresh(marks: dict[str, str]) -> None:
	"""Rewrite the KPIs' ended periods from the earliest marked day on, computed together."""
	definitions = [d for d in period_definitions(marks) if is_current(d)]
	if definitions:
		write_periods(definitions, min(getdate(day) for day in marks.values()))


# --- the night ---


def keep_ended_periods(commit: bool = True) -> dict[str, int]:
	"""The periods that ended since the last night written, and those of the documents modified since
	checked against the documents: what differs is rewritten and logged. Returns {KPI: rows repaired}."""
	started = now_datetime()
	yesterday = add_days(getdate(), -1)
	definitions = [d for d in period_definitions() if is_current(d)]
	if not definitions:
		return {}
	through = min(
		(getdate(d.team_facts_through) if d.team_facts_through else EVERY_PERIOD) for d in definitions
	)
	if through < yesterday:
		write_periods(definitions, add_days(through, 1))
	since = frappe.cache.get_value(RECONCILED_KEY) or add_days(started, -1)
	days = [day for d in definitions if (day := modified_from(d, since)) is not None]
	repaired = write_periods(definitions, min(days), compare=True) if days and min(days) <= yesterday else {}
	for definition in definitions:
		frappe.db.set_value(
			"Sales KPI", definition.name, "team_facts_through", yesterday, update_modified=False
		)
	if commit:
		frappe.db.commit()
		frappe.cache.set_value(RECONCILED_KEY, started)
	if repaired:
		frappe.log_error(
			title=_("Kept KPI facts repaired"),
			message="\n".join(f"{kpi}: {count} rows" for kpi, count in sorted(repaired.items())),
		)
	return repaired


def modified_from(definition, since) -> date | None:
	"""The earliest day the dated documents modified since `since` carry (a linked document's read
	fields reach the periods through its save, not looked for here: any customer is modified daily)."""
	days = []
	for doctype, (dates, _others) in reads(definition).items():
		table = frappe.qb.DocType(doctype)
		for field in dates:
			found = (
				frappe.qb.from_(table)
				.select(table[field])
				.where(table.modified >= since)
				.where(table[field].isnotnull())
				.orderby(table[field])
				.limit(1)
				.run(pluck=True)
			)
			if found:
				days.append(getdate(found[0]))
	return min(days, default=None)
