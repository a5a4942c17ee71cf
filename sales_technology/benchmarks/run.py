"""Plan fulfilment at department scale, timed beside a naive computation and ERPNext's own report.

    bench --site <a site you can fill> execute sales_technology.benchmarks.run.run
    bench --site <site> execute sales_technology.benchmarks.run.run --kwargs "{'activities': 100000}"

It generates (once; a second run reuses the data) a department of 100 reps in 10 groups with 1 M sales
activities, 200 k opportunities, 500 k sales invoice lines, 100 k sales order lines and 5 k claims over
two years, 1,000 customers each with a responsible rep and a market segment, each deal with its way
through the default funnel (3–5 stage changes), with bulk inserts, then times for one month (best of
three warm runs, the first, cold one shown too):
- the KPI engine: every standard KPI that has a computation, for all 111 nodes, and for one group;
- the "Plan Fulfilment" report of the department and its 10 groups, a target for every such KPI;
- a naive computation of every KPI declared without a Python method (a `frappe.get_all` per rep and
  KPI, added up in Python), beside the engine for the same KPIs; both must agree for every rep;
- the "Funnel Analysis" report of the department by rep, beside the month before;
- ERPNext's "Sales Person Target Variance Based On Item Group" for turnover;
- the kept KPI facts: rebuilt from the bulk-inserted documents (unless an earlier run kept them), every
  fact of every KPI for every node compared with the documents' own (`compute(..., direct=True)`), the
  documents' way timed beside, and all KPIs of a week, a month and a year.

    bench --site <another site> execute sales_technology.benchmarks.run.run \
        --kwargs "{'scale': 5, 'erpnext_report': False, 'per_rep': False, 'processes': 2}"

is the department five times larger (500 reps in 50 groups, five times every document; about an hour to
generate on two cores: keep that site; `'generate_only': True` makes the data without timing anything). Do not run it on a site with real data: it adds its rows to the
live tables. `'processes': 2` generates the activities, the deals, the sales documents and the claims
in bench processes side by side, and rebuilds the kept facts two KPIs at a time, so that both use both
cores of a two-core machine.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import frappe
from frappe.query_builder.functions import Count
from frappe.utils import add_months, getdate

from sales_technology.activities.deal_dates import refresh_activity_dates
from sales_technology.benchmarks import generator, results
from sales_technology.benchmarks.generator import flush, generate, standard_columns
from sales_technology.benchmarks.oracle import disagreements, naive_facts, naive_kpis
from sales_technology.benchmarks.processes import run_in_processes
from sales_technology.core.kpi_definition import KEPT_DISTINCT, kept_kind
from sales_technology.core.periods import PeriodType, period_containing
from sales_technology.deals.stale_deals import flag_stale_deals
from sales_technology.kpi import kept_facts, period_facts
from sales_technology.kpi.engine import compute, facts_are_kept
from sales_technology.kpi.kept_facts import kept_definitions
from sales_technology.sales_technology.report.funnel_analysis import funnel_analysis
from sales_technology.sales_technology.report.plan_fulfilment import plan_fulfilment
from sales_technology.sales_technology.report.prospective_clients import prospective_clients


def run(
	reps: int = 100,
	groups: int = 10,
	activities: int = 1_000_000,
	opportunities: int = 200_000,
	invoice_lines: int = 500_000,
	customers: int = 1000,
	claims: int = 5000,
	month: str | None = None,
	prefix: str | None = None,
	commit: bool = True,
	erpnext_report: bool = True,
	scale: int = 1,
	per_rep: bool = True,
	generate_only: bool = False,
	processes: int = 1,
) -> dict:
	# five times the department: 500 reps in 50 groups and five times every document, kept apart by its
	# prefix (generating it takes about an hour on two cores: keep the site between runs)
	reps, groups, customers, claims = reps * scale, groups * scale, customers * scale, claims * scale
	activities, opportunities, invoice_lines = (
		activities * scale,
		opportunities * scale,
		invoice_lines * scale,
	)
	# another prefix, another data set (a small one for a quick try)
	generator.PREFIX = prefix or ("STB" if scale == 1 else f"STB{scale}X")
	frappe.flags.in_test = True  # no notifications, no realtime
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	end = getdate("2026-10-31")
	start = add_months(end, -24) + timedelta(days=1)
	nodes = generate(
		company,
		reps,
		groups,
		activities,
		opportunities,
		invoice_lines,
		start,
		end,
		commit,
		customers,
		claims,
		processes=processes,
	)
	if generate_only:  # the data made (and kept) now, timed by a later run
		return {"scale": scale, "nodes": len(nodes)}
	month_start = getdate(month) if month else getdate("2026-09-01")
	period = period_containing(month_start, PeriodType.MONTH)
	kpis = frappe.get_all(
		"Sales KPI", filters={"is_standard": 1, "aggregate": ("is", "set"), "for_month": 1}, pluck="name"
	)

	def engine(of_nodes, direct=False):
		return compute(kpis, of_nodes, period.start, period.end, "Month", company, direct=direct)

	# the kept facts, rebuilt from the bulk-inserted documents unless an earlier run kept them
	stale, rebuild_time, ended_stale, period_time = rebuild_stale(processes, commit)
	direct_first, direct = timed(lambda: engine(nodes, direct=True))
	direct_time = best_of(2, lambda: engine(nodes, direct=True))
	kept_compared, kept_differ = compare_facts(direct, engine(nodes))
	periods = period_costs(company, nodes, month_start)
	print(
		f"kept facts: rebuilt {len(stale)} KPIs in {rebuild_time:.1f} s, the ended periods of "
		f"{len(ended_stale)} in {period_time:.1f} s; {kept_compared} facts compared "
		f"with the documents, {len(kept_differ)} differ {kept_differ[:5]}; the documents' way "
		f"{direct_time:.3f} s (first {direct_first:.3f} s); by period {periods}",
		flush=True,
	)

	# the first run reads from disk what the database has not cached yet; a report run again and again
	# through the day runs warm: both are shown, the best of three warm runs is the one compared
	first_time, facts = timed(lambda: engine(nodes))
	engine_time = best_of(3, lambda: engine(nodes))
	leaves = [n for n in nodes if n.startswith(f"{generator.PREFIX} Rep")]
	# the per-rep way for the KPIs it can follow, and the engine for the same KPIs, so that the ratio
	# compares like with like; every rep's every fact of theirs must agree
	same_kpis = naive_kpis(kpis)
	engine_same_time = best_of(
		3, lambda: compute(same_kpis, nodes, period.start, period.end, "Month", company)
	)
	if per_rep:  # 3,000 queries at the benchmark's size; 15,000 on larger data at five times it
		naive_time, naive = timed(lambda: naive_facts(same_kpis, leaves, period.start, period.end, company))
		check = disagreements(facts, naive, same_kpis, leaves, period.start)
	else:
		naive_time, naive, check = None, {}, None
	# the cost grows with the KPIs, not with the nodes: one group (11 nodes) beside all 111, and each KPI
	group = [
		n
		for n in nodes
		if n.startswith(f"{generator.PREFIX} Group 01") or n.startswith(f"{generator.PREFIX} Rep 01-")
	]
	group_time = best_of(3, lambda: engine(group))
	per_kpi = {
		kpi: round(
			timed(lambda kpi=kpi: compute([kpi], nodes, period.start, period.end, "Month", company))[0], 3
		)
		for kpi in kpis
	}
	_first, report_rows = timed(lambda: plan_fulfilment_report(company, period, nodes, kpis))
	report_time = best_of(3, lambda: plan_fulfilment_report(company, period, nodes, kpis))
	print(
		f"engine {engine_time:.3f} s (first run {first_time:.3f} s), one group {group_time:.3f} s, "
		f"Plan Fulfilment {report_time:.3f} s ({report_rows} rows), per-rep computation of "
		f"{len(same_kpis)} KPIs {naive_time or 0:.3f} s (the engine {engine_same_time:.3f} s for them)",
		flush=True,
	)
	funnel_first, funnel_rows = timed(lambda: funnel_report(period, root=nodes[0]))
	funnel_time = best_of(3, lambda: funnel_report(period, root=nodes[0]))
	print(f"Funnel Analysis {funnel_time:.3f} s (first run {funnel_first:.3f} s, {funnel_rows} rows)")
	deal_control = deal_control_times(company, root=nodes[0], group=nodes[1])
	print(deal_control)
	erpnext_time = erpnext_report_time(company, period) if erpnext_report else None
	result = {
		"scale": scale,
		"reps": len(leaves),
		"kpis": len(kpis),
		"kept_kpis": len([d for d in kept_definitions() if facts_are_kept(d)]),
		"kept_rebuild_seconds": round(rebuild_time, 1) if stale else None,
		"period_kpis": len([d for d in period_facts.period_definitions() if period_facts.is_current(d)]),
		"period_rebuild_seconds": round(period_time, 1) if ended_stale else None,
		"kept_facts_compared": kept_compared,
		"kept_facts_differing": len(kept_differ),
		"engine_from_documents_seconds": round(direct_time, 3),
		"engine_from_documents_first_run_seconds": round(direct_first, 3),
		**periods,
		"nodes": len(nodes),
		"engine_seconds": round(engine_time, 3),
		"engine_first_run_seconds": round(first_time, 3),
		"engine_one_group_seconds": round(group_time, 3),
		"one_group_nodes": len(group),
		"slowest_kpis": dict(sorted(per_kpi.items(), key=lambda item: -item[1])[:5]),
		"plan_fulfilment_seconds": round(report_time, 3),
		"plan_fulfilment_rows": report_rows,
		"funnel_analysis_seconds": round(funnel_time, 3),
		"funnel_analysis_first_run_seconds": round(funnel_first, 3),
		"funnel_analysis_rows": funnel_rows,
		"naive_kpis": len(same_kpis),
		"naive_nonzero_facts": sum(1 for value in naive.values() if value),
		"naive_kpis_with_facts": len({kpi for (kpi, _rep, _dim), value in naive.items() if value}),
		"naive_seconds": round(naive_time, 3) if naive_time else None,
		"engine_same_kpis_seconds": round(engine_same_time, 3),
		"naive_over_engine": round(naive_time / engine_same_time, 1) if naive_time else None,
		"erpnext_report_seconds": round(erpnext_time, 3) if erpnext_time else None,
		"erpnext_over_engine": round(erpnext_time / engine_time, 1) if erpnext_time else None,
		"engine_and_naive_disagree_on": check,
		**deal_control,
	}
	if commit:
		# a run that found the facts kept shows the rebuild times of the run that kept them
		previous = results.load(f"scale-{scale}") or {}
		for key in ("kept_rebuild_seconds", "period_rebuild_seconds"):
			if result[key] is None:
				result[key] = previous.get(key)
	print(result)
	if commit:
		results.save(f"scale-{scale}", result)
		results.table()
	return result


def rebuild_stale(processes: int = 1, commit: bool = True) -> tuple[list[str], float, list[str], float]:
	"""The kept facts of every KPI not kept yet, then the ended periods' facts, from the documents:
	(the KPIs, seconds, the ended periods' KPIs, seconds)."""
	stale = [d.name for d in kept_definitions() if not facts_are_kept(d)]
	if processes > 1 and commit:  # each KPI in a process of its own, so many at once
		frappe.db.commit()
		rebuild_time = timed(lambda: rebuild_in_processes("kept", heaviest_first(stale), processes))[0]
		ended_stale = period_facts.stale()
		period_time = timed(lambda: rebuild_in_processes("ended", ended_stale, processes, together=True))[0]
		frappe.db.commit()  # a snapshot that sees what the processes wrote
		return stale, rebuild_time, ended_stale, period_time
	rebuild_time, _rebuilt = timed(lambda: kept_facts.rebuild(stale) if stale else [])
	if commit:
		frappe.db.commit()
	# what is open at a date and the Python methods, kept for the periods that have ended
	ended_stale = period_facts.stale()
	period_time, _rebuilt = timed(lambda: period_facts.rebuild(ended_stale) if ended_stale else [])
	if commit:
		frappe.db.commit()
	return stale, rebuild_time, ended_stale, period_time


def rebuild(scale: int = 1, processes: int = 1) -> dict:
	"""Only the rebuild of generated data, kept in the scale's result for the run that times it later:
	the rebuild can share the machine, the timings cannot.

	    bench --site <site> execute sales_technology.benchmarks.run.rebuild --kwargs "{'scale': 5, 'processes': 2}"
	"""
	frappe.flags.in_test = True
	stale, rebuild_time, ended_stale, period_time = rebuild_stale(processes)
	result = {
		**(results.load(f"scale-{scale}") or {}),
		"kept_rebuild_seconds": round(rebuild_time, 1) if stale else None,
		"period_rebuild_seconds": round(period_time, 1) if ended_stale else None,
	}
	print(
		f"rebuilt {len(stale)} KPIs in {rebuild_time:.1f} s, the ended periods of {len(ended_stale)} in {period_time:.1f} s"
	)
	results.save(f"scale-{scale}", result)
	return result


def heaviest_first(codes: list[str]) -> list[str]:
	"""The KPIs counting distinct clients first: they take longest, and a process left with one of them
	at the end would keep the others waiting."""
	distinct = {d.name for d in kept_definitions(codes) if kept_kind(d) == KEPT_DISTINCT}
	return sorted(codes, key=lambda code: code not in distinct)


def rebuild_in_processes(kind: str, codes: list[str], processes: int, together: bool = False) -> None:
	"""Rebuild the KPIs' facts (`kind` "kept" or "ended") with `processes` bench processes at once, one
	KPI each (`together`: the KPIs one query computes, as the eight in work, in one process: apart, each
	would read every deal of every period again): a rebuild is one long query at a time, so a single
	process leaves the other cores idle. Two bulk inserts into one table now and then deadlock: the KPIs
	that lost are rebuilt again."""
	groups = period_facts.computed_together(codes) if together else [[code] for code in codes]
	jobs = [(", ".join(group), {"kind": kind, "codes": group}) for group in groups]
	run_in_processes(f"{__name__}.rebuild_one", jobs, processes, again_when="Deadlock found")


def rebuild_one(kind: str, codes: list[str]) -> None:
	"""The KPIs' rebuild in a process of its own, beside others: read committed, so that deleting and
	inserting one KPI's rows takes no gap lock another KPI's rows would wait on."""
	frappe.db.sql("set session transaction isolation level read committed")
	frappe.db.commit()  # the level applies from the next transaction, which the commit begins
	try:
		(kept_facts.rebuild if kind == "kept" else period_facts.rebuild)(codes)
		frappe.db.commit()
	except Exception:
		# said here and the process ended: bench execute would otherwise try the method again as an
		# expression and report only that attempt's error
		print(frappe.get_traceback(), flush=True)
		raise SystemExit(1) from None


def compare_facts(direct: dict, kept: dict) -> tuple[int, list]:
	"""How many facts the two computations give, and where they differ (beyond a millionth)."""
	compared, differ = 0, []
	for kpi, facts in direct.items():
		other = kept.get(kpi, {})
		for key in facts.keys() | other.keys():
			compared += 1
			one, two = facts.get(key, 0), other.get(key, 0)
			if abs(one - two) > 1e-6 * max(1, abs(one)):
				differ.append((kpi, *key, one, two))
	return compared, differ


def period_costs(company, nodes, day) -> dict:
	"""All the KPIs of a week, of a month and of a year for every node (best of three): kept facts make
	a year cost about what a month does; each compared with the documents' own facts, but the running
	year's (its direct computation takes long at five times the data)."""
	costs = {}
	# the week and the month of the day, the year before it (ended: what a year's review reads) and the
	# day's own year, still running, where what is open at a date and the Python methods are computed
	# from the documents
	periods = {
		"week": period_containing(day, PeriodType.WEEK),
		"month": period_containing(day, PeriodType.MONTH),
		"year": period_containing(day.replace(year=day.year - 1), PeriodType.YEAR),
		"running_year": period_containing(day, PeriodType.YEAR),
	}
	for name, period in periods.items():
		period_type = period.period_type
		kpis = frappe.get_all(
			"Sales KPI",
			filters={"aggregate": ("is", "set"), f"for_{period_type.value.lower()}": 1},
			pluck="name",
		)

		def facts(direct=False, kpis=kpis, period=period, period_type=period_type):
			return compute(kpis, nodes, period.start, period.end, period_type.value, company, direct=direct)

		costs[f"{name}_all_kpis_seconds"] = round(best_of(3, facts), 3)
		if name == "running_year":
			continue
		compared, differ = compare_facts(facts(direct=True), facts())
		costs[f"{name}_facts_compared"] = compared
		costs[f"{name}_facts_differing"] = len(differ)
	return costs


def deal_control_times(company, root: str, group: str) -> dict:
	"""The Prospective Clients report of the department (and of a group with its deals) on the Monday
	after the data ends, and the stale-deal job of that day: its first run, which flags every stale deal
	at once, and a day's run after (best of three), which finds nothing new."""

	# the generated deals have no expected closing nor probability: 30 to 120 days after opening, 10 to
	# 90 %, the same every run (the deal's number decides)
	deal = frappe.qb.DocType("Opportunity")
	frappe.db.sql(
		f"""update `tabOpportunity` set
			expected_closing = date_add(transaction_date, interval 30 + mod(cast(substring(name, -5) as unsigned), 91) day),
			probability = 10 + mod(cast(substring(name, -4) as unsigned), 9) * 10
		where name like '{generator.PREFIX}-OPP-%' and expected_closing is null"""
	)
	refresh_activity_dates()
	monday = getdate("2026-11-02")

	def report(node, show_deals):
		return prospective_clients.execute(
			{"company": company, "sales_person": node, "on_date": monday, "show_deals": show_deals}
		)[1]

	forecast_first, rows = timed(lambda: report(root, 0))
	forecast_time = best_of(3, lambda: report(root, 0))
	group_time = best_of(3, lambda: report(group, 1))
	frappe.db.delete("Stale Deal", {"opportunity": ("like", f"{generator.PREFIX}-OPP-%")})
	stale_first, flagged = timed(lambda: flag_stale_deals(monday))
	stale_time = best_of(3, lambda: flag_stale_deals(monday))
	open_deals = (
		frappe.qb.from_(deal).select(Count("*")).where(deal.status.isin(("Open", "Quotation"))).run()[0][0]
	)
	return {
		"open_deals": open_deals,
		"prospective_clients_seconds": round(forecast_time, 3),
		"prospective_clients_first_run_seconds": round(forecast_first, 3),
		"prospective_clients_rows": len(rows),
		"prospective_clients_group_with_deals_seconds": round(group_time, 3),
		"stale_job_first_run_seconds": round(stale_first, 3),
		"stale_job_first_run_flagged": flagged,
		"stale_job_seconds": round(stale_time, 3),
	}


def funnel_report(period, root: str) -> int:
	"""The "Funnel Analysis" report of the department for the month by rep, beside the month before."""

	_columns, data, *_rest = funnel_analysis.execute(
		{
			"sales_person": root,
			"from_date": period.start,
			"to_date": period.end,
			"group_by": "Sales Person",
			"compare_with": "Previous Period",
		}
	)
	return len(data)


def plan_fulfilment_report(company, period, nodes, kpis) -> int:
	"""The "Plan Fulfilment" report of the department for the month: its plan and its groups' plans
	(made once, approved, a target for every KPI) beside the facts; returns the number of rows."""

	root, groups = nodes[0], [n for n in nodes if n.startswith(f"{generator.PREFIX} Group")]
	add_month_plans(company, period, [root, *groups], kpis)
	_columns, data, *_rest = plan_fulfilment.execute(
		{
			"company": company,
			"period_type": "Month",
			"date": period.start,
			"sales_person": root,
		}
	)
	return len(data)


def add_month_plans(company, period, nodes, kpis) -> None:
	"""Approved Month plans with one target per KPI, inserted directly: the benchmark times reading
	plans, not the cascade's validation."""
	kpi_rows = frappe.get_all(
		"Sales KPI",
		filters={"name": ("in", kpis)},
		fields=["name", "kpi_name", "direction", "additive", "unit"],
	)
	plans, targets = [], []
	for node in nodes:
		name = f"{generator.PREFIX}-PLAN-{node}-{period.start}"
		if frappe.db.exists("Sales Plan", name):
			continue
		plans.append(
			[
				*standard_columns(name, datetime.now()),
				1,
				company,
				node,
				"Month",
				period.start,
				period.end,
				"Approved",
			]
		)
		for idx, kpi in enumerate(kpi_rows, 1):
			targets.append(
				[
					*standard_columns(f"{name}-{idx}", datetime.now()),
					1,
					name,
					"Sales Plan",
					"targets",
					idx,
					kpi.name,
					kpi.kpi_name,
					1000,
					1000,
					kpi.direction,
					kpi.additive,
					kpi.unit,
				]
			)
	flush(
		"Sales Plan",
		plans,
		[
			"docstatus",
			"company",
			"sales_person",
			"period_type",
			"period_start",
			"period_end",
			"workflow_state",
		],
	)
	flush(
		"Sales Plan Target",
		targets,
		[
			"docstatus",
			"parent",
			"parenttype",
			"parentfield",
			"idx",
			"kpi",
			"kpi_name",
			"target",
			"approved_target",
			"direction",
			"additive",
			"unit",
		],
	)


def best_of(runs: int, fn) -> float:
	return min(timed(fn)[0] for _run in range(runs))


def timed(fn):
	started = time.perf_counter()
	value = fn()
	return time.perf_counter() - started, value


def erpnext_report_time(company, period) -> float | None:
	from erpnext.selling.report.sales_person_target_variance_based_on_item_group.sales_person_target_variance_based_on_item_group import (
		execute,
	)

	fiscal_year = frappe.db.get_value(
		"Fiscal Year", {"year_start_date": ("<=", period.start), "year_end_date": (">=", period.start)}
	)
	if not fiscal_year:
		return None
	distribution = f"{generator.PREFIX} Even"
	if not frappe.db.exists("Monthly Distribution", distribution):
		months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
			"October", "November", "December"]  # fmt: skip
		frappe.get_doc(
			{
				"doctype": "Monthly Distribution",
				"distribution_id": distribution,
				"percentages": [{"month": m, "percentage_allocation": 100 / 12} for m in months],
			}
		).insert(ignore_permissions=True)
	target = frappe.qb.DocType("Target Detail")
	frappe.qb.update(target).set(target.distribution_id, distribution).where(
		target.parent.like(f"{generator.PREFIX} %")
	).run()
	filters = frappe._dict(
		company=company,
		fiscal_year=fiscal_year,
		period="Monthly",
		doctype="Sales Invoice",
		target_on="Amount",
	)
	seconds, _result = timed(lambda: execute(filters))
	return seconds
