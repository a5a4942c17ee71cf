"""A rep's overdue receivables in the desk: his clients' overdue invoices in My Receivables, the morning
job's collection call in his day, and his lead's ageing of the group; another group's lead is refused it."""

from __future__ import annotations

from conftest import URL, bench_execute, open_report, site_today


def test_a_rep_finds_his_overdue_invoices_and_the_collection_call_in_his_day(login, demo):
	rep = demo["nodes"]["rep_a1"]
	bench_execute("sales_technology.receivables.collection.plan_collection_calls")
	page = login("rep_a1")
	open_report(page, "My Receivables")
	rows = page.evaluate("frappe.query_report.data")
	overdue = [row for row in rows if row.get("overdue")]
	assert overdue and {row["sales_person"] for row in rows} == {rep}, rows[:3]
	summary = page.locator(".report-summary").inner_text()
	assert "Overdue" in summary, summary
	invoice = max(overdue, key=lambda row: row["days_overdue"])["invoice"]

	# the day's activities hold the call about his oldest overdue invoice (the default setting: 7 days)
	page.goto(f"{URL}/app/sales-activity?status=Planned&planned_date={site_today()}")
	page.wait_for_selector(".list-row-container", timeout=60_000)
	calls = page.evaluate(
		"""(invoice) => frappe.db.get_list('Sales Activity',
			{filters: {sales_invoice: invoice, status: 'Planned'}, fields: ['name', 'subject', 'sales_person']})""",
		invoice,
	)
	assert len(calls) == 1 and calls[0]["sales_person"] == rep, calls
	assert (
		invoice in page.locator(".result").inner_text()
		or page.locator(f".list-row:has-text('{invoice}')").count()
	), "the call is in his list of the day"

	# his lead reads the group's ageing; another group's lead is refused group A
	lead = login("lead_a")
	open_report(lead, "Group Receivables")
	totals = [row for row in lead.evaluate("frappe.query_report.data") if row.get("bold")]
	assert rep in {row["sales_person"] for row in totals}
	assert sum(row["overdue"] for row in totals) > 0
	other = login("lead_b")
	other.goto(f"{URL}/app/query-report/Group Receivables?sales_person={demo['nodes']['group_a']}")
	other.wait_for_selector(".modal:visible .msgprint", timeout=60_000)
	assert "not in your part" in other.locator(".modal:visible .msgprint").inner_text()
