"""Tier 3 for competitors, strategies and incoming requests: the rep's battle card on his deal, the
intercept started from a lead's form, and a guest's request from the website."""

from __future__ import annotations

import pytest
from conftest import URL, bench_execute, open_form, open_report


def test_a_rep_reads_the_battle_card_of_the_competitor_on_his_deal(login, demo):
	scene = bench_execute("sales_technology.tests.browser_scene.deal_against_a_rival", {"key": "rep_a1"})
	page = login("rep_a1")
	open_form(page, "opportunity", scene["opportunity"])
	card = page.locator(".st-battle-card").first
	card.wait_for(timeout=60_000)
	text = card.inner_text()
	assert f"Against {scene['competitor']}" in text
	assert "Our Exclusive Strength" in text and "Delivery time: Next working day" in text
	assert "Shared Strength" in text and "Never disparage" in text


def test_a_rep_starts_the_intercept_from_his_lead_and_its_first_call_is_planned(login, demo):
	scene = bench_execute("sales_technology.tests.browser_scene.lead_for_a_cadence", {"key": "rep_a1"})
	page = login("rep_a1")
	open_form(page, "lead", scene["lead"])
	page.locator(".page-actions .inner-group-button button:has-text('Cadence')").click()
	page.locator(".dropdown-menu.show .dropdown-item:has-text('Start a Cadence')").click()
	dialog = page.locator(".modal:visible:has-text('Start a Cadence')")
	dialog.wait_for()
	dialog.locator("input[data-fieldname='cadence']").press_sequentially("Intercept", delay=50)
	page.locator("ul[role=listbox] [role=option]:has-text('Intercept')").first.click()
	dialog.locator(".btn-modal-primary").click()
	page.locator(".modal:visible .msgprint:has-text('Started: 1')").wait_for(timeout=60_000)
	page.keyboard.press("Escape")
	# the form shows the client's strategy and the first step planned for the rep
	page.locator("[data-fieldname='st_cadence_progress']:has-text('Step 1')").wait_for(timeout=60_000)
	assert page.locator("[data-fieldname='st_strategy']:has-text('Intercept')").count() >= 1


@pytest.fixture
def guest(browser):
	context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
	page = context.new_page()
	yield page
	context.close()


def fill_request(page, email: str, consent: bool, bot: bool = False):
	"""Fill the form as a person does (taking a few seconds: the form drops what is posted faster), or as a
	bot that also fills the field people never see; returns the text of the server's answer."""
	page.goto(f"{URL}/incoming-request/new")
	page.wait_for_selector(".web-form input[data-fieldname='full_name']", timeout=60_000)
	page.fill("input[data-fieldname='full_name']", "Irina Guest")
	page.fill("input[data-fieldname='company_name']", "Guest Browser Works")
	page.fill("input[data-fieldname='email']", email)
	page.fill("textarea[data-fieldname='need']", "Forty licences before the new year")
	if consent:
		page.check("input[data-fieldname='consent']")
	if bot:
		page.evaluate(
			"document.querySelector(\".web-form input[name='website']\").value = 'http://spam.example'"
		)
	page.wait_for_timeout(3500)

	def is_accept(response) -> bool:
		# frappe.call posts to the site's root with the method in the form data
		request = response.request
		return request.method == "POST" and "web_form.accept" in (request.url + (request.post_data or ""))

	with page.expect_response(is_accept) as answer:
		page.click(".submit-btn")
	return answer.value.text()


def test_a_guest_sends_a_request_from_the_website_and_it_goes_to_a_rep(guest, demo):
	import uuid

	bench_execute("sales_technology.tests.browser_scene.forget_guest_requests")
	refused = f"refused-{uuid.uuid4().hex[:8]}@guest.sales-technology.example.com"
	fill_request(guest, refused, consent=False)
	# the server's refusal, in the form's message
	guest.wait_for_selector(".modal:visible:has-text('only with your consent')", timeout=60_000)
	assert (
		bench_execute("sales_technology.tests.browser_scene.incoming_request_from", {"email": refused})
		is None
	)

	email = f"guest-{uuid.uuid4().hex[:8]}@guest.sales-technology.example.com"
	answer = fill_request(guest, email, consent=True)
	guest.wait_for_selector(
		".success-page:not(.hide) .success-title:has-text('Request Sent')", timeout=60_000
	)
	taken = bench_execute("sales_technology.tests.browser_scene.incoming_request_from", {"email": email})
	assert taken["party_type"] == "Lead" and taken["party"]
	assert taken["sales_person"] and taken["first_activity"]
	assert taken["status"] == "Waiting for Contact"
	# the guest's answer is a thank-you: neither the client found nor its rep
	assert taken["party"] not in answer and taken["sales_person"] not in answer
	assert "Waiting for Contact" not in answer

	# a bot that fills the field people never see is thanked the same, and nothing is saved
	caught = f"bot-{uuid.uuid4().hex[:8]}@guest.sales-technology.example.com"
	fill_request(guest, caught, consent=True, bot=True)
	guest.wait_for_selector(
		".success-page:not(.hide) .success-title:has-text('Request Sent')", timeout=60_000
	)
	assert (
		bench_execute("sales_technology.tests.browser_scene.incoming_request_from", {"email": caught}) is None
	)
	# the guest sees none of the desk's data
	listed = guest.goto(f"{URL}/api/resource/Incoming Request")
	assert listed.status in (403, 401)


@pytest.mark.parametrize("report", ["Lost to Competitors", "Cadence Progress"])
def test_the_head_runs_the_competitor_and_strategy_reports(login, demo, report):
	open_report(login("head"), report)
