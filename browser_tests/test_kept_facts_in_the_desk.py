"""Tier 3 for the kept KPI facts: the head rebuilds a KPI's kept facts from its form and is told it runs
in the background; a rep reads the KPI without that button."""

from __future__ import annotations

from conftest import open_form


def test_the_head_rebuilds_a_kpis_kept_facts_from_its_form(login, demo):
	page = login("head")
	open_form(page, "sales-kpi", "COLD_CALLS")
	button = page.locator(".page-actions button:has-text('Rebuild Kept Facts')")
	button.wait_for(timeout=60_000)
	button.click()
	page.locator(".alert-message:has-text('being rebuilt in the background')").wait_for(timeout=30_000)


def test_a_rep_reads_a_kpi_without_rebuilding_it(login, demo):
	page = login("rep_a1")
	open_form(page, "sales-kpi", "COLD_CALLS")
	page.locator(".frappe-control[data-fieldname='kpi_name']").first.wait_for(timeout=60_000)
	assert page.locator("button:has-text('Rebuild Kept Facts')").count() == 0
