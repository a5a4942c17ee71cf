"""Each KPI's facts kept per Sales Person and day, and per Sales Person and month (`Sales KPI Fact`), so
that a plan against fact costs people × KPIs × days (or months), not the documents of the period.

A KPI's rows are written from its documents by one INSERT … SELECT per grain (the engine's own source
query, grouped by Sales Person and day or month instead of by node and bucket): all of them when the KPI
is rebuilt, the days a document touched, and their months, when it changes. A change marks the days
(its date before and after, for every kept KPI reading its doctype) and, once the transaction commits, a
queued job rewrites them: the save pays for a few dictionary look-ups. The nightly reconciliation
rewrites yesterday and the days of the documents modified since, and logs what it had to repair. The
engine reads the kept rows only for a KPI rebuilt under its present computation (`facts_are_kept`);
otherwise, and for ratios' parts that are not kept, for Python methods and for what is open at a date,
it queries the documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.query_builder.terms import NamedParameterWrapper
from frappe.utils import add_days, getdate, now_datetime
from pypika import CustomFunction
from pypika.terms import ValueWrapper

from sales_technology.core.kpi_definition import (
	AVERAGE_DAYS_BETWEEN,
	COUNT,
	KEPT_AVERAGE,
	KEPT_DISTINCT,
	PATH_FIELDS,
	SUM,
	computation_signature,
	kept_kind,
	parse_filters,
)
from sales_technology.core.periods import PeriodType, consecutive_ranges, period_containing
from sales_technology.kpi import period_facts
from sales_technology.kpi.buckets import bucket_start
from sales_technology.kpi.commit_marks import CommitMarks
from sales_technology.kpi.engine import (
	TEAM_FACT,
	TEAM_PERIODS,
	KPIEngineError,
	load_definition,
	source_query,
)
from sales_technology.shared.org_structure import sales_person_tree_signature

FACT = "Sales KPI Fact"
SOURCES_CACHE_KEY = "sales_technology:kept_fact_sources"
LINKS_CACHE_KEY = "sales_technology:kept_fact_links"

_Date = CustomFunction("DATE", ["value"])
_DateDiff = CustomFunction("DATEDIFF", ["end", "start"])


def kept_definitions(codes: Iterable[str] | None = None) -> list[frappe._dict]:
	"""The Sales KPIs whose facts can be kept, ready to compute."""
	filters = {"aggregate": ("is", "set")}
	if codes is not None:
		filters["name"] = ("in", list(codes) or [""])
	rows = frappe.get_all("Sales KPI", filters=filters, fields=["*"], order_by="name")
	definitions = []
	for row in rows:
		if not kept_kind(row):
			continue
		try:
			definitions.append(load_definition(row.name, row))
		except KPIEngineError:
			continue  # a KPI the engine refuses is refused when asked for, not kept
	return definitions


def fact_rows(definition, start: date | None = None, end: date | None = None, per_month: bool = False):
	"""One SELECT of the KPI's rows per Sales Person, company, day (or month, on its first day),
	dimension value and distinct value, from its documents, for the days from `start` to `end` (all of
	them without; whole months for `per_month`)."""
	kind = kept_kind(definition)
	source = source_query(definition)
	doc, query = source.doc, source.query
	company = doc.company if source.meta.has_field("company") else ValueWrapper("")
	dimension = Coalesce(source.dimension, "") if source.dimension is not None else ValueWrapper("")

	def in_days(query, column):
		if start:
			query = query.where(column >= start)
		if end:
			query = query.where(column < end + timedelta(days=1))
		return query

	def select(query, day, value_key, total, counted):
		groups = [source.person, company, day, dimension, *([value_key] if kind == KEPT_DISTINCT else [])]
		return query.select(
			source.person.as_("sales_person"),
			company.as_("company"),
			day.as_("day"),
			dimension.as_("dimension"),
			value_key.as_("value_key"),
			total.as_("total"),
			counted.as_("counted"),
		).groupby(*groups)

	measured = source.measured
	day_column = doc[definition.date_field]
	query = in_days(query, day_column)
	day = bucket_start(day_column, PeriodType.MONTH) if per_month else _Date(day_column)
	if kind == KEPT_DISTINCT:
		value_key = measured.get("distinct_field", doc.name)
		query = query.where(value_key.isnotnull())
		return select(query, day, value_key, ValueWrapper(0), Count(doc.name))
	if kind == KEPT_AVERAGE:
		if definition.aggregate == AVERAGE_DAYS_BETWEEN:
			measure = _DateDiff(measured["end_date_field"], measured["start_date_field"])
		else:
			measure = measured["value_field"]
		return select(query, day, ValueWrapper(""), Sum(measure), Count(measure))
	if definition.aggregate == SUM:
		total = Sum(_shared(measured["value_field"], source.share))
	elif definition.aggregate == COUNT:
		total = Count(doc.name).distinct()
	else:
		frappe.throw(_("KPI {0} cannot be kept").format(definition.name))
	return select(query, day, ValueWrapper(""), Coalesce(total, 0), Count(doc.name))


def _shared(value, share):
	return value * share if share is not None else value


def write_rows(definition, start: date | None = None, end: date | None = None) -> None:
	"""Replace the KPI's kept rows of the days (all days without `start`), and of the months they fall
	in, by those of its documents; then its teams' rows of the weeks, months, quarters and years."""
	first_month = period_containing(start, PeriodType.MONTH).start if start else None
	last_month = period_containing(end, PeriodType.MONTH).end if end else None
	_write(definition, start, end, per_month=False)
	_write(definition, first_month, last_month, per_month=True)
	write_team_rows(definition, start, end)


def _write(definition, start: date | None, end: date | None, per_month: bool) -> None:
	fact = frappe.qb.DocType(FACT)
	condition = (fact.kpi == definition.name) & (fact.per_month == int(per_month))
	if start:
		condition &= fact.day >= start
	if end:
		condition &= fact.day <= end
	frappe.qb.from_(fact).delete().where(condition).run()
	collector = NamedParameterWrapper()
	select = fact_rows(definition, start, end, per_month).get_sql(param_wrapper=collector)
	# the name is the row's key, so that two jobs rewriting the same day meet on it instead of doubling it
	frappe.db.sql(
		f"""insert into `tab{FACT}`
			(name, kpi, per_month, sales_person, company, day, dimension, value_key, total, counted,
			creation, modified, owner, modified_by, docstatus, idx)
		select sha1(concat_ws('|', %(kept_kpi)s, %(per_month)s, kept.sales_person, kept.company, kept.day,
				kept.dimension, kept.value_key)),
			%(kept_kpi)s, %(per_month)s, kept.sales_person, kept.company, kept.day, kept.dimension,
			kept.value_key, kept.total, kept.counted, now(6), now(6), 'Administrator', 'Administrator', 0, 0
		from ({select}) kept
		on duplicate key update total = values(total), counted = values(counted),
			modified = values(modified)""",  # nosemgrep: the select is the query builder's, with parameters
		{**collector.get_parameters(), "kept_kpi": definition.name, "per_month": int(per_month)},
	)


def write_team_rows(definition, start: date | None = None, end: date | None = None) -> None:
	"""Replace the KPI's rows of every node with its whole team (`Sales KPI Team Fact`) for the weeks,
	months, quarters and years touching the days (all of them without `start`), from the people's kept
	rows: a node's fact is then read as one row, whatever the size of its team or the number of clients
	it counts. A client is counted once per node and period, as the engine counts him."""
	company_kept = frappe.get_meta(definition.source_doctype).has_field("company")
	for period_type in TEAM_PERIODS:
		first = period_containing(start, period_type).start if start else None
		last = period_containing(end, period_type).end if end else None
		team = frappe.qb.DocType(TEAM_FACT)
		condition = (team.kpi == definition.name) & (team.period_type == period_type.value)
		if first:
			condition &= (team.period_start >= first) & (team.period_start <= last)
		frappe.qb.from_(team).delete().where(condition).run()
		# a company's own rows, and every company's together ("" where the documents have no company)
		for per_company in (True, False) if company_kept else (True,):
			_write_team(definition, period_type, first, last, per_company, company_kept)


def _write_team(definition, period_type: PeriodType, first, last, per_company: bool, company_kept: bool):
	collector = NamedParameterWrapper()
	select = team_rows(definition, period_type, first, last, per_company, company_kept).get_sql(
		param_wrapper=collector
	)
	frappe.db.sql(
		f"""insert into `tab{TEAM_FACT}`
			(name, kpi, period_type, sales_person, company, period_start, dimension, total, counted,
			creation, modified, owner, modified_by, docstatus, idx)
		select sha1(concat_ws('|', %(kept_kpi)s, %(period_type)s, team.sales_person, team.company,
				team.period_start, team.dimension)),
			%(kept_kpi)s, %(period_type)s, team.sales_person, team.company, team.period_start,
			team.dimension, team.total, team.counted, now(6), now(6), 'Administrator', 'Administrator', 0, 0
		from ({select}) team
		on duplicate key update total = values(total), counted = values(counted),
			modified = values(modified)""",  # nosemgrep: the select is the query builder's, with parameters
		{**collector.get_parameters(), "kept_kpi": definition.name, "period_type": period_type.value},
	)


def team_rows(definition, period_type: PeriodType, first, last, per_company: bool, company_kept: bool):
	"""One SELECT of the KPI's rows per node, company (or "" for every company), period and dimension
	value, rolled up from the people's kept rows of the periods from `first` to `last` (all without)."""
	fact = frappe.qb.DocType(FACT)
	person = frappe.qb.DocType("Sales Person").as_("person")
	member = frappe.qb.DocType("Sales Person").as_("member")
	# every node beside every Sales Person of its subtree, made once (DISTINCT) and joined by equality
	tree = (
		frappe.qb.from_(person)
		.join(member)
		.on((member.lft >= person.lft) & (member.rgt <= person.rgt))
		.select(person.name.as_("node"), member.name.as_("member"))
		.distinct()
	).as_("tree")
	period_start = bucket_start(fact.day, period_type)
	company = fact.company if per_company else ValueWrapper("")
	total = Count(fact.value_key).distinct() if kept_kind(definition) == KEPT_DISTINCT else Sum(fact.total)
	query = (
		frappe.qb.from_(fact)
		.join(tree)
		.on(tree.member == fact.sales_person)
		.where(fact.kpi == definition.name)
		.where(fact.per_month == int(period_type is not PeriodType.WEEK))
		.select(
			tree.node.as_("sales_person"),
			company.as_("company"),
			period_start.as_("period_start"),
			fact.dimension.as_("dimension"),
			total.as_("total"),
			Sum(fact.counted).as_("counted"),
		)
		.groupby(tree.node, *([fact.company] if per_company else []), period_start, fact.dimension)
	)
	if first:
		query = query.where((fact.day >= first) & (fact.day <= last))
	if per_company and company_kept:
		query = query.where(fact.company.isnotnull() & (fact.company != ""))
	return query


def rebuild_team_rows(codes: Iterable[str] | None = None) -> list[str]:
	"""Every kept KPI's team rows rolled up again from its people's rows under the present tree (a rep
	moved to another group, a group added): until then the engine reads the people's rows."""
	signature = sales_person_tree_signature()
	rebuilt = []
	for definition in kept_definitions(codes):
		if definition.get("kept_signature") != computation_signature(definition):
			continue  # its people's rows are being rebuilt, which rolls the team rows up too
		write_team_rows(definition)
		frappe.db.set_value(
			"Sales KPI", definition.name, "team_tree_signature", signature, update_modified=False
		)
		rebuilt.append(definition.name)
	return rebuilt


def tree_changed(doc, method: str | None = None) -> None:
	"""A Sales Person added, moved, renamed or deleted: the team rows rolled up again in the background
	(the engine reads the people's rows meanwhile, since the tree's signature differs)."""
	if method == "on_update" and not doc.has_value_changed("parent_sales_person"):
		return
	for job in ("kept_facts.rebuild_team_rows", "period_facts.rebuild"):
		frappe.enqueue(
			f"sales_technology.kpi.{job}",
			queue="long",
			timeout=3600,
			job_id=f"st-team-facts-{job}",
			deduplicate=True,
			enqueue_after_commit=True,
		)


def rebuild(codes: Iterable[str] | None = None, progress: bool = False) -> list[str]:
	"""Rewrite every kept KPI's rows (or those of `codes`) from the documents and mark them current;
	returns the KPIs rebuilt."""
	definitions = kept_definitions(codes)
	signature = sales_person_tree_signature()
	if codes is None:
		# KPIs no longer kept (their computation changed to one that cannot be): no rows, no date; the
		# facts of ended periods are period_facts' own
		kept = [definition.name for definition in definitions] or [""]
		frappe.db.delete(FACT, {"kpi": ("not in", kept)})
		kept += [definition.name for definition in period_facts.period_definitions()]
		frappe.db.delete(TEAM_FACT, {"kpi": ("not in", kept)})
		for name in frappe.get_all(
			"Sales KPI", filters={"name": ("not in", kept), "kept_signature": ("is", "set")}, pluck="name"
		):
			frappe.db.set_value(
				"Sales KPI",
				name,
				{"kept_signature": None, "facts_rebuilt_at": None, "team_tree_signature": None},
				update_modified=False,
			)
	for number, definition in enumerate(definitions, 1):
		write_rows(definition)
		frappe.db.set_value(
			"Sales KPI",
			definition.name,
			{
				"kept_signature": computation_signature(definition),
				"facts_rebuilt_at": now_datetime(),
				"team_tree_signature": signature,
			},
			update_modified=False,
		)
		if progress:
			frappe.publish_progress(
				number * 100 / len(definitions),
				title=_("Keeping the KPI facts"),
				description=_("{0} of {1}: {2}").format(number, len(definitions), definition.name),
			)
	forget_sources()
	return [definition.name for definition in definitions]


@frappe.whitelist()
def start_rebuild(kpi: str | None = None) -> None:
	"""Queue the rebuild of the kept facts (of one KPI, or all) with a progress bar for who started it."""
	# not frappe.only_for, which lets anyone through while tests run
	if not {"Sales Head", "System Manager"} & set(frappe.get_roles()):
		frappe.throw(
			_("Only the Sales Head or a System Manager rebuilds the kept facts"), frappe.PermissionError
		)
	frappe.enqueue(
		"sales_technology.kpi.kept_facts.rebuild_job",
		queue="long",
		timeout=3600,
		job_id=f"st-kept-facts-{kpi or 'all'}",
		deduplicate=True,
		codes=[kpi] if kpi else None,
	)
	frappe.msgprint(_("The KPI facts are being rebuilt in the background"), alert=True)


def rebuild_job(codes: list[str] | None = None) -> None:
	rebuilt = rebuild(codes, progress=True)
	rebuilt += period_facts.rebuild(codes, progress=True)
	frappe.publish_realtime(
		"msgprint",
		_("The facts of {0} KPIs are kept again").format(len(rebuilt)),
		user=frappe.session.user,
	)


def queue_stale_rebuilds() -> None:
	"""After a migration: the KPIs whose computation changed, or were never kept, rebuilt in the
	background (a large department's documents take minutes); the kept ones whose team rows were rolled
	up under another tree, or never, rolled up again."""
	definitions = kept_definitions()
	stale = [d.name for d in definitions if d.get("kept_signature") != computation_signature(d)]
	if stale:
		frappe.enqueue(
			"sales_technology.kpi.kept_facts.rebuild",
			queue="long",
			timeout=3600,
			job_id="st-kept-facts-stale",
			deduplicate=True,
			codes=stale,
		)
	signature = sales_person_tree_signature()
	teams = [d.name for d in definitions if d.name not in stale and d.get("team_tree_signature") != signature]
	if teams:
		frappe.enqueue(
			"sales_technology.kpi.kept_facts.rebuild_team_rows",
			queue="long",
			timeout=3600,
			job_id="st-team-facts-stale",
			deduplicate=True,
			codes=teams,
		)
	if ended := period_facts.stale():
		frappe.enqueue(
			"sales_technology.kpi.period_facts.rebuild",
			queue="long",
			timeout=3600,
			job_id="st-period-facts-stale",
			deduplicate=True,
			codes=ended,
		)


# --- the event path ---


def kept_sources() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
	"""{source doctype: [(KPI, the date fields whose days its rows sit on)]} of the KPIs kept now."""

	def read():
		sources: dict[str, list] = {}
		for definition in kept_definitions():
			if definition.get("kept_signature") != computation_signature(definition):
				continue
			sources.setdefault(definition.source_doctype, []).append(
				(definition.name, (definition.date_field,))
			)
		return sources

	return frappe.cache.get_value(SOURCES_CACHE_KEY, read)


def kept_links() -> dict[str, list[tuple[str, str, str, str, str]]]:
	"""{linked doctype: [(KPI, source doctype, link field, field of the linked document, date field)]} of
	the KPIs kept now that read a field one Link away (a claim counted for its customer's responsible
	Sales Person, an order by its customer's segment): a change of that field moves facts of the source
	documents that link the changed document."""

	def read():
		links: dict[str, list] = {}
		for definition in kept_definitions():
			if definition.get("kept_signature") != computation_signature(definition):
				continue
			meta = frappe.get_meta(definition.source_doctype)
			paths = [str(definition.get(field)) for field in PATH_FIELDS if definition.get(field)]
			paths += [str(row[0]) for row in parse_filters(definition.get("filters"), definition.name)]
			for path in sorted({path for path in paths if "." in path}):
				link, target = path.split(".", 1)
				field = meta.get_field(link)
				if field and field.fieldtype == "Link":
					links.setdefault(field.options, []).append(
						(definition.name, definition.source_doctype, link, target, definition.date_field)
					)
		return links

	return frappe.cache.get_value(LINKS_CACHE_KEY, read)


def forget_sources() -> None:
	frappe.cache.delete_value(SOURCES_CACHE_KEY)
	frappe.cache.delete_value(LINKS_CACHE_KEY)


def mark_changed(doc, method: str | None = None) -> None:
	"""A KPI source saved, submitted, cancelled or deleted: the days its kept facts sit on, before and
	after the change, rewritten once the transaction commits. A document a kept KPI reads one Link away
	(a customer) whose read field changed: the days of the source documents that link it."""
	kept = kept_sources().get(doc.doctype)
	linked = kept_links().get(doc.doctype)
	if not (kept or linked):
		return
	before = doc.get_doc_before_save() if method != "on_trash" else None
	for kpi, fields in kept or ():
		for version in (doc, before):
			for field in fields if version is not None else ():
				if value := version.get(field):
					pending_marks().setdefault(kpi, set()).add(str(getdate(value)))
	if before is None and method != "on_trash":
		return  # a new document: nothing links it yet
	for kpi, source, link, target, date_field in linked or ():
		if before is not None and before.get(target) == doc.get(target):
			continue  # every save of a customer would otherwise look up its documents
		table = frappe.qb.DocType(source)
		days = (
			frappe.qb.from_(table)
			.select(_Date(table[date_field]).as_("day"))
			.distinct()
			.where(table[link] == doc.name)
			.where(table[date_field].isnotnull())
			.run(pluck="day")
		)
		if days:
			pending_marks().setdefault(kpi, set()).update(str(getdate(day)) for day in days)


def mark_days(doctype: str, days) -> None:
	"""Days of a source doctype whose documents changed without their own save (a field a rule rewrote
	on them), for every kept KPI reading it."""
	days = {str(getdate(day)) for day in days if day}
	for kpi, _fields in kept_sources().get(doctype, ()) if days else ():
		pending_marks().setdefault(kpi, set()).update(days)


# the days this transaction marked, rewritten by a queued job once it commits
MARKS = CommitMarks(
	"st_kept_marks",
	"sales_technology.kpi.kept_facts.refresh_days",
	lambda marks: {kpi: sorted(days) for kpi, days in marks.items()},
)


def pending_marks() -> dict[str, set[str]]:
	return MARKS.pending()


def refresh_marked() -> dict[str, list[str]]:
	"""The marks of this transaction rewritten now, without waiting for the commit (tests, scripts)."""
	marks = MARKS.take()
	refresh_days(marks)
	return marks


def refresh_days(marks: dict[str, list[str]]) -> None:
	"""Rewrite the marked days of each KPI from its documents."""
	definitions = {d.name: d for d in kept_definitions(marks)}
	for kpi, days in marks.items():
		definition = definitions.get(kpi)
		if not definition or definition.get("kept_signature") != computation_signature(definition):
			continue  # no longer kept, or waiting for its rebuild
		for first, last in consecutive_ranges(getdate(day) for day in days):
			write_rows(definition, first, last)


# --- the nightly reconciliation ---


RECONCILED_KEY = "sales_technology:kept_facts_reconciled_at"


def reconcile(since=None, commit: bool = True) -> dict[str, int]:
	"""Yesterday, and every day of the documents modified since each KPI was last reconciled, recomputed
	from the documents; where the kept rows differ they are rewritten and the difference logged. Each
	KPI is committed and remembered when done, so that a run stopped half-way is resumed by the next
	from the KPIs it had not reached. Returns {KPI: rows repaired}."""
	started = now_datetime()
	repaired: dict[str, int] = {}
	for definition in kept_definitions():
		if definition.get("kept_signature") != computation_signature(definition):
			continue
		last = since or frappe.cache.hget(RECONCILED_KEY, definition.name) or add_days(started, -1)
		days = changed_days(definition, last) | {getdate(add_days(started, -1))}
		for first, last_day in consecutive_ranges(days):
			differences = compare(definition, first, last_day)
			if differences:
				write_rows(definition, first, last_day)
				repaired[definition.name] = repaired.get(definition.name, 0) + differences
		if commit:
			frappe.db.commit()  # each KPI's repair stands even if a later one fails
			frappe.cache.hset(RECONCILED_KEY, definition.name, started)
	if repaired:
		frappe.log_error(
			title=_("Kept KPI facts repaired"),
			message="\n".join(f"{kpi}: {count} rows" for kpi, count in sorted(repaired.items())),
		)
	return repaired


def changed_days(definition, since) -> set[date]:
	"""The days the kept rows of the documents modified since `since` sit on."""
	doc = frappe.qb.DocType(definition.source_doctype)
	field = doc[definition.date_field]
	rows = (
		frappe.qb.from_(doc)
		.select(_Date(field).as_("day"))
		.distinct()
		.where(doc.modified >= since)
		.where(field.isnotnull())
		.run(pluck="day")
	)
	return {getdate(day) for day in rows}


def compare(definition, first: date, last: date) -> int:
	"""How many kept rows of the days, and of the months they fall in, differ from the documents'
	(missing, extra or another value); where the people's rows agree, how many team rows of the periods
	touching the days differ from what those rows roll up to."""
	first_month = period_containing(first, PeriodType.MONTH).start
	last_month = period_containing(last, PeriodType.MONTH).end
	differences = 0
	for per_month, start, end in ((0, first, last), (1, first_month, last_month)):
		fresh = {
			row_key(row): (round(float(row.total or 0), 6), int(row.counted or 0))
			for row in fact_rows(definition, start, end, bool(per_month)).run(as_dict=True)
		}
		kept = {
			row_key(row): (round(float(row.total or 0), 6), int(row.counted or 0))
			for row in frappe.get_all(
				FACT,
				filters={"kpi": definition.name, "per_month": per_month, "day": ("between", [start, end])},
				fields=["sales_person", "company", "day", "dimension", "value_key", "total", "counted"],
			)
		}
		differences += len({key for key in fresh.keys() | kept.keys() if fresh.get(key) != kept.get(key)})
	return differences or compare_teams(definition, first, last)


def compare_teams(definition, first: date, last: date) -> int:
	"""How many team rows of the periods touching the days differ from the people's rows rolled up."""
	company_kept = frappe.get_meta(definition.source_doctype).has_field("company")
	differences = 0
	for period_type in TEAM_PERIODS:
		start = period_containing(first, period_type).start
		end = period_containing(last, period_type).end
		fresh = {}
		for per_company in (True, False) if company_kept else (True,):
			for row in team_rows(definition, period_type, start, end, per_company, company_kept).run(
				as_dict=True
			):
				fresh[team_key(row)] = (round(float(row.total or 0), 6), int(row.counted or 0))
		kept = {
			team_key(row): (round(float(row.total or 0), 6), int(row.counted or 0))
			for row in frappe.get_all(
				TEAM_FACT,
				filters={
					"kpi": definition.name,
					"period_type": period_type.value,
					"period_start": ("between", [start, end]),
				},
				fields=["sales_person", "company", "period_start", "dimension", "total", "counted"],
			)
		}
		differences += len({key for key in fresh.keys() | kept.keys() if fresh.get(key) != kept.get(key)})
	return differences


def team_key(row) -> tuple:
	return (row.sales_person, row.company or "", str(getdate(row.period_start)), row.dimension or "")


def row_key(row) -> tuple:
	return (
		row.sales_person,
		row.company or "",
		str(getdate(row.day)),
		row.dimension or "",
		row.value_key or "",
	)
