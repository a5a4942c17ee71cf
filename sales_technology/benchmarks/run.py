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
- ERPNext's "Sales Person Target Variance Based On Item Group" for turnover.
Do not run it on a site with real data: it adds its rows to the live tables.
"""

from __future__ import annotations

import random
import time
from datetime import datetime, timedelta

import frappe
from frappe.query_builder.functions import Count
from frappe.utils import add_months, flt, getdate

from sales_technology.activities.deal_dates import refresh_activity_dates
from sales_technology.core.kpi_definition import parse_filters
from sales_technology.core.periods import PeriodType, period_containing
from sales_technology.core.stage_history import moved_on_afterwards
from sales_technology.deals.funnel_analysis import default_funnel, funnel_stages
from sales_technology.deals.stale_deals import flag_stale_deals
from sales_technology.kpi.engine import compute
from sales_technology.sales_technology.report.funnel_analysis import funnel_analysis
from sales_technology.sales_technology.report.plan_fulfilment import plan_fulfilment
from sales_technology.sales_technology.report.prospective_clients import prospective_clients
from sales_technology.setup.standard_kpis import CLAIM_ISSUE_TYPE

PREFIX = "STB"
# activity type: (KPI tag, is a meeting, channel)
TAGS = {
	"Establish contact": ("Cold Call", 0, "Phone"),
	"Call the decision maker: book a meeting": ("Call to Decision Maker", 0, "Phone"),
	"Discover needs and risks": ("Needs Meeting", 1, "Meeting at the Client"),
	"Negotiate terms of cooperation": ("Terms Meeting", 1, "Meeting at the Client"),
	"Prepare the technical proposal": ("Technical Proposal", 0, None),
	"Cold meeting": ("Cold Meeting", 1, "Meeting at the Client"),
	"Sign the contract": ("Contract Prepared", 0, None),
}
ACTIVITY_FIELDS = [
	"activity_type",
	"kpi_tag",
	"is_meeting",
	"channel",
	"subject",
	"status",
	"sales_person",
	"planned_on",
	"planned_date",
	"done_at",
	"done_on",
	"party_type",
	"party",
]
OPPORTUNITY_FIELDS = [
	"opportunity_from",
	"party_name",
	"status",
	"transaction_date",
	"st_closed_on",
	"company",
	"opportunity_type",
	"opportunity_owner",
	"opportunity_amount",
	"base_opportunity_amount",
	"st_is_partner",
	"sales_stage",
	"st_sales_funnel",
]
STAGE_CHANGE_FIELDS = [
	"opportunity",
	"sales_funnel",
	"event",
	"sales_person",
	"changed_at",
	"from_stage",
	"to_stage",
	"from_status",
	"to_status",
	"days_in_stage",
	"moved_forward",
	"moved_on_later",
	"won_later",
	"amount",
	"source",
]
# doctype: (name prefix, date field, item doctype, the header's own fields besides the common ones)
SALES_DOCUMENTS = {
	"Sales Invoice": ("SINV", "posting_date", "Sales Invoice Item", ["due_date", "is_return"]),
	"Sales Order": ("SO", "transaction_date", "Sales Order Item", ["delivery_date", "st_is_pilot"]),
}
DOCUMENT_FIELDS = [
	"docstatus",
	"customer",
	"company",
	"base_net_total",
	"net_total",
	"base_grand_total",
	"grand_total",
]
ITEM_FIELDS = [
	"docstatus",
	"parent",
	"parenttype",
	"parentfield",
	"idx",
	"item_code",
	"item_name",
	"item_group",
	"qty",
	"stock_qty",
	"rate",
	"base_rate",
	"net_amount",
	"base_net_amount",
]
TEAM_FIELDS = [
	"docstatus",
	"parent",
	"parenttype",
	"parentfield",
	"idx",
	"sales_person",
	"allocated_percentage",
	"allocated_amount",
]


def run(
	reps: int = 100,
	groups: int = 10,
	activities: int = 1_000_000,
	opportunities: int = 200_000,
	invoice_lines: int = 500_000,
	customers: int = 1000,
	claims: int = 5000,
	month: str | None = None,
	prefix: str = "STB",
	commit: bool = True,
	erpnext_report: bool = True,
) -> dict:
	global PREFIX
	PREFIX = prefix  # another prefix, another data set (a small one for a quick try)
	frappe.flags.in_test = True  # no notifications, no realtime
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	end = getdate("2026-10-31")
	start = add_months(end, -24) + timedelta(days=1)
	nodes = generate(
		company, reps, groups, activities, opportunities, invoice_lines, start, end, commit, customers, claims
	)
	month_start = getdate(month) if month else getdate("2026-09-01")
	period = period_containing(month_start, PeriodType.MONTH)
	kpis = frappe.get_all(
		"Sales KPI", filters={"is_standard": 1, "aggregate": ("is", "set"), "for_month": 1}, pluck="name"
	)

	def engine(of_nodes):
		return compute(kpis, of_nodes, period.start, period.end, "Month", company)

	# the first run reads from disk what the database has not cached yet; a report run again and again
	# through the day runs warm: both are shown, the best of three warm runs is the one compared
	first_time, facts = timed(lambda: engine(nodes))
	engine_time = best_of(3, lambda: engine(nodes))
	leaves = [n for n in nodes if n.startswith(f"{PREFIX} Rep")]
	# the per-rep way for the KPIs it can follow, and the engine for the same KPIs, so that the ratio
	# compares like with like; every rep's every fact of theirs must agree
	same_kpis = naive_kpis(kpis)
	naive_time, naive = timed(lambda: naive_facts(same_kpis, leaves, period.start, period.end, company))
	engine_same_time = best_of(
		3, lambda: compute(same_kpis, nodes, period.start, period.end, "Month", company)
	)
	check = disagreements(facts, naive, same_kpis, leaves, period.start)
	# the cost grows with the KPIs, not with the nodes: one group (11 nodes) beside all 111, and each KPI
	group = [n for n in nodes if n.startswith(f"{PREFIX} Group 01") or n.startswith(f"{PREFIX} Rep 01-")]
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
		f"{len(same_kpis)} KPIs {naive_time:.3f} s (the engine {engine_same_time:.3f} s for them)",
		flush=True,
	)
	funnel_first, funnel_rows = timed(lambda: funnel_report(period, root=nodes[0]))
	funnel_time = best_of(3, lambda: funnel_report(period, root=nodes[0]))
	print(f"Funnel Analysis {funnel_time:.3f} s (first run {funnel_first:.3f} s, {funnel_rows} rows)")
	deal_control = deal_control_times(company, root=nodes[0], group=nodes[1])
	print(deal_control)
	erpnext_time = erpnext_report_time(company, period) if erpnext_report else None
	result = {
		"kpis": len(kpis),
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
		"naive_seconds": round(naive_time, 3),
		"engine_same_kpis_seconds": round(engine_same_time, 3),
		"naive_over_engine": round(naive_time / engine_same_time, 1),
		"erpnext_report_seconds": round(erpnext_time, 3) if erpnext_time else None,
		"erpnext_over_engine": round(erpnext_time / engine_time, 1) if erpnext_time else None,
		"engine_and_naive_disagree_on": check,
		**deal_control,
	}
	print(result)
	return result


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
		where name like '{PREFIX}-OPP-%' and expected_closing is null"""
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
	frappe.db.delete("Stale Deal", {"opportunity": ("like", f"{PREFIX}-OPP-%")})
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

	root, groups = nodes[0], [n for n in nodes if n.startswith(f"{PREFIX} Group")]
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
		name = f"{PREFIX}-PLAN-{node}-{period.start}"
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


def generate(
	company,
	reps,
	groups,
	activities,
	opportunities,
	invoice_lines,
	start,
	end,
	commit=True,
	customers=1000,
	claims=5000,
) -> list[str]:
	"""The department and its documents, unless an earlier run made them."""
	root = f"{PREFIX} Department"
	if frappe.db.exists("Sales Person", root):
		bounds = frappe.db.get_value("Sales Person", root, ["lft", "rgt"], as_dict=True)
		return frappe.get_all(
			"Sales Person", filters={"lft": (">=", bounds.lft), "rgt": ("<=", bounds.rgt)}, pluck="name"
		)
	random.seed(15)
	frappe.get_doc(
		{"doctype": "Sales Person", "sales_person_name": root, "is_group": 1, "parent_sales_person": None}
	).insert(ignore_permissions=True)
	rep_names = []
	for g in range(groups):
		group = f"{PREFIX} Group {g + 1:02d}"
		frappe.get_doc(
			{
				"doctype": "Sales Person",
				"sales_person_name": group,
				"is_group": 1,
				"parent_sales_person": root,
			}
		).insert(ignore_permissions=True)
		for r in range(reps // groups):
			rep = f"{PREFIX} Rep {g + 1:02d}-{r + 1:02d}"
			frappe.get_doc(
				{"doctype": "Sales Person", "sales_person_name": rep, "parent_sales_person": group}
			).insert(ignore_permissions=True)
			rep_names.append(rep)
	users = give_reps_users(rep_names)
	customers = make_customers(customers, rep_names)
	days = (end - start).days + 1
	item_groups = frappe.get_all("Item Group", filters={"is_group": 0}, pluck="name")[:5] or [
		"All Item Groups"
	]
	item = make_item()
	insert_activities(activities, rep_names, customers, start, days)
	insert_opportunities(
		opportunities, company, customers, dict(zip(users, rep_names, strict=True)), start, end
	)
	sales = (company, rep_names, customers, start, days, item, item_groups)
	insert_sales_documents("Sales Invoice", invoice_lines, *sales)
	insert_sales_documents("Sales Order", invoice_lines // 5, *sales)
	set_first_purchases(customers)
	insert_claims(claims, company, customers, start, days)
	add_targets(rep_names, item_groups, company)
	if commit:
		frappe.db.commit()
		# bulk inserts leave the optimizer's statistics behind; a site that grew to this size has them
		# (ANALYZE commits implicitly, so never in a run that is to be rolled back)
		for doctype in (*TABLES_FILLED, "Sales Person", "Customer"):
			frappe.db.sql(f"analyze table `tab{doctype}`")
	return [root, *[f"{PREFIX} Group {g + 1:02d}" for g in range(groups)], *rep_names]


def give_reps_users(reps: list[str]) -> list[str]:
	"""Each rep works as a user (by the Sales Person's User field), who owns its opportunities; bare User
	rows (no roles, website users), since the jobs timed here notify them."""
	users = [f"{rep.lower().replace(' ', '-')}@bench.invalid" for rep in reps]
	now = frappe.utils.now()
	frappe.db.bulk_insert(
		"User",
		fields=["name", "email", "first_name", "enabled", "user_type", "creation", "modified"],
		values=[(user, user, user.split("@")[0], 1, "Website User", now, now) for user in users],
		ignore_duplicates=True,
	)
	person = frappe.qb.DocType("Sales Person")
	for rep, user in zip(reps, users, strict=True):
		frappe.qb.update(person).set(person.st_user, user).where(person.name == rep).run()
	return users


def make_customers(count: int, reps: list[str]) -> list[str]:
	"""Customers each with a responsible rep and one of five market segments."""
	segments = [f"{PREFIX} Segment {n}" for n in range(1, 6)]
	for segment in segments:
		if not frappe.db.exists("Market Segment", segment):
			frappe.get_doc({"doctype": "Market Segment", "market_segment": segment}).insert(
				ignore_permissions=True
			)
	names = []
	for i in range(count):
		name = f"{PREFIX} Customer {i:04d}"
		if not frappe.db.exists("Customer", name):
			frappe.get_doc(
				{
					"doctype": "Customer",
					"customer_name": name,
					"customer_group": frappe.db.get_value("Customer Group", {"is_group": 0}),
					"territory": frappe.db.get_value("Territory", {"is_group": 0}),
					"st_responsible_sales_person": random.choice(reps),
					"market_segment": random.choice(segments),
				}
			).insert(ignore_permissions=True)
		names.append(name)
	return names


def set_first_purchases(customers: list[str]) -> None:
	"""What submitting the invoices would have set: each customer's first purchase, in one query."""
	frappe.db.sql(
		"""update `tabCustomer` c join (
			select customer, min(posting_date) as first_on from `tabSales Invoice`
			where docstatus = 1 and is_return = 0 and customer in %(customers)s group by customer
		) f on f.customer = c.name set c.st_first_purchase_on = f.first_on""",
		{"customers": customers},
	)


def insert_claims(count: int, company: str, customers: list[str], start, days) -> None:
	"""Claims: ERPNext Issues of the type install creates, each of a customer."""
	fields = ["subject", "status", "issue_type", "customer", "opening_date"]
	with_company = frappe.get_meta("Issue").has_field("company")
	rows = []
	for i in range(count):
		day = start + timedelta(days=random.randrange(days))
		rows.append(
			[
				*standard_columns(f"{PREFIX}-ISS-{i:06d}", datetime.combine(day, datetime.min.time())),
				f"Claim {i}",
				"Open",
				CLAIM_ISSUE_TYPE,
				random.choice(customers),
				day,
				*([company] if with_company else []),
			]
		)
	flush("Issue", rows, [*fields, *(["company"] if with_company else [])])


def make_item() -> str:
	code = f"{PREFIX} Service"
	if not frappe.db.exists("Item", code):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_group": frappe.db.get_value("Item Group", {"is_group": 0}),
				"stock_uom": "Nos",
				"is_stock_item": 0,
			}
		).insert(ignore_permissions=True)
	return code


def standard_columns(name: str, when: datetime) -> list:
	return [name, when, when, "Administrator", "Administrator"]


STANDARD = ["name", "creation", "modified", "owner", "modified_by"]
TABLES_FILLED = (
	"Sales Activity",
	"Opportunity",
	"Sales Invoice",
	"Sales Invoice Item",
	"Sales Order",
	"Sales Order Item",
	"Sales Team",
	"Target Detail",
	"Issue",
	"Deal Stage Change",
)


def insert_activities(count, reps, customers, start, days) -> None:
	types = list(TAGS)
	rows = []
	for i in range(count):
		day = start + timedelta(days=random.randrange(days))
		when = datetime.combine(day, datetime.min.time()) + timedelta(hours=9 + random.randrange(9))
		activity_type = random.choice(types)
		kpi_tag, is_meeting, channel = TAGS[activity_type]
		done = random.random() < 0.8
		rows.append(
			[
				# registered up to two weeks before it was planned: the preparation times have days to average
				*standard_columns(f"{PREFIX}-ACT-{i:07d}", when - timedelta(days=random.randrange(15))),
				activity_type,
				kpi_tag,
				is_meeting,
				channel,
				"Call",
				"Done" if done else "Missed",
				random.choice(reps),
				when,
				day,
				when if done else None,
				day if done else None,
				"Customer",
				random.choice(customers),
			]
		)
		if len(rows) == 20_000:
			flush("Sales Activity", rows, ACTIVITY_FIELDS)
	flush("Sales Activity", rows, ACTIVITY_FIELDS)


def insert_opportunities(count, company, customers, reps_by_user, start, end) -> None:
	"""Deals of customers and (potential clients) of leads, a tenth of them partners. A deal is won or
	lost 1 to 90 days after it opened; one whose day has not come by the end of the data is still in
	work (Open or Quotation). Each moves through the default funnel on its way (`stage_history`)."""

	funnel = default_funnel()
	stages = [stage.sales_stage for stage in funnel_stages(funnel)]
	users = list(reps_by_user)
	rows, changes, days = [], [], (end - start).days + 1
	for i in range(count):
		day = start + timedelta(days=random.randrange(days))
		closed = day + timedelta(days=random.randrange(1, 91))
		if closed <= end:
			status = random.choice(["Converted", "Lost"])
		else:
			status, closed = random.choice(["Open", "Quotation"]), None
		of_customer = random.random() < 0.5
		amount = round(random.uniform(1000, 50000), 2)
		name, owner = f"{PREFIX}-OPP-{i:07d}", random.choice(users)
		history, stage = stage_history(
			name, funnel, stages, reps_by_user[owner], day, closed or end, status, amount
		)
		changes += history
		rows.append(
			[
				*standard_columns(name, datetime.combine(day, datetime.min.time())),
				"Customer" if of_customer else "Lead",
				random.choice(customers) if of_customer else f"{PREFIX}-LEAD-{random.randrange(20_000):05d}",
				status,
				day,
				closed,
				company,
				"Sales",
				owner,
				amount,
				amount,
				int(random.random() < 0.1),
				stage,
				funnel,
			]
		)
		if len(rows) == 20_000:
			flush("Opportunity", rows, OPPORTUNITY_FIELDS)
			flush("Deal Stage Change", changes, STAGE_CHANGE_FIELDS)
	flush("Opportunity", rows, OPPORTUNITY_FIELDS)
	flush("Deal Stage Change", changes, STAGE_CHANGE_FIELDS)


def stage_history(deal, funnel, stages, rep, opened, until, status, amount) -> tuple[list[list], str]:
	"""Opened on the first stage, 2 to 4 moves (now and then one back, mostly on), each some days
	after the last, then won or lost on the day the deal closed; the rows and the stage it ends on."""
	at = datetime.combine(opened, datetime.min.time()) + timedelta(hours=9)
	last_day = datetime.combine(until, datetime.min.time()) + timedelta(hours=18)
	steps = [("Opened", None, stages[0], None, "Open", 0.0, 0, at)]
	index = 0
	for _move in range(random.randrange(2, 5)):
		later = at + timedelta(hours=random.randrange(12, 24 * 20))
		if later >= last_day:
			break
		to = (
			max(index - 1, 0)
			if random.random() < 0.15
			else min(index + random.choice((1, 1, 2)), len(stages) - 1)
		)
		if to == index:
			continue
		days = round((later - at).total_seconds() / 86400, 2)
		steps.append(
			("Stage Changed", stages[index], stages[to], "Open", "Open", days, int(to > index), later)
		)
		index, at = to, later
	if status in ("Converted", "Lost"):
		days = round(max((last_day - at).total_seconds(), 0) / 86400, 2)
		event = "Won" if status == "Converted" else "Lost"
		steps.append(
			(event, stages[index], stages[index], "Open", status, days, int(event == "Won"), last_day)
		)
	afterwards = moved_on_afterwards([(step[0], step[1], step[2], bool(step[6])) for step in steps])
	rows = []
	for n, (event, from_stage, to_stage, from_status, to_status, days, moved, when) in enumerate(steps):
		rows.append(
			[
				*standard_columns(f"{deal}-{n}", when),
				deal,
				funnel,
				event,
				rep,
				when,
				from_stage,
				to_stage,
				from_status,
				to_status,
				days,
				moved,
				int(afterwards[n]),
				int(status == "Converted" and event in ("Opened", "Stage Changed")),
				amount,
				"Recorded",
			]
		)
	return rows, stages[index]


def insert_sales_documents(doctype, lines, company, reps, customers, start, days, item, item_groups) -> None:
	"""Documents of 5 lines each; a quarter of them shared 60/40 between two reps."""
	code, date_field, item_doctype, own_fields = SALES_DOCUMENTS[doctype]
	documents, items, team = [], [], []
	for i in range(lines // 5):
		day = start + timedelta(days=random.randrange(days))
		created = datetime.combine(day, datetime.min.time())
		name = f"{PREFIX}-{code}-{i:07d}"
		amounts = [round(random.uniform(100, 5000), 2) for _line in range(5)]
		total = round(sum(amounts), 2)
		own = [day, 0] if doctype == "Sales Invoice" else [day, int(random.random() < 0.05)]
		documents.append(
			[
				*standard_columns(name, created),
				1,
				random.choice(customers),
				company,
				total,
				total,
				total,
				total,
				day,
				*own,
			]
		)
		for line, amount in enumerate(amounts):
			items.append(
				[
					*standard_columns(f"{name}-{line}", created),
					1,
					name,
					doctype,
					"items",
					line + 1,
					item,
					item,
					random.choice(item_groups),
					1,
					1,
					amount,
					amount,
					amount,
					amount,
				]
			)
		first = random.choice(reps)
		shares = [(first, 100)] if random.random() < 0.75 else [(first, 60), (random.choice(reps), 40)]
		for n, (rep, share) in enumerate(shares):
			team.append(
				[
					*standard_columns(f"{name}-st{n}", created),
					1,
					name,
					doctype,
					"sales_team",
					n + 1,
					rep,
					share,
					round(total * share / 100, 2),
				]
			)
		if len(items) >= 20_000:
			flush(doctype, documents, [*DOCUMENT_FIELDS, date_field, *own_fields])
			flush(item_doctype, items, ITEM_FIELDS)
			flush("Sales Team", team, TEAM_FIELDS)
	flush(doctype, documents, [*DOCUMENT_FIELDS, date_field, *own_fields])
	flush(item_doctype, items, ITEM_FIELDS)
	flush("Sales Team", team, TEAM_FIELDS)


def flush(doctype: str, rows: list, fields: list[str]) -> None:
	if rows:
		frappe.db.bulk_insert(doctype, fields=STANDARD + fields, values=rows, ignore_duplicates=True)
		rows.clear()


def add_targets(reps, item_groups, company) -> None:
	"""Targets per rep and item group, for ERPNext's target variance report."""
	fiscal_year = frappe.db.get_value(
		"Fiscal Year", {"year_start_date": ("<=", "2026-09-01"), "year_end_date": (">=", "2026-09-01")}
	)
	if not fiscal_year:
		return
	rows = []
	for rep in reps:
		for n, item_group in enumerate(item_groups):
			rows.append(
				[
					*standard_columns(f"{PREFIX}-TGT-{rep}-{n}", datetime.now()),
					rep,
					"Sales Person",
					"targets",
					n + 1,
					item_group,
					fiscal_year,
					100000,
					0,
				]
			)
	flush(
		"Target Detail",
		rows,
		[
			"parent",
			"parenttype",
			"parentfield",
			"idx",
			"item_group",
			"fiscal_year",
			"target_amount",
			"target_qty",
		],
	)


# the aggregates the naive computation knows; the Python-method KPIs (cross-sales, churn, conversions,
# quality levels) have no declaration it could follow
MEASURED = {  # aggregate: (definition field, column alias) it reads
	"Count": (),
	"Sum": (("value_field", "value"),),
	"Distinct Count": (("distinct_field", "distinct_value"),),
	"Average Days Between": (("start_date_field", "started"), ("end_date_field", "ended")),
	"Open at Date": (("value_field", "value"), ("distinct_field", "distinct_value")),
}
NAIVE_AGGREGATES = tuple(MEASURED)


def naive_kpis(kpis) -> list[str]:
	return frappe.get_all(
		"Sales KPI", filters={"name": ("in", kpis), "aggregate": ("in", NAIVE_AGGREGATES)}, pluck="name"
	)


def naive_facts(kpis, reps, start, end, company) -> dict:
	"""The same facts as code without the engine gets them: for every rep and KPI, a `frappe.get_all`
	of the rep's documents of the month (and what a dimension links to, looked up document by document),
	added up in Python. {(KPI, rep, dimension value): fact}"""
	users = dict(
		frappe.get_all(
			"Sales Person", filters={"name": ("in", reps)}, fields=["name", "st_user"], as_list=True
		)
	)
	facts = {}
	for kpi in naive_kpis(kpis):
		definition = frappe.get_doc("Sales KPI", kpi)
		for rep in reps:
			for dimension, value in naive_fact(definition, rep, users.get(rep), start, end, company).items():
				facts[(kpi, rep, dimension)] = value
	return facts


def naive_fact(definition, rep: str, user: str | None, start, end, company) -> dict[str, float]:
	"""One rep's fact of one KPI, by dimension value."""
	doctype = definition.source_doctype
	meta = frappe.get_meta(doctype)
	filters = [[doctype, f, op, value] for f, op, value in parse_filters(definition.filters)]
	filters.append([doctype, "docstatus", "=", 1] if meta.is_submittable else [doctype, "docstatus", "<", 2])
	if meta.has_field("company"):
		filters.append([doctype, "company", "=", company])
	or_filters = None
	if definition.aggregate == "Open at Date":  # opened by the end of the month, not closed by then
		filters.append([doctype, definition.date_field, "<=", end])
		or_filters = [
			[doctype, definition.end_date_field, "is", "not set"],
			[doctype, definition.end_date_field, ">", end],
		]
	else:
		filters.append([doctype, definition.date_field, "between", [start, end]])

	fields = ["name"]
	share = None
	if definition.attribution == "Sales Team":
		filters.append(["Sales Team", "sales_person", "=", rep])
		share = "`tabSales Team`.allocated_percentage as share"
	elif definition.attribution == "Owner User":
		filters.append([doctype, definition.attribution_field, "=", user])
	elif "." in definition.attribution_field:  # the rep responsible for the linked document
		link, field = definition.attribution_field.split(".", 1)
		linked = frappe.get_meta(doctype).get_field(link).options
		filters.append([doctype, link, "in", frappe.get_all(linked, {field: rep}, pluck="name") or [""]])
	else:
		filters.append([doctype, definition.attribution_field, "=", rep])

	def column(path: str, alias: str) -> str:
		if "." not in path:
			return f"`tab{doctype}`.`{path}` as {alias}"
		child = meta.get_field(path.split(".", 1)[0]).options
		return f"`tab{child}`.`{path.split('.', 1)[1]}` as {alias}"

	dimension = definition.dimension_field if definition.dimension else None
	link_field = dimension.split(".", 1)[0] if dimension and "." in dimension else None
	by_link = link_field and meta.get_field(link_field).fieldtype not in frappe.model.table_fields
	if dimension:
		fields.append(column(link_field if by_link else dimension, "dimension"))
	for field, alias in MEASURED[definition.aggregate]:
		if definition.get(field):
			fields.append(column(definition.get(field), alias))
	if share:
		fields.append(share)
	rows = frappe.get_all(doctype, filters=filters, or_filters=or_filters, fields=fields)

	by_dimension: dict[str, list] = {}
	for row in rows:
		value = row.get("dimension")
		if by_link and value:  # one lookup per document, as a report without joins does
			value = frappe.db.get_value(meta.get_field(link_field).options, value, dimension.split(".", 1)[1])
		by_dimension.setdefault(value or "", []).append(row)
	facts = {}
	for value, group in by_dimension.items():
		if definition.aggregate == "Sum" or (
			definition.aggregate == "Open at Date" and definition.value_field
		):
			facts[value] = sum(flt(r.value) * (flt(r.share) / 100 if share else 1) for r in group)
		elif definition.aggregate == "Count":
			facts[value] = len({r.name for r in group})
		elif definition.aggregate in ("Distinct Count", "Open at Date"):
			facts[value] = len({r.distinct_value for r in group if r.distinct_value})
		elif definition.aggregate == "Average Days Between":
			days = [(getdate(r.ended) - getdate(r.started)).days for r in group]
			facts[value] = sum(days) / len(days)
	return facts


def disagreements(facts, naive, kpis, reps, month_start) -> list[tuple[str, str, str]]:
	"""(KPI, rep, dimension value) where the engine and the per-rep computation differ, either way."""
	keys = set(naive) | {
		(kpi, rep, dimension)
		for kpi in kpis
		for (rep, _bucket, dimension), value in facts[kpi].items()
		if rep in reps and value
	}
	return sorted(
		key
		for key in keys
		if abs(flt(facts[key[0]].get((key[1], month_start, key[2]))) - flt(naive.get(key))) > 0.01
	)


def erpnext_report_time(company, period) -> float | None:
	from erpnext.selling.report.sales_person_target_variance_based_on_item_group.sales_person_target_variance_based_on_item_group import (
		execute,
	)

	fiscal_year = frappe.db.get_value(
		"Fiscal Year", {"year_start_date": ("<=", period.start), "year_end_date": (">=", period.start)}
	)
	if not fiscal_year:
		return None
	distribution = f"{PREFIX} Even"
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
		target.parent.like(f"{PREFIX} %")
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
