"""The benchmark's department: 100 reps in 10 groups and their documents over two years, generated
once with bulk inserts (a second run finds them by the STB prefix). Never on a site with real data."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import frappe
from frappe.utils import getdate

from sales_technology.activities.next_steps import refresh_all as refresh_all_steps
from sales_technology.benchmarks.bulk_load import load_rows
from sales_technology.benchmarks.processes import run_in_processes
from sales_technology.core.claims import CLAIM_ISSUE_TYPE
from sales_technology.core.stage_history import moved_on_afterwards
from sales_technology.deals.funnel_analysis import default_funnel, funnel_stages
from sales_technology.overrides.sales_order import refresh_all_cross_sales

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
	"st_responsible_sales_person",
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
	processes: int = 1,
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
	give_reps_users(rep_names)
	make_customers(customers, rep_names)
	make_item()
	phases = {
		"activities": {"count": activities},
		"deals": {"count": opportunities},
		"sales": {"count": invoice_lines},
		"claims": {"count": claims},
	}
	common = {
		"prefix": PREFIX,
		"company": company,
		"start": str(start),
		"end": str(end),
		"reps": reps,
		"groups": groups,
		"load_from_files": commit,
	}
	if processes > 1 and commit:
		# each part of the documents in a bench process of its own (they read none of each other's rows)
		frappe.db.commit()
		run_phases_in_processes(
			[{**common, **values, "phase": phase} for phase, values in phases.items()], processes
		)
	else:
		for phase, values in phases.items():
			generate_phase(**{**common, **values, "phase": phase, "commit": False})
	if commit:
		frappe.db.commit()
		# bulk inserts leave the optimizer's statistics behind; a site that grew to this size has them
		# (ANALYZE commits implicitly, so never in a run that is to be rolled back)
		for doctype in (*TABLES_FILLED, "Sales Person", "Customer"):
			frappe.db.sql(f"analyze table `tab{doctype}`")
	return [root, *[f"{PREFIX} Group {g + 1:02d}" for g in range(groups)], *rep_names]


def rep_names_of(reps: int, groups: int) -> list[str]:
	return [f"{PREFIX} Rep {g + 1:02d}-{r + 1:02d}" for g in range(groups) for r in range(reps // groups)]


def user_of(rep: str) -> str:
	return f"{rep.lower().replace(' ', '-')}@bench.invalid"


def generate_phase(
	phase: str,
	prefix: str,
	company: str,
	start: str,
	end: str,
	reps: int,
	groups: int,
	count: int,
	commit=True,
	load_from_files: bool = False,
) -> None:
	"""One part of the department's documents (activities, deals, sales documents, claims and targets),
	from the people and customers made already; each part its own random stream, so that parts made in
	processes side by side are the same as parts made one after another."""
	global PREFIX, LOAD_FROM_FILES, CHUNK_ROWS
	PREFIX, LOAD_FROM_FILES = prefix, load_from_files
	CHUNK_ROWS = 200_000 if load_from_files else 20_000
	random.seed(f"{prefix}-{phase}")
	start, end = getdate(start), getdate(end)
	days = (end - start).days + 1
	rep_names = rep_names_of(reps, groups)
	customers = frappe.get_all(
		"Customer", filters={"name": ("like", f"{prefix} Customer %")}, pluck="name", order_by="name"
	)
	if phase == "activities":
		insert_activities(count, rep_names, customers, start, days)
		loaded()
		refresh_all_steps()  # the funnel steps each activity's save would have written
	elif phase == "deals":
		insert_opportunities(count, company, customers, {user_of(rep): rep for rep in rep_names}, start, end)
	elif phase == "sales":
		item_groups = frappe.get_all("Item Group", filters={"is_group": 0}, pluck="name")[:5] or [
			"All Item Groups"
		]
		sales = (company, rep_names, customers, start, days, make_item(), item_groups)
		insert_sales_documents("Sales Invoice", count, *sales)
		insert_sales_documents("Sales Order", count // 5, *sales)
		loaded()
		refresh_all_cross_sales()  # what each order's submit would have marked
		set_first_purchases(customers)
	elif phase == "claims":
		insert_claims(count, company, customers, start, days)
		item_groups = frappe.get_all("Item Group", filters={"is_group": 0}, pluck="name")[:5] or [
			"All Item Groups"
		]
		add_targets(rep_names, item_groups, company)
	if commit:
		frappe.db.commit()


def loaded() -> None:
	"""Rows loaded on another connection are read from the next transaction on."""
	if LOAD_FROM_FILES:
		frappe.db.commit()


def run_phases_in_processes(phases: list[dict], processes: int) -> None:
	"""The parts in bench processes, `processes` at a time, the largest first; a part that fails stops the
	run with its output (drop the site and generate again: the people are made, the part is not)."""
	ordered = sorted(phases, key=lambda phase: -phase["count"] * (5 if phase["phase"] == "activities" else 1))
	run_in_processes(f"{__name__}.generate_phase", [(phase["phase"], phase) for phase in ordered], processes)


def give_reps_users(reps: list[str]) -> list[str]:
	"""Each rep works as a user (by the Sales Person's User field), who owns its opportunities; bare User
	rows (no roles, website users), since the jobs timed here notify them."""
	users = [user_of(rep) for rep in reps]
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


def make_item(code: str | None = None) -> str:
	"""A non-stock service item of the first leaf item group (the benchmarks' one item)."""
	code = code or f"{PREFIX} Service"
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
		if len(rows) >= CHUNK_ROWS:
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
				reps_by_user[owner],  # every generated deal has an owner: the deal is his rep's
			]
		)
		if len(rows) >= CHUNK_ROWS:
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
		if len(items) >= CHUNK_ROWS:
			flush(doctype, documents, [*DOCUMENT_FIELDS, date_field, *own_fields])
			flush(item_doctype, items, ITEM_FIELDS)
			flush("Sales Team", team, TEAM_FIELDS)
	flush(doctype, documents, [*DOCUMENT_FIELDS, date_field, *own_fields])
	flush(item_doctype, items, ITEM_FIELDS)
	flush("Sales Team", team, TEAM_FIELDS)


# a run that commits loads its rows from files (`bulk_load`); one rolled back inserts them in its transaction
LOAD_FROM_FILES = False
CHUNK_ROWS = 20_000


def flush(doctype: str, rows: list, fields: list[str]) -> None:
	if not rows:
		return
	if LOAD_FROM_FILES:
		load_rows(doctype, STANDARD + fields, rows)
	else:
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
