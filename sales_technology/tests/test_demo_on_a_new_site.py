"""The first look on a site nobody has set up: `bench --site <new site> sales-demo` sets up a Russian
company itself (roubles, Moscow time, Russia's holidays) and makes the demo department on it; a site with
companies but no default one is refused in one line, without a traceback.

It makes a site of its own next to the test site (new-site needs the database's root password:
`root_password` in common_site_config.json, or ST_DB_ROOT_PASSWORD) and drops it at the end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_bench_path, getdate, today

NEW_SITE = "st-first-look.localhost"


def frappe_command(*arguments: str, timeout: int = 1200) -> subprocess.CompletedProcess:
	"""`bench <arguments>` as bench runs it: Frappe's CLI from the bench's sites folder."""
	return subprocess.run(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", *arguments],
		cwd=os.path.join(get_bench_path(), "sites"),
		capture_output=True,
		text=True,
		timeout=timeout,
	)


def on_new_site(method: str, **kwargs):
	done = frappe_command("--site", NEW_SITE, "execute", method, "--kwargs", json.dumps(kwargs))
	if done.returncode:
		raise AssertionError(f"{method} on {NEW_SITE}:\n{done.stdout}\n{done.stderr}")
	lines = [line for line in done.stdout.splitlines() if line.strip()]
	return json.loads(lines[-1]) if lines else None


class TestTheDemoOnANewSite(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.root_password = frappe.conf.get("root_password") or os.environ.get("ST_DB_ROOT_PASSWORD")
		if not cls.root_password:
			raise AssertionError(
				"a new site needs the database's root password: root_password in common_site_config.json "
				"or ST_DB_ROOT_PASSWORD"
			)
		frappe_command(
			"drop-site", NEW_SITE, "--force", "--no-backup", "--db-root-password", cls.root_password
		)
		started = time.monotonic()
		made = frappe_command(
			"new-site",
			NEW_SITE,
			"--db-root-password",
			cls.root_password,
			"--admin-password",
			"admin",
			"--db-host",
			frappe.conf.db_host or "127.0.0.1",
			"--install-app",
			"erpnext",
			"--install-app",
			"sales_technology",
		)
		if made.returncode:
			raise AssertionError(f"new-site {NEW_SITE} failed:\n{made.stdout[-3000:]}\n{made.stderr[-3000:]}")
		cls.demo = frappe_command("--site", NEW_SITE, "sales-demo")
		print(f"new site and demo in {time.monotonic() - started:.0f} s")

	@classmethod
	def tearDownClass(cls):
		frappe_command(
			"drop-site", NEW_SITE, "--force", "--no-backup", "--db-root-password", cls.root_password
		)
		super().tearDownClass()

	def test_the_demo_sets_up_a_russian_company_and_fills_it(self):
		self.assertEqual(self.demo.returncode, 0, self.demo.stdout + self.demo.stderr)
		self.assertIn("rep-a1@", self.demo.stdout)
		company = on_new_site(
			"frappe.client.get_single_value", doctype="Global Defaults", field="default_company"
		)
		values = on_new_site(
			"frappe.client.get_value",
			doctype="Company",
			filters=company,
			fieldname=["default_currency", "country", "default_holiday_list"],
		)
		self.assertEqual(values["default_currency"], "RUB")
		self.assertEqual(values["country"], "Russian Federation")
		self.assertEqual(
			on_new_site("frappe.client.get_single_value", doctype="System Settings", field="time_zone"),
			"Europe/Moscow",
		)
		# the setup wizard counts as done: nobody meets it on the first login
		self.assertEqual(
			on_new_site("frappe.client.get_single_value", doctype="System Settings", field="setup_complete"),
			1,
		)
		holidays = on_new_site(
			"frappe.client.get", doctype="Holiday List", name=values["default_holiday_list"]
		)
		days = {row["holiday_date"] for row in holidays["holidays"]}
		year = getdate(today()).year
		# Russia Day and the Day of National Unity, besides the weekends
		self.assertTrue({f"{year}-06-12", f"{year}-11-04"} <= days, sorted(days)[:20])
		plans = on_new_site(
			"frappe.client.get_count",
			doctype="Sales Plan",
			filters={"company": company, "docstatus": 1},
		)
		self.assertGreater(plans, 0)
		# what the reports read: last month closed, meetings held, history measured, a new client this month
		counts = {
			doctype: on_new_site("frappe.client.get_count", doctype=doctype, filters=filters)
			for doctype, filters in (
				("Period Review", {"workflow_state": "Submitted"}),
				("Corrective Decision", {"docstatus": 1}),
				("Sales Meeting", {"status": "Held"}),
				("Sales Headcount Plan", {}),
				("Sales Cadence Run", {"status": "Running"}),
				("Incoming Request", {}),
				(
					"Sales Order",
					{"docstatus": 1, "transaction_date": (">=", str(getdate(today()).replace(day=1)))},
				),
			)
		}
		self.assertTrue(all(counts.values()), counts)

	def test_a_site_with_companies_but_no_default_is_refused_in_one_line(self):
		self.assertEqual(self.demo.returncode, 0, self.demo.stdout + self.demo.stderr)
		company = on_new_site(
			"frappe.client.get_single_value", doctype="Global Defaults", field="default_company"
		)
		try:
			on_new_site(
				"frappe.client.set_value",
				doctype="Global Defaults",
				name="Global Defaults",
				fieldname="default_company",
				value="",
			)
			refused = frappe_command("--site", NEW_SITE, "sales-demo")
		finally:
			on_new_site(
				"frappe.client.set_value",
				doctype="Global Defaults",
				name="Global Defaults",
				fieldname="default_company",
				value=company,
			)
		self.assertEqual(refused.returncode, 1, refused.stdout + refused.stderr)
		self.assertNotIn("Traceback", refused.stdout + refused.stderr)
		self.assertIn("no default one", refused.stderr)
