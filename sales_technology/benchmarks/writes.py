"""What the app adds to ERPNext's own writes: inserting an Opportunity and submitting a Sales Invoice,
timed on this site (with the app) and on a site with ERPNext alone, the same way on both.

    bench --site <site with the app> execute sales_technology.benchmarks.writes.compare \
        --kwargs "{'other_site': '<site with ERPNext alone>'}"

(the other site runs it through the bench's Python, since `bench execute` refuses an app it lacks)

Each write is timed with its commit (what a desk request pays for, the app's after-commit work
included), after ten untimed ones; the median of `count` is compared. Both sites need a default company
with its accounts. The timed deals are deleted afterwards; the invoices stay: never on a site with real
data, nor on the tier-2 site.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import time

import frappe
from frappe.utils import get_bench_path, nowdate

from sales_technology.benchmarks import results
from sales_technology.benchmarks.generator import make_item

PREFIX = "STW"


def measure(count: int = 100, owner: str | None = None, customer: str | None = None) -> dict:
	"""The median milliseconds of an Opportunity's insert and of a Sales Invoice's submit here."""
	frappe.flags.mute_emails = True
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	customer = customer or _customer()
	item = make_item(f"{PREFIX} Service")

	deals = []

	def deal():
		deals.append(
			frappe.get_doc(
				{
					"doctype": "Opportunity",
					"opportunity_from": "Customer",
					"party_name": customer,
					"company": company,
					"opportunity_owner": owner or "Administrator",
					"opportunity_amount": 1000,
				}
			)
			.insert()
			.name
		)

	invoices = []

	def new_invoice():
		invoice = frappe.get_doc(
			{
				"doctype": "Sales Invoice",
				"company": company,
				"customer": customer,
				"posting_date": nowdate(),
				"due_date": nowdate(),
				"items": [{"item_code": item, "qty": 1, "rate": 1000}],
			}
		).insert()
		frappe.db.commit()
		invoices.append(invoice)

	for _warm_up in range(count + 10):
		new_invoice()
	opportunity = _median_ms(deal, count)
	sales_invoice = _median_ms(lambda: invoices.pop().submit(), count)
	# the timed deals go again: open deals of no one's would show in every head's count
	for name in deals:
		frappe.delete_doc("Opportunity", name, force=True, ignore_permissions=True)
	frappe.db.commit()
	return {
		"site": frappe.local.site,
		"apps": frappe.get_installed_apps(),
		"opportunity_insert_ms": opportunity,
		"sales_invoice_submit_ms": sales_invoice,
	}


def compare(
	other_site: str, count: int = 100, owner: str | None = None, customer: str | None = None, rounds: int = 3
) -> dict:
	"""This site beside `other_site` (ERPNext alone): how much the app adds to each write, in percent.
	The two are timed in turns, `rounds` times, and each one's best median is compared: the machine's
	speed drifts by a third within minutes."""
	here, there = [], []
	for _round in range(rounds):
		here.append(measure(count, owner, customer))
		frappe.db.commit()
		there.append(_measure_on(other_site, count))
	result = {"rounds": rounds, "count": count}
	for key in ("opportunity_insert_ms", "sales_invoice_submit_ms"):
		mine, theirs = min(run[key] for run in here), min(run[key] for run in there)
		result[key] = {"with_the_app": mine, "erpnext_alone": theirs}
		result[key.replace("_ms", "_added_pct")] = round((mine / theirs - 1) * 100, 1)
	print(json.dumps(result, indent=1))
	results.save("writes", result)
	return result


def _measure_on(site: str, count: int) -> dict:
	# `bench execute` refuses a module of an app the site lacks: the bench's Python runs it there
	script = (
		"import frappe, json; "
		f"frappe.init(site={site!r}, sites_path='.'); frappe.connect(); frappe.set_user('Administrator'); "
		"from sales_technology.benchmarks.writes import measure; "
		f"print('WRITES', json.dumps(measure({count})))"
	)
	bench = get_bench_path()
	output = subprocess.run(
		[f"{bench}/env/bin/python", "-c", script],
		cwd=f"{bench}/sites",
		capture_output=True,
		text=True,
		check=True,
	).stdout
	return json.loads(output.split("WRITES ", 1)[1])


def _median_ms(write, count: int) -> float:
	times = []
	for _number in range(count + 10):
		started = time.perf_counter()
		write()
		frappe.db.commit()
		times.append(time.perf_counter() - started)
	return round(statistics.median(times[10:]) * 1000, 1)


def _customer() -> str:
	name = f"{PREFIX} Customer"
	if not frappe.db.exists("Customer", name):
		frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": name,
				"customer_group": frappe.db.get_value("Customer Group", {"is_group": 0}),
				"territory": frappe.db.get_value("Territory", {"is_group": 0}),
			}
		).insert(ignore_permissions=True)
	return name
