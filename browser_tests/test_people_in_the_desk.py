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
	page.wait_for_selector(".form-message:has-text('steps done')", timeout=30_000)
	headline = page.locator(".form-message").inner_text()
	done, total, overdue = map(int, re.findall(r"\d+", headline)[:3])
	assert (done, total, overdue) == (row["steps_done"], row["steps_total"], row["steps_overdue"]), headline
	grid = page.locator('[data-fieldname="steps"] .grid-body')
	assert grid.locator(".data-row.text-danger").count() == overdue
	assert "Support talk after two weeks" in grid.inner_text()

	other = login("lead_b")
	other.goto(f"{URL}/app/rep-programme/{name}")
	other.wait_for_load_state("networkidle")
	body = other.locator("body").inner_text()
	assert "Support talk after two weeks" not in body
	assert re.search(r"Not permitted|Insufficient Permission|not allowed", body, re.I), body[:500]


def test_a_rep_opens_the_standard_of_his_deals_stage_and_confirms_it(login, demo):
	deal = bench_execute(
		"frappe.client.get_value",
		{
			"doctype": "Opportunity",
			"filters": {"st_responsible_sales_person": demo["nodes"]["rep_a2"], "sales_stage": "Target list"},
			"fieldname": "name",
		},
	)["name"]
	page = login("rep_a2")
	page.goto(f"{URL}/app/opportunity/{deal}")
	link = page.locator(".st-stage-playbook a.st-stage-standard")
	link.wait_for(timeout=30_000)
	assert link.inner_text().strip() == "The first call"
	link.click()
	page.wait_for_url("**/app/sales-standard/**")
	# the standard's own page: the deal's form, hidden behind it, has messages of its own
	form = page.locator("[id='page-Sales Standard']")
	form.locator(".form-message:visible").first.wait_for(timeout=30_000)
	assert "Introduce yourself" in page.locator(".frappe-control[data-fieldname='content']").inner_text()
	button = form.locator(".page-actions button:visible:has-text('Confirm I Have Read It')")
	if button.count():  # the demo's rep A2 has not confirmed it before
		assert "confirm that you have" in form.locator(".form-message:visible").first.inner_text()
		# the form may draw its buttons again while it loads: the click counts once the server answers
		with page.expect_response(lambda response: "confirm_read" in response.url, timeout=30_000):
			button.first.click()
	form.locator(".form-message:visible:has-text('You confirmed version 1')").wait_for(timeout=30_000)

	# his lead sees it confirmed in Standards Read; the objections standard of group A is still unread
	lead = login("lead_a")
	open_report(lead, "Standards Read")
	rows = lead.evaluate("frappe.query_report.data")
	states = {(row["standard"], row["sales_person"]): row["status_key"] for row in rows}
	assert states[("The first call", demo["nodes"]["rep_a2"])] == "Read and Confirmed"
	assert states[("Answering objections", demo["nodes"]["rep_a2"])] == "Not Confirmed"
	assert ("The first call", demo["nodes"]["rep_b1"]) not in states  # another group's rep


def test_a_lead_plans_a_training_from_the_funnels_training_list(login, demo):
	rep = demo["nodes"]["rep_a1"]
	scene = bench_execute("sales_technology.tests.browser_scene.funnel_training_list", {"rep": rep})
	page = login("lead_a")
	page.goto(
		f"{URL}/app/query-report/Funnel Analysis?from_date={scene['from_date']}"
		f"&to_date={scene['to_date']}&group_by=Sales%20Person"
	)
	link = page.locator("a.st-plan-training").first
	link.wait_for(timeout=60_000)
	assert rep in link.inner_text() and scene["stage"] in link.inner_text(), link.inner_text()
	link.click()
	page.wait_for_url("**/app/sales-training/**", timeout=30_000)
	table = page.locator(".st-stage-before-after")
	table.wait_for(timeout=30_000)
	row = table.locator("tbody tr").first.inner_text()
	# 0 % that sent him (no entry moved on), and the month after: no entries, no conversion
	assert rep in row and "0 %" in row and "—" in row, row
	assert page.evaluate("cur_frm.doc.sales_stage") == scene["stage"]
	assert page.evaluate("cur_frm.doc.participants.map((row) => row.sales_person)") == [rep]

	# another group's lead is offered no such link for group A's rep
	other = login("lead_b")
	other.goto(
		f"{URL}/app/query-report/Funnel Analysis?from_date={scene['from_date']}"
		f"&to_date={scene['to_date']}&group_by=Sales%20Person"
	)
	other.wait_for_load_state("networkidle")
	other.wait_for_timeout(2000)
	assert other.locator("a.st-plan-training").count() == 0
