"""A lead's claim past its deadline in the desk: the Claims report of his group shows rep A1's claim
unanswered past its deadline (in red), the claim raised to him by the hourly job is in the Issue list
raised to him (and past a day, to the head) and opens on its deadlines; another group's lead is refused group A."""

from __future__ import annotations

from conftest import URL, bench_execute, open_report


def test_a_lead_sees_a_claim_past_its_deadline(login, demo):
	rep = demo["nodes"]["rep_a1"]
	bench_execute("sales_technology.claims.escalation.escalate_overdue_claims")
	lead = login("lead_a")
	open_report(lead, "Claims")
	rows = lead.evaluate("frappe.query_report.data")
	mine = next(row for row in rows if row.get("bold") and row["sales_person"] == rep)
	assert mine["overdue_now"] >= 1 and mine["response_missed"] >= 1, mine
	assert lead.locator(".dt-scrollable .text-danger").count() >= 1, "the overdue count is shown in red"
	summary = lead.locator(".report-summary").inner_text()
	assert "Past a Deadline Now" in summary, summary

	# the claim raised to him, in ERPNext's Issue list and form
	claims = lead.evaluate(
		"""(rep) => frappe.db.get_list('Issue', {filters: {issue_type: 'Claim', st_responsible_sales_person: rep,
			st_escalated_to: ['in', ['Lead', 'Head']]}, fields: ['name', 'subject', 'st_escalated_to']})""",
		rep,
	)
	assert claims, "the hourly job raised A1's overdue claim to his lead (and the head, a day past)"
	claim = claims[0]
	lead.goto(f"{URL}/app/issue/{claim['name']}")
	lead.wait_for_selector(f".page-head:has-text('{claim['subject'][:20]}'), .title-text", timeout=60_000)
	lead.wait_for_load_state("networkidle")
	form = lead.locator(".form-layout").inner_text()
	assert "Raised To" in form and claim["st_escalated_to"] in form, form[:500]
	# ERPNext's own indicator of the agreement: the response deadline missed
	assert "Time to Respond: Failed" in form, form[:500]

	# another group's lead is refused group A's claims
	other = login("lead_b")
	other.goto(f"{URL}/app/query-report/Claims?sales_person={demo['nodes']['group_a']}")
	other.wait_for_selector(".modal:visible .msgprint", timeout=60_000)
	assert "not in your part" in other.locator(".modal:visible .msgprint").inner_text()
