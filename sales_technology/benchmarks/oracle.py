"""The benchmark's oracle: every rep's fact of every KPI declared without a Python method, computed the
naive way (a `frappe.get_all` per rep and KPI, added up in Python), to check the engine against."""

from __future__ import annotations

import frappe
from frappe.utils import flt, getdate

from sales_technology.core.kpi_definition import parse_filters

# the aggregates the naive computation knows; the Python-method KPIs (new and current clients' amounts,
# churn, quality levels) have no declaration it could follow, and ratios are their parts'
MEASURED = {  # aggregate: (definition field, column alias) it reads
	"Count": (),
	"Sum": (("value_field", "value"),),
	"Average": (("value_field", "value"),),
	"Distinct Count": (("distinct_field", "distinct_value"),),
	"Average Days Between": (("start_date_field", "started"), ("end_date_field", "ended")),
	"Open at Date": (("value_field", "value"), ("distinct_field", "distinct_value")),
}
NAIVE_AGGREGATES = tuple(MEASURED)


def naive_kpis(kpis) -> list[str]:
	return frappe.get_all(
		"Sales KPI", filters={"name": ("in", kpis), "aggregate": ("in", NAIVE_AGGREGATES)}, pluck="name"
	)


def naive_facts(kpis, reps, start, end, company) -> dict:
	"""The same facts as code without the engine gets them: for every rep and KPI, a `frappe.get_all`
	of the rep's documents of the month (and what a dimension links to, looked up document by document),
	added up in Python. {(KPI, rep, dimension value): fact}"""
	users = dict(
		frappe.get_all(
			"Sales Person", filters={"name": ("in", reps)}, fields=["name", "st_user"], as_list=True
		)
	)
	facts = {}
	for kpi in naive_kpis(kpis):
		definition = frappe.get_doc("Sales KPI", kpi)
		for rep in reps:
			for dimension, value in naive_fact(definition, rep, users.get(rep), start, end, company).items():
				facts[(kpi, rep, dimension)] = value
	return facts


def naive_fact(definition, rep: str, user: str | None, start, end, company) -> dict[str, float]:
	"""One rep's fact of one KPI, by dimension value."""
	doctype = definition.source_doctype
	meta = frappe.get_meta(doctype)
	filters = [naive_filter(meta, *condition) for condition in parse_filters(definition.filters)]
	filters.append([doctype, "docstatus", "=", 1] if meta.is_submittable else [doctype, "docstatus", "<", 2])
	if meta.has_field("company"):
		filters.append([doctype, "company", "=", company])
	or_filters = None
	if definition.aggregate == "Open at Date":  # opened by the end of the month, not closed by then
		filters.append([doctype, definition.date_field, "<=", end])
		or_filters = [
			[doctype, definition.end_date_field, "is", "not set"],
			[doctype, definition.end_date_field, ">", end],
		]
	else:
		filters.append([doctype, definition.date_field, "between", [start, end]])

	fields = ["name"]
	share = None
	if definition.attribution == "Sales Team":
		filters.append(["Sales Team", "sales_person", "=", rep])
		share = "`tabSales Team`.allocated_percentage as share"
	elif definition.attribution == "Owner User":
		filters.append([doctype, definition.attribution_field, "=", user])
	elif "." in definition.attribution_field:  # the rep responsible for the linked document
		link, field = definition.attribution_field.split(".", 1)
		linked = frappe.get_meta(doctype).get_field(link).options
		filters.append([doctype, link, "in", frappe.get_all(linked, {field: rep}, pluck="name") or [""]])
	else:
		filters.append([doctype, definition.attribution_field, "=", rep])

	def column(path: str, alias: str) -> str:
		if "." not in path:
			return f"`tab{doctype}`.`{path}` as {alias}"
		child = meta.get_field(path.split(".", 1)[0]).options
		return f"`tab{child}`.`{path.split('.', 1)[1]}` as {alias}"

	dimension = definition.dimension_field if definition.dimension else None
	link_field = dimension.split(".", 1)[0] if dimension and "." in dimension else None
	by_link = link_field and meta.get_field(link_field).fieldtype not in frappe.model.table_fields
	if dimension:
		fields.append(column(link_field if by_link else dimension, "dimension"))
	for field, alias in MEASURED[definition.aggregate]:
		if definition.get(field):
			fields.append(column(definition.get(field), alias))
	if share:
		fields.append(share)
	rows = frappe.get_all(doctype, filters=filters, or_filters=or_filters, fields=fields)

	by_dimension: dict[str, list] = {}
	for row in rows:
		value = row.get("dimension")
		if by_link and value:  # one lookup per document, as a report without joins does
			value = frappe.db.get_value(meta.get_field(link_field).options, value, dimension.split(".", 1)[1])
		by_dimension.setdefault(value or "", []).append(row)
	facts = {}
	for value, group in by_dimension.items():
		if definition.aggregate == "Sum" or (
			definition.aggregate == "Open at Date" and definition.value_field
		):
			facts[value] = sum(flt(r.value) * (flt(r.share) / 100 if share else 1) for r in group)
		elif definition.aggregate == "Count":
			facts[value] = len({r.name for r in group})
		elif definition.aggregate in ("Distinct Count", "Open at Date"):
			facts[value] = len({r.distinct_value for r in group if r.distinct_value})
		elif definition.aggregate == "Average":
			facts[value] = sum(flt(r.value) for r in group) / len(group)
		elif definition.aggregate == "Average Days Between":
			days = [(getdate(r.ended) - getdate(r.started)).days for r in group]
			facts[value] = sum(days) / len(days)
	return facts


def naive_filter(meta, path: str, operator: str, value) -> list:
	"""A filter of `frappe.get_all`: on the document, on its child table's rows, or on the documents a
	Link names (looked up first, as code without joins does)."""
	if "." not in path:
		return [meta.name, path, operator, value]
	link, field = path.split(".", 1)
	options = meta.get_field(link)
	if options.fieldtype in frappe.model.table_fields:
		return [options.options, field, operator, value]
	names = frappe.get_all(options.options, filters={field: (operator, value)}, pluck="name")
	return [meta.name, link, "in", names or [""]]


def disagreements(facts, naive, kpis, reps, month_start) -> list[tuple[str, str, str]]:
	"""(KPI, rep, dimension value) where the engine and the per-rep computation differ, either way."""
	keys = set(naive) | {
		(kpi, rep, dimension)
		for kpi in kpis
		for (rep, _bucket, dimension), value in facts[kpi].items()
		if rep in reps and value
	}
	return sorted(
		key
		for key in keys
		if abs(flt(facts[key[0]].get((key[1], month_start, key[2]))) - flt(naive.get(key))) > 0.01
	)
