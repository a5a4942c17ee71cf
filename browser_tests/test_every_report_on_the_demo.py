"""Every report of the workspace, opened as a position that may read it on the demo department, with the
filters it opens on: it has a figure that is not zero, in its rows or in the summary above them (a report
that opens on «Nothing to show» or on a table of zeros tells a new department nothing)."""

from __future__ import annotations

import re

import pytest
from conftest import open_report

WORKSPACE_REPORTS = (
	"Sales Plan Cascade",
	"Plan Fulfilment",
	"KPI Matrix",
	"Monthly KPI Snapshot",
	"Commercial Work Statistics",
	"Daily Report Discipline",
	"Open Agreements",
	"Meeting Discipline",
	"Corrective Decisions",
	"Review Discipline",
	"Funnel Analysis",
	"Client Product Matrix",
	"Commitment Funnel Figures",
	"Stale Deals",
	"Prospective Clients",
	"Development Matrix",
	"Headcount Plans Compared",
	"Lost to Competitors",
	"Cadence Progress",
	"Programme Progress",
	"Standards Read",
	"Talent Pool",
	"My Receivables",
	"Group Receivables",
	"Claims",
	"Partners",
	"Hospitality by Client",
	"Target Lists",
)
# what a rep reads of his own line and the demo gives him figures in
REPS_REPORTS = (
	"Plan Fulfilment",
	"KPI Matrix",
	"Commercial Work Statistics",
	"Daily Report Discipline",
	"Funnel Analysis",
	"Client Product Matrix",
	"Lost to Competitors",
	"My Receivables",
	"Claims",
	"Partners",
	"Hospitality by Client",
	"Target Lists",
)

NUMBERS_ON_SCREEN = """() => {
	const report = frappe.query_report;
	const numeric = new Set(["Int", "Float", "Currency", "Percent"]);
	const columns = report.columns
		.map((column, index) => ({ key: column.fieldname || column.id, index, type: column.fieldtype }))
		.filter((column) => numeric.has(column.type));
	const values = [];
	for (const row of report.data || []) {
		for (const column of columns) {
			const value = Array.isArray(row) ? row[column.index] : row[column.key];
			if (typeof value === "number" && value !== 0) values.push([column.key, value]);
		}
	}
	for (const figure of (report.raw_data && report.raw_data.report_summary) || []) {
		if (typeof figure.value === "number" && figure.value !== 0) values.push([figure.label, figure.value]);
	}
	return values;
}"""


# reports that show each figure as text in a row of its own (plans side by side): the row read
ROW_OF_FIGURES = {"Headcount Plans Compared": "Reps Needed"}
ROW_VALUES = """(label) => {
	const row = frappe.query_report.data.find((row) => row.measure === label) || {};
	return Object.entries(row).filter(([key]) => key !== "measure").map(([key, value]) => [key, value]);
}"""


def figures_of(page, report: str) -> list:
	"""The report's non-zero numbers, as the person sees it opened with its own default filters."""
	open_report(page, report)
	if report in ROW_OF_FIGURES:
		cells = page.evaluate(ROW_VALUES, ROW_OF_FIGURES[report])
		return [(key, value) for key, value in cells if re.fullmatch(r"[0-9]+", str(value)) and int(value)]
	return page.evaluate(NUMBERS_ON_SCREEN)


@pytest.mark.parametrize("report", WORKSPACE_REPORTS)
def test_the_head_finds_a_figure_in_every_report(login, report):
	page = login("head")
	assert figures_of(page, report), f"{report}: every figure is zero for the head"


@pytest.mark.parametrize("report", WORKSPACE_REPORTS)
def test_the_director_finds_a_figure_in_every_report(login, report):
	page = login("director")
	assert figures_of(page, report), f"{report}: every figure is zero for the director"


@pytest.mark.parametrize("report", REPS_REPORTS)
def test_a_rep_finds_his_figures(login, report):
	page = login("rep_a1")
	assert figures_of(page, report), f"{report}: every figure is zero for rep A1"
