# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

"""Funnel Analysis: a funnel's stages for a node and a period (deals entered, moved on, won, the days
they spend, the amounts), by rep, group, segment or product, beside a second period or the node's team;
the stages where a rep converts more than the settings' gap below the reference are the training list
(seed 003: a change in the funnel's geometry shows where a seller lacks skill)."""

from __future__ import annotations

import json
from html import escape
from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.utils import flt, getdate

from sales_technology.activities.report_scope import report_nodes
from sales_technology.core.funnel_shape import StageFigures, previous_period, weak_stages
from sales_technology.deals.funnel_analysis import (
	Scope,
	StageRow,
	analyse,
	check_group_by,
	default_funnel,
	funnel_stages,
	stage_columns,
)
from sales_technology.shared.report_filters import clean_filters
from sales_technology.shared.settings import get_settings
from sales_technology.shared.validation import enforce

PREVIOUS_PERIOD, TEAM = "Previous Period", "Team"
PARTITIONS = ("Sales Person", "Market Segment")  # every step of the node has exactly one such key


def execute(filters: dict | None = None):
	filters = clean_filters(filters)
	validate_filters(filters)
	funnel = filters.funnel or default_funnel()
	if not funnel:
		frappe.throw(_("There is no Sales Funnel yet: create one first"))
	frappe.has_permission("Sales Funnel", "read", funnel, throw=True)
	stages = funnel_stages(funnel)
	order = [stage.sales_stage for stage in stages]
	nodes = report_nodes(filters.sales_person)
	node = nodes[0].name
	members = tuple(n.name for n in nodes)
	start, end = getdate(filters.from_date), getdate(filters.to_date)
	scope = Scope(funnel, node, members, start, end, filters.group_by or None)
	grouped, total = funnel_of(scope)

	compare = filters.compare_with or PREVIOUS_PERIOD
	reference_total, reference = {}, {}
	if compare == PREVIOUS_PERIOD:
		before = compare_period(filters, start, end)
		reference, reference_total = funnel_of(Scope(funnel, node, members, *before, scope.group_by))
	else:
		# the team: every key beside the node's own funnel of the same period
		reference = {(key, stage): total.get((node, stage)) for key, stage in grouped}

	data = build_rows(node, stages, total, reference_total, "")
	keys = sorted({key for key, _stage in grouped})
	for key in keys:
		data += build_rows(key, stages, grouped, reference, scope.group_by)
	gap = flt(get_settings().funnel_training_gap)
	compared = grouped or total
	references = reference or reference_total
	weak = enforce(
		weak_stages,
		{k: row.figures for k, row in compared.items()},
		{k: (row.figures if row else StageFigures()) for k, row in references.items()},
		gap,
		order,
	)
	flagged = {(w.key, w.stage) for w in weak}
	for row in data:
		# the node's own rows are the ones compared only when nothing groups the funnel
		row["weak"] = int((row.pop("raw_key"), row["stage"]) in flagged and (row["bold"] != bool(grouped)))
	message = training_list(weak, scope.group_by, gap, compare, filters)
	return (
		get_columns(compare, scope.group_by),
		data,
		message,
		get_chart(stages, total, reference_total, node),
		get_summary(stages, total, node, weak),
	)


def funnel_of(scope: Scope) -> tuple[dict, dict]:
	"""(the funnel by the scope's key, the node's own): where every step has exactly one key (a rep, a
	segment) the node's is their sum; a group leaves out the node's own deals and a deal of two
	products counts for each, so there the node's is read on its own."""
	if not scope.group_by:
		return {}, analyse(scope)
	grouped = analyse(scope)
	if scope.group_by in PARTITIONS:
		return grouped, summed(grouped, scope.node)
	return grouped, analyse(Scope(scope.funnel, scope.node, scope.members, scope.start, scope.end))


def summed(grouped: dict, node: str) -> dict:
	"""The keys' stage rows added up into the node's."""
	total: dict[tuple[str, str], StageRow] = {}
	for (_key, stage), row in grouped.items():
		into = total.setdefault((node, stage), StageRow(node, stage))
		into.entered += row.entered
		into.moved_on += row.moved_on
		into.won += row.won
		into.amount += row.amount
		into.days = into.days + row.days
	return total


def validate_filters(filters) -> None:
	if not (filters.from_date and filters.to_date):
		frappe.throw(_("Choose the period: From Date and To Date"))
	if getdate(filters.to_date) < getdate(filters.from_date):
		frappe.throw(_("To Date cannot be before From Date"))
	check_group_by(filters.group_by)
	if filters.compare_with and filters.compare_with not in (PREVIOUS_PERIOD, TEAM):
		frappe.throw(_("Compare with the previous period or with the team"))
	if filters.compare_with == TEAM and not filters.group_by:
		frappe.throw(_("Comparing with the team needs the funnel grouped: choose Group By"))


def compare_period(filters, start, end):
	if filters.compare_from_date and filters.compare_to_date:
		before = getdate(filters.compare_from_date), getdate(filters.compare_to_date)
		if before[1] < before[0]:
			frappe.throw(_("The period to compare with cannot end before it starts"))
		return before
	return enforce(previous_period, start, end)


def build_rows(key, stages, figures, reference, group_by) -> list[dict]:
	rows = []
	for stage in stages:
		own = figures.get((key, stage.sales_stage))
		theirs = reference.get((key, stage.sales_stage))
		row = {
			"raw_key": key,
			"key": key or _("(not set)"),
			"key_type": group_by or "Sales Person",
			"stage": stage.sales_stage,
			"is_key_stage": stage.is_key_stage,
			"expected_days": stage.expected_days,
			**stage_columns(own),
			"reference_entered": theirs.entered if theirs else None,
			"reference_conversion": theirs.figures.conversion if theirs else None,
		}
		if row["conversion"] is not None and row["reference_conversion"] is not None:
			row["conversion_change"] = round(row["conversion"] - row["reference_conversion"], 1)
		row["bold"] = not group_by
		rows.append(row)
	return rows


def training_list(weak, group_by, gap, compare, filters) -> str | None:
	"""The stages to train, as the message under the report, with a Corrective Decision per rep."""
	if not weak:
		return None
	against = _("the team") if compare == TEAM else _("the period before")
	items = []
	for stage in weak:
		line = _("{0}: {1} converts {2} % against {3} % of {4}").format(
			escape(_(stage.stage)), escape(stage.key), stage.conversion, stage.reference, against
		)
		if group_by in (None, "", "Sales Person", "Group") and frappe.has_permission(
			"Corrective Decision", "create"
		):
			query = urlencode(
				{
					"sales_person": stage.key,
					"problem_kpi": "STAGE_CONVERSION",
					"problem_fact": stage.conversion,
					"problem_target": stage.reference,
					"decision_type": "Training",
					"problem": _("Conversion of the stage {0}: {1} % against {2} %").format(
						_(stage.stage), stage.conversion, stage.reference
					),
				}
			)
			line += f' — <a href="/app/corrective-decision/new?{query}">{escape(_("Open a Corrective Decision"))}</a>'
		items.append(f"<li>{line}</li>")
	title = _("Training list: conversion more than {0} points below the reference").format(gap)
	return f"<p><b>{escape(title)}</b></p><ul>{''.join(items)}</ul>{plan_training_links(weak, group_by, filters)}"


def plan_training_links(weak, group_by, filters) -> str:
	"""Per weak stage, one click for a training of the reps who convert it below the reference, each
	with the conversion that sent him (the report's JS calls `plan_training_for_stage`)."""
	if group_by != "Sales Person" or not frappe.has_permission("Sales Training", "create"):
		return ""
	by_stage: dict[str, dict[str, float]] = {}
	for stage in weak:
		by_stage.setdefault(stage.stage, {})[stage.key] = stage.conversion
	links = []
	for stage, reps in by_stage.items():
		data = {
			"stage": stage,
			"reps": json.dumps(sorted(reps)),
			"conversions": json.dumps(reps),
			"from-date": str(filters.from_date),
			"to-date": str(filters.to_date),
		}
		attributes = " ".join(f'data-{key}="{escape(value, quote=True)}"' for key, value in data.items())
		label = _("Plan a training in {0} for {1}").format(_(stage), ", ".join(sorted(reps)))
		links.append(f'<li><a href="#" class="st-plan-training" {attributes}>{escape(label)}</a></li>')
	return f"<ul>{''.join(links)}</ul>"


def get_columns(compare: str, group_by: str | None) -> list[dict]:
	reference = _("Team") if compare == TEAM else _("Before")
	key_label = _(group_by) if group_by else _("Sales Person")
	key_type = {
		"Sales Person": "Sales Person",
		"Group": "Sales Person",
		"Market Segment": "Market Segment",
		"Product": "Item Group",
	}
	return [
		{
			"fieldname": "key",
			"label": key_label,
			"fieldtype": "Link",
			"options": key_type.get(group_by or "Sales Person", "Sales Person"),
			"width": 170,
		},
		{
			"fieldname": "stage",
			"label": _("Stage"),
			"fieldtype": "Link",
			"options": "Sales Stage",
			"width": 220,
		},
		{"fieldname": "is_key_stage", "label": _("Key Stage"), "fieldtype": "Check", "width": 80},
		{"fieldname": "entered", "label": _("Entered"), "fieldtype": "Int", "width": 90},
		{"fieldname": "moved_on", "label": _("Moved On"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "conversion",
			"label": _("Conversion, %"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 110,
		},
		{"fieldname": "won", "label": _("Won"), "fieldtype": "Int", "width": 70},
		{"fieldname": "to_won", "label": _("To Won, %"), "fieldtype": "Float", "precision": 1, "width": 100},
		{
			"fieldname": "median_days",
			"label": _("Median Days"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 100,
		},
		{
			"fieldname": "p80_days",
			"label": _("80th Percentile Days"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 120,
		},
		{"fieldname": "expected_days", "label": _("Expected Days"), "fieldtype": "Int", "width": 100},
		{"fieldname": "amount", "label": _("Amount"), "fieldtype": "Currency", "width": 140},
		{
			"fieldname": "reference_entered",
			"label": _("Entered: {0}").format(reference),
			"fieldtype": "Int",
			"width": 110,
		},
		{
			"fieldname": "reference_conversion",
			"label": _("Conversion, %: {0}").format(reference),
			"fieldtype": "Float",
			"precision": 1,
			"width": 140,
		},
		{
			"fieldname": "conversion_change",
			"label": _("Change, Points"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 110,
		},
		{"fieldname": "weak", "label": _("To Train"), "fieldtype": "Check", "width": 80},
	]


def get_chart(stages, total, reference_total, node) -> dict:
	labels = [_(stage.sales_stage) for stage in stages]
	datasets = [
		{
			"name": _("Entered"),
			"values": [(total.get((node, s.sales_stage)) or _empty()).entered for s in stages],
		}
	]
	if reference_total:
		datasets.append(
			{
				"name": _("Entered: {0}").format(_("Before")),
				"values": [(reference_total.get((node, s.sales_stage)) or _empty()).entered for s in stages],
			}
		)
	return {"data": {"labels": labels, "datasets": datasets}, "type": "bar", "barOptions": {"stacked": 0}}


def _empty() -> StageRow:
	return StageRow("", "")


def get_summary(stages, total, node, weak) -> list[dict]:
	key_stage = next((s.sales_stage for s in stages if s.is_key_stage), None)
	first = total.get((node, stages[0].sales_stage)) if stages else None
	summary = [
		{"label": _("Entries into the Funnel"), "value": first.entered if first else 0, "datatype": "Int"},
		{"label": _("Of Them Won"), "value": first.won if first else 0, "datatype": "Int"},
	]
	if key_stage:
		figures = total.get((node, key_stage))
		summary.append(
			{
				"label": _("Key Stage: {0}").format(_(key_stage)),
				"value": (figures.figures.conversion if figures else None) or 0,
				"datatype": "Percent",
				"indicator": "Blue",
			}
		)
	summary.append(
		{
			"label": _("Stages to Train"),
			"value": len(weak),
			"datatype": "Int",
			"indicator": "Red" if weak else "Green",
		}
	)
	return summary
