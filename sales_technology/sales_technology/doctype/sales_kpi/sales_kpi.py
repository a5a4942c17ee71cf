# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from sales_technology.core.kpi_definition import (
	PATH_FIELDS,
	PYTHON_METHOD,
	RATIO,
	check_child_rows,
	check_definition,
	check_sources,
	computation_signature,
	kept_kind,
	parse_filters,
)
from sales_technology.core.periods import PeriodType
from sales_technology.kpi import kept_facts, period_facts
from sales_technology.kpi.engine import allowed_method, field_exists, reached_doctypes
from sales_technology.shared.validation import SalesRuleError, enforce

PERIOD_FIELDS = {
	"Year": "for_year",
	"Quarter": "for_quarter",
	"Month": "for_month",
	"Week": "for_week",
	"Day": "for_day",
}


class KPIDefinitionInvalid(SalesRuleError):
	pass


class SalesKPI(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		additive: DF.Check
		aggregate: DF.Literal[
			"",
			"Count",
			"Sum",
			"Average",
			"Distinct Count",
			"Open at Date",
			"Ratio",
			"Average Days Between",
			"Python Method",
		]
		attribution: DF.Literal["", "Sales Team", "Owner User", "Sales Person Field"]
		attribution_field: DF.Data | None
		category: DF.Literal["Result", "Quality", "Pipeline", "Activity", "Conversion", "Duration"]
		code: DF.Data
		date_field: DF.Data | None
		denominator_kpi: DF.Link | None
		description: DF.SmallText | None
		dimension: DF.Literal[
			"", "Market Segment", "Item Group", "Customer Group", "Territory", "Sales Stage"
		]
		dimension_field: DF.Data | None
		direction: DF.Literal["Higher is better", "Lower is better"]
		distinct_field: DF.Data | None
		enabled: DF.Check
		end_date_field: DF.Data | None
		filters: DF.Code | None
		for_day: DF.Check
		for_month: DF.Check
		for_quarter: DF.Check
		for_week: DF.Check
		for_year: DF.Check
		facts_rebuilt_at: DF.Datetime | None
		is_standard: DF.Check
		kept_signature: DF.Data | None
		kpi_name: DF.Data
		method: DF.Data | None
		numerator_kpi: DF.Link | None
		seed_name: DF.Data | None
		source_doctype: DF.Link | None
		start_date_field: DF.Data | None
		team_facts_through: DF.Date | None
		team_tree_signature: DF.Data | None
		unit: DF.Literal["Count", "Currency", "Percent", "Days", "Score"]
		value_field: DF.Data | None
	# end: auto-generated types

	def before_insert(self) -> None:
		# before naming: the code is the name
		self.code = (self.code or "").strip().upper()

	def validate(self) -> None:
		enforce(check_definition, self.as_definition(), exc=KPIDefinitionInvalid)
		self.validate_fields_exist()
		if self.aggregate and self.aggregate not in (RATIO, PYTHON_METHOD) and self.source_doctype:
			enforce(
				check_sources,
				self.code or self.name,
				self.source_doctype,
				reached_doctypes(self),
				exc=KPIDefinitionInvalid,
			)
		if self.aggregate == PYTHON_METHOD:
			allowed_method(self.method)
		if self.kept_signature and self.kept_signature != computation_signature(self):
			# kept under another computation: read from the documents until rebuilt
			self.kept_signature, self.facts_rebuilt_at, self.team_tree_signature = None, None, None
			self.team_facts_through = None

	def on_update(self) -> None:
		kept_facts.forget_sources()
		period_facts.forget_sources()
		if self.kept_signature or frappe.flags.in_install:
			return
		if kept_kind(self):
			rebuild = "sales_technology.kpi.kept_facts.rebuild"
		elif period_facts.kept_for_ended_periods(self):
			rebuild = "sales_technology.kpi.period_facts.rebuild"
		else:
			return
		frappe.enqueue(rebuild, queue="long", enqueue_after_commit=True, codes=[self.name])

	def after_delete(self) -> None:
		frappe.db.delete("Sales KPI Fact", {"kpi": self.name})
		frappe.db.delete("Sales KPI Team Fact", {"kpi": self.name})
		kept_facts.forget_sources()

	def on_trash(self) -> None:
		if self.is_standard and not frappe.flags.in_uninstall:
			frappe.throw(
				_("Sales KPI {0} is standard and cannot be deleted; disable it instead").format(
					frappe.bold(self.name)
				),
				exc=KPIDefinitionInvalid,
			)

	@property
	def periods(self) -> list[str]:
		return [period for period, fieldname in PERIOD_FIELDS.items() if self.get(fieldname)]

	def applies_to(self, period_type: str) -> bool:
		return bool(self.get(PERIOD_FIELDS[PeriodType(period_type).value]))

	def as_definition(self) -> dict:
		return {**self.as_dict(), "periods": self.periods}

	def validate_fields_exist(self) -> None:
		"""The fields a definition names must exist on its source doctype, or the engine would fail later."""
		if not self.aggregate or self.aggregate in (RATIO, PYTHON_METHOD) or not self.source_doctype:
			return
		meta = frappe.get_meta(self.source_doctype)
		for filtered, *_rest in parse_filters(self.filters, self.code):
			if not field_exists(meta, filtered):
				frappe.throw(
					_("{0} has no field {1} (used in the filters of KPI {2})").format(
						_(self.source_doctype), frappe.bold(filtered), self.code
					),
					exc=KPIDefinitionInvalid,
				)
		for fieldname in PATH_FIELDS:
			path = self.get(fieldname)
			if path and not field_exists(meta, path):
				frappe.throw(
					_("{0} has no field {1} (set as {2} of KPI {3})").format(
						_(self.source_doctype),
						frappe.bold(path),
						_(self.meta.get_label(fieldname)),
						self.code,
					),
					exc=KPIDefinitionInvalid,
				)
		child_tables = [
			field.fieldname for field in meta.fields if field.fieldtype in frappe.model.table_fields
		]
		enforce(check_child_rows, self.as_definition(), child_tables, exc=KPIDefinitionInvalid)
