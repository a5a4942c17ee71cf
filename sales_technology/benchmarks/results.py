"""The benchmark's figures kept between runs (each scale on its own site, the writes on a third), printed
as one table beside the machine and the date:

    bench --site <any site> execute sales_technology.benchmarks.results.table

Each run of `run.run` and `writes.compare` saves its result under the bench's `sites/benchmark-results/`.
"""

from __future__ import annotations

import json
import os
import platform
from datetime import datetime, timezone
from pathlib import Path

import frappe
from frappe.utils import get_bench_path

# (label, key in the run's result, unit, budget) for each row of the table
ROWS = (
	(
		"KPI engine: all standard KPIs × every node, one month (best of 3 warm)",
		"engine_seconds",
		"s",
		"0.5 s at 1×, 1 s at 5×",
	),
	("the same, the first (cold) run", "engine_first_run_seconds", "s", ""),
	("the same from the documents alone (the oracle)", "engine_from_documents_seconds", "s", ""),
	("one group (11 nodes)", "engine_one_group_seconds", "s", ""),
	("all KPIs of a week, every node", "week_all_kpis_seconds", "s", "about what a month costs"),
	("all KPIs of a month, every node", "month_all_kpis_seconds", "s", ""),
	(
		"all KPIs of the year before (ended), every node",
		"year_all_kpis_seconds",
		"s",
		"about what a month costs",
	),
	("all KPIs of the running year so far, every node", "running_year_all_kpis_seconds", "s", ""),
	(
		"*Plan Fulfilment* of the department and its groups",
		"plan_fulfilment_seconds",
		"s",
		"0.5 s at 1×, 1 s at 5×",
	),
	("*Funnel Analysis* of the department by rep", "funnel_analysis_seconds", "s", ""),
	("*Prospective Clients* of the department", "prospective_clients_seconds", "s", ""),
	("the stale-deal job, a day's run", "stale_job_seconds", "s", ""),
	("rebuilding the kept facts from the documents", "kept_rebuild_seconds", "s", ""),
	(
		"rebuilding the ended periods' facts (in work, Python methods)",
		"period_rebuild_seconds",
		"s",
		"",
	),
	("kept facts of the month compared with the documents' own", "kept_facts_compared", "", ""),
	("of them differing", "kept_facts_differing", "", "0"),
	("facts of the week / the year compared with the documents' own", "periods_compared", "", ""),
	("of them differing", "periods_differing", "", "0"),
	("KPIs computed / kept per day / kept for ended periods", "kpis_kept", "", ""),
	("the declared KPIs per rep and KPI (naive) / the engine for them", "naive_over_engine", "×", ""),
)
WRITE_ROWS = (
	("inserting an Opportunity: with the app / ERPNext alone", "opportunity_insert"),
	("submitting a Sales Invoice: with the app / ERPNext alone", "sales_invoice_submit"),
)


def folder() -> Path:
	path = Path(get_bench_path()) / "sites" / "benchmark-results"
	path.mkdir(exist_ok=True)
	return path


def save(name: str, result: dict) -> None:
	"""Keep a run's result, with the day it ran, for the table."""
	measured = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
	result = {**result, "measured_on": f"{measured} UTC"}
	(folder() / f"{name}.json").write_text(json.dumps(result, indent=1, default=str))


def load(name: str) -> dict | None:
	path = folder() / f"{name}.json"
	return json.loads(path.read_text()) if path.exists() else None


def machine() -> str:
	"""The machine and the database, as the table's heading says them."""
	cpu = next(
		(
			line.split(":", 1)[1].strip()
			for line in Path("/proc/cpuinfo").read_text().splitlines()
			if line.startswith("model name")
		),
		platform.processor(),
	)
	pool = int(frappe.db.sql("select @@innodb_buffer_pool_size")[0][0])
	version = frappe.db.sql("select version()")[0][0]
	return f"{os.cpu_count()} cores ({cpu}), MariaDB {version}, buffer pool {pool / 2**30:.1f} GB"


def cell(result: dict | None, key: str, unit: str) -> str:
	if not result:
		return "not run"
	if key in ("periods_compared", "periods_differing"):
		suffix = key.split("_")[1]
		return f"{result.get('week_facts_' + suffix, '—')} / {result.get('year_facts_' + suffix, '—')}"
	if key == "kpis_kept":
		return f"{result.get('kpis')} / {result.get('kept_kpis')} / {result.get('period_kpis', '—')}"
	value = result.get(key)
	if value is None:
		return "—"
	return f"{value:,}{' ' + unit if unit else ''}" if unit != "×" else f"{value}×"


def table() -> str:
	"""Every figure of the last runs at 1× and 5× and of the writes, as a Markdown table."""
	one, five, writes = load("scale-1"), load("scale-5"), load("writes")
	lines = [
		f"Machine: {machine()}.",
		f"1×: {describe(one)}; 5×: {describe(five)}.",
		"",
		"| what | 1× | 5× | budget |",
		"|---|---|---|---|",
	]
	lines += [
		f"| {label} | {cell(one, key, unit)} | {cell(five, key, unit)} | {budget} |"
		for label, key, unit, budget in ROWS
	]
	for label, key in WRITE_ROWS:
		if writes:
			times = writes[f"{key}_ms"]
			value = (
				f"{times['with_the_app']} ms / {times['erpnext_alone']} ms ({writes[f'{key}_added_pct']:+} %)"
			)
		else:
			value = "not run"
		lines.append(f"| {label} | {value} | | at most +20 % |")
	if writes:
		lines.append(
			f"\nWrites measured on {writes['measured_on']} ({writes['rounds']} rounds of {writes['count']})."
		)
	text = "\n".join(lines)
	print(text)
	return text


def describe(result: dict | None) -> str:
	if not result:
		return "not run"
	return f"{result['reps']} reps, {result['nodes']} nodes, measured on {result['measured_on']}"
