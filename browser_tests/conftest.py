"""Tier 3: the desk in a real Chromium, as each position's user (never Administrator).

Needs a bench with the app installed on a site, the site served on `ST_BROWSER_URL` (`.ci/run` starts
`bench serve` itself), Debian's `chromium` and Playwright from PyPI. The demo department
(`sales_technology.demo.create`) gives the people and their plans. Screenshots of every test go to
`ST_SCREENSHOTS`; a failing test also prints the text that was on screen.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import subprocess
from pathlib import Path

import pytest

BENCH = Path(os.environ.get("ST_BENCH", "/opt/stbench"))
SITE = os.environ.get("ST_SITE", "st.localhost")
BENCH_COMMAND = os.environ.get("ST_BENCH_CMD", "bench")
URL = os.environ.get("ST_BROWSER_URL", "http://127.0.0.1:8000").rstrip("/")
CHROMIUM = os.environ.get("ST_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ.get("ST_SCREENSHOTS", "/tmp/st-browser-screenshots"))
CHROMIUM_ARGS = [
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]


def bench_execute(method: str, kwargs: dict | None = None, args: list | None = None):
	"""Run a server method on the site (as Administrator: only for setting the scene, never for acting)."""
	command = [BENCH_COMMAND, "--site", SITE, "execute", method]
	if kwargs:
		command += ["--kwargs", json.dumps(kwargs)]
	if args:
		command += ["--args", json.dumps(args)]
	done = subprocess.run(command, cwd=BENCH, capture_output=True, text=True, timeout=900)
	if done.returncode:
		raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
	lines = [line for line in done.stdout.splitlines() if line.strip()]
	try:
		return json.loads(lines[-1]) if lines else None
	except json.JSONDecodeError:
		return lines[-1]


@functools.cache
def site_today() -> datetime.date:
	"""The site's date, in its own time zone, which the demo's plans and the reports follow: in the
	machine's evening the two can be a day apart."""
	return datetime.date.fromisoformat(str(bench_execute("frappe.utils.today")).strip('"'))


def open_form(page, doctype_route: str, name: str):
	page.goto(f"{URL}/app/{doctype_route}/{name}")
	page.wait_for_selector(f'.page-head:has-text("{name}"), .title-text', timeout=30_000)
	page.wait_for_load_state("networkidle")


def open_report(page, report: str, empty: bool = False):
	"""A query report run with its default filters: its rows (Frappe's "Nothing to show" only where the test
	says the report is `empty`), and no error message."""
	page.goto(f"{URL}/app/query-report/{report}")
	page.wait_for_selector(
		".dt-scrollable .dt-row, .layout-main-section .msg-box:has-text('Nothing to show')", timeout=60_000
	)
	page.wait_for_load_state("networkidle")
	assert page.locator(".modal:visible .msgprint").count() == 0, page.locator(
		".modal:visible"
	).all_inner_texts()
	rows = page.locator(".dt-scrollable .dt-row").count()
	assert bool(rows) != empty, f"{report}: {rows} rows where the test expects {'none' if empty else 'some'}"


@pytest.fixture(scope="session")
def demo() -> dict:
	return bench_execute("sales_technology.demo.create", {"force": 1})


@pytest.fixture(scope="session")
def browser():
	from playwright.sync_api import sync_playwright

	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
		yield browser
		browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
	outcome = yield
	report = outcome.get_result()
	setattr(item, f"report_{report.when}", report)


@pytest.fixture
def login(browser, demo, request):
	"""`login("rep_a1")` gives a page of the desk logged in as that person, with a password, through the
	login form; every page is screenshotted when the test ends."""
	pages = []

	def log_in(person: str):
		context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="en-US")
		context.set_default_timeout(30_000)
		page = context.new_page()
		page.goto(f"{URL}/login")
		page.fill("#login_email", demo["users"][person])
		page.fill("#login_password", demo["password"])
		page.click(".btn-login")
		page.wait_for_url("**/app**")
		pages.append((person, page))
		return page

	yield log_in
	SHOTS.mkdir(parents=True, exist_ok=True)
	report = getattr(request.node, "report_call", None)
	for person, page in pages:
		path = SHOTS / f"{request.node.name}-{person}.png"
		try:
			page.screenshot(path=str(path), full_page=True)
			print(f"screenshot: {path}")
			if report is not None and report.failed:
				print(f"--- on screen for {person} at {page.url} ---\n{page.inner_text('body')[:4000]}")
		finally:
			page.context.close()
