"""The new rep's programme in the desk: his lead follows it, another group's lead is refused it."""

from __future__ import annotations

import re

from conftest import URL, bench_execute, open_report


def programme_of(demo, rep: str) -> str:
	return bench_execute(
		"frappe.client.get_value",
		{"doctype": "Rep Programme", "filters": {"sales_person": demo["nodes"][rep]}, "fieldname": "name"},
	)["name"]


def test_a_lead_follows_his_new_reps_programme_and_another_lead_is_refused_it(login, demo):
	name = programme_of(demo, "rep_a3")
	page = login("lead_a")
	open_report(page, "Programme Progress")
	rows = page.evaluate("frappe.query_report.data")
	row = next(row for row in rows if row["sales_person"] == demo["nodes"]["rep_a3"])
	assert row["steps_done"] >= 7 and row["steps_overdue"] > 0, row
	assert "55 / 70" in row["exam"], row
	assert {row["sales_person"] for row in rows} == {demo["nodes"]["rep_a3"]}

	page.goto(f"{URL}/app/rep-programme/{name}")
	page.wait_for_selector(".form-dashboard .form-headline:has-text('steps done')", timeout=30_000)
	headline = page.locator(".form-dashboard .form-headline").inner_text()
	done, total, overdue = map(int, re.findall(r"\d+", headline)[:3])
	assert (done, total, overdue) == (row["steps_done"], row["steps_total"], row["steps_overdue"]), headline
	grid = page.locator('[data-fieldname="steps"] .grid-body')
	assert grid.locator(".grid-row.text-danger").count() == overdue
	assert "Support talk after two weeks" in grid.inner_text()

	other = login("lead_b")
	other.goto(f"{URL}/app/rep-programme/{name}")
	other.wait_for_load_state("networkidle")
	body = other.locator("body").inner_text()
	assert "Support talk after two weeks" not in body
	assert re.search(r"Not permitted|Insufficient Permission|not allowed", body, re.I), body[:500]
