"""The department's meeting rhythm: the internal meetings created ahead by a daily job, their agendas
prefilled from the app's own data, and plan against fact frozen in the protocol when they are held.

The group lead holds the morning meeting of his group; the head the weekly and monthly meetings of his
department (their nodes are found by their users' roles). Creating twice creates nothing more: a meeting
is one per kind, node and day, whatever its status (a cancelled one is not made again).
"""

from __future__ import annotations

from datetime import date, timedelta

import frappe
from frappe import _
from frappe.utils import cint, flt, get_time, getdate, today

from sales_technology.activities.day_plans import shortfalls_of_day
from sales_technology.activities.jobs import describe
from sales_technology.core.meeting_rhythm import (
	MONTHLY,
	MORNING,
	ONE_ON_ONE,
	WEEKLY,
	Rhythm,
	one_on_one_slots,
	scheduled_meetings,
	weekday_index,
)
from sales_technology.core.periods import PeriodType, period_containing
from sales_technology.core.roles import SALES_GROUP_LEAD, SALES_HEAD
from sales_technology.kpi.engine import KPIEngineError, compute
from sales_technology.kpi.plan_fact import plan_vs_fact
from sales_technology.receivables.ledger import open_invoices
from sales_technology.shared.org_structure import company_of, users_by_sales_person
from sales_technology.shared.settings import get_settings
from sales_technology.shared.work_calendar import get_holidays

INTERNAL_KINDS = (MORNING, WEEKLY, MONTHLY)
# the seed's agendas of the weekly and monthly meetings (004, reporting documents)
STANDARD_AGENDA = {
	WEEKLY: (
		("Plan against fact of the department and each rep's personal plan", "Analyse the current situation"),
		("What is new", "Inform the team of changes"),
		("The reps' reports", "The work done and the results each rep expects"),
		("Next week's work", "What is needed to correct the situation"),
	),
	MONTHLY: (
		("Results of the month", "Plan against fact of the department, the groups and each rep"),
		("Recognition of the best rep", "The best rep of the month"),
		("The reps' reports", "The work done and the results each rep expects"),
		("Plans for the next month", "Targets and what is needed to reach them"),
	),
}


def rhythms() -> dict[str, Rhythm]:
	settings = get_settings()
	found = {}
	if settings.morning_meetings:
		found[MORNING] = Rhythm(MORNING, get_time(settings.morning_start), get_time(settings.morning_end))
	if settings.weekly_meetings:
		found[WEEKLY] = Rhythm(
			WEEKLY,
			get_time(settings.weekly_start),
			None,
			weekday_index(settings.weekly_weekday or "Friday"),
			cint(settings.weekly_every_weeks),
		)
	if settings.monthly_meetings:
		found[MONTHLY] = Rhythm(
			MONTHLY,
			get_time(settings.monthly_start),
			None,
			weekday_index(settings.monthly_weekday or "Friday"),
		)
	return found


def meeting_hosts() -> list[frappe._dict]:
	"""Every group node whose user leads a group (morning meetings) or heads a department (weekly and
	monthly meetings), with the users of its subtree as participants: a fixed number of queries."""

	tree = frappe.get_all(
		"Sales Person",
		filters={"enabled": 1},
		fields=["name", "lft", "rgt", "is_group"],
		order_by="lft",
	)
	user_of = users_by_sales_person()
	roles: dict[str, set[str]] = {}
	for row in frappe.get_all(
		"Has Role",
		filters={
			"parenttype": "User",
			"parent": ("in", list(user_of.values()) or [""]),
			"role": ("in", [SALES_GROUP_LEAD, SALES_HEAD]),
		},
		fields=["parent", "role"],
	):
		roles.setdefault(row.parent, set()).add(row.role)
	hosts = []
	for node in tree:
		user = user_of.get(node.name)
		if not (node.is_group and user and roles.get(user)):
			continue
		kinds = ([MORNING] if SALES_GROUP_LEAD in roles[user] else []) + (
			[WEEKLY, MONTHLY] if SALES_HEAD in roles[user] else []
		)
		members = [n.name for n in tree if node.lft <= n.lft and n.rgt <= node.rgt]
		participants = [user_of[m] for m in members if m in user_of]
		hosts.append(frappe._dict(node=node.name, user=user, kinds=kinds, participants=participants))
	return hosts


def create_meetings_ahead(day: date | None = None) -> list[str]:
	"""The internal meetings of the coming days (the settings say how many), once each; today's
	morning meetings get their agenda from yesterday's work."""

	start = getdate(day or today())
	end = start + timedelta(days=cint(get_settings().meetings_ahead_days))
	in_force = rhythms()
	existing = {
		(row.meeting_kind, row.sales_person, getdate(row.meeting_date))
		for row in frappe.get_all(
			"Sales Meeting",
			filters={"meeting_kind": ("in", INTERNAL_KINDS), "meeting_date": ("between", [start, end])},
			fields=["meeting_kind", "sales_person", "meeting_date"],
		)
	}
	holidays: dict[str | None, set[date]] = {}
	created = []
	for host in meeting_hosts():
		company = company_of(host.node)
		if company not in holidays:
			holidays[company] = get_holidays(company, start, end)
		for kind in host.kinds:
			if kind not in in_force:
				continue
			for meeting in scheduled_meetings(in_force[kind], start, end, holidays[company]):
				if (kind, host.node, meeting.day) in existing:
					continue
				doc = frappe.get_doc(
					{
						"doctype": "Sales Meeting",
						"meeting_kind": kind,
						"subject": _("{0}: {1}").format(_(kind), host.node),
						"sales_person": host.node,
						"company": company,
						"meeting_date": meeting.day,
						"start_time": meeting.start_time,
						"end_time": meeting.end_time,
						"place": "At Our Office",
						"participants": [{"side": "Ours", "user": user} for user in host.participants],
						"agenda": [
							{"topic": _(topic), "goal": _(goal), "speaker": speaker_of(host, index)}
							for index, (topic, goal) in enumerate(STANDARD_AGENDA.get(kind, ()))
						],
					}
				)
				if kind == MORNING and meeting.day == getdate(today()):
					doc.set("agenda", morning_agenda(host.node, meeting.day, company))
				doc.insert(ignore_permissions=True)
				existing.add((kind, host.node, meeting.day))
				created.append(doc.name)
	return created + create_one_on_ones(start, end)


def create_one_on_ones(start: date, end: date) -> list[str]:
	"""Each group lead's one-on-ones with the reps of his group on the settings' rhythm, one rep after
	another, once each: the rep's meeting (his and his lead's to read), with his week so far, his
	shortfalls and his open agreements on the agenda."""
	settings = get_settings()
	every = cint(settings.one_on_one_every_weeks)
	if not every:
		return []
	rhythm = Rhythm(
		ONE_ON_ONE,
		get_time(settings.one_on_one_start or "10:00:00"),
		None,
		weekday_index(settings.one_on_one_weekday or "Wednesday"),
		every,
	)
	existing = {
		(row.sales_person, getdate(row.meeting_date))
		for row in frappe.get_all(
			"Sales Meeting",
			filters={"meeting_kind": ONE_ON_ONE, "meeting_date": ("between", [start, end])},
			fields=["sales_person", "meeting_date"],
		)
	}
	user_of = users_by_sales_person()
	created = []
	for host in meeting_hosts():
		if MORNING not in host.kinds:
			continue
		reps = [
			rep
			for rep in frappe.get_all(
				"Sales Person",
				filters={"parent_sales_person": host.node, "is_group": 0, "enabled": 1},
				pluck="name",
				order_by="lft",
			)
			if rep in user_of
		]
		company = company_of(host.node)
		holidays = get_holidays(company, start, end)
		for meeting in scheduled_meetings(rhythm, start, end, holidays):
			for (begins, ends), rep in zip(one_on_one_slots(rhythm.start_time, len(reps)), reps, strict=True):
				if (rep, meeting.day) in existing:
					continue
				doc = frappe.get_doc(
					{
						"doctype": "Sales Meeting",
						"meeting_kind": ONE_ON_ONE,
						"subject": _("{0}: {1}").format(_(ONE_ON_ONE), rep),
						"sales_person": rep,
						"company": company,
						"meeting_date": meeting.day,
						"start_time": begins,
						"end_time": ends,
						"place": "At Our Office",
						"participants": [
							{"side": "Ours", "user": user} for user in (host.user, user_of[rep])
						],
						"agenda": one_on_one_agenda(rep, user_of[rep], meeting.day, company),
					}
				)
				doc.insert(ignore_permissions=True)
				existing.add((rep, meeting.day))
				created.append(doc.name)
	return created


def one_on_one_agenda(rep: str, user: str, day: date, company: str | None) -> list[dict]:
	"""The seed's questions, prefilled: his week so far, the shortfalls of his last working day, his open
	agreements; then where he needs help."""
	yesterday = previous_working_day(company, day)
	shortfalls = shortfalls_of_day([rep], yesterday).get(rep) or []
	agreements = frappe.get_all(
		"ToDo",
		filters={"allocated_to": user, "status": "Open", "reference_type": "Sales Meeting"},
		fields=["description", "date"],
		order_by="date asc",
		limit=10,
	)
	return [
		{
			"topic": _("His week so far"),
			"goal": plan_so_far(rep, day, PeriodType.WEEK) or _("No approved Week plan"),
		},
		{
			"topic": _("Shortfalls of {0} against the Day plan and norms").format(
				frappe.format(yesterday, "Date")
			),
			"goal": "; ".join(describe(shortfall) for shortfall in shortfalls) or _("No shortfalls"),
		},
		{
			"topic": _("His open agreements"),
			"goal": "\n".join(
				f"{frappe.utils.strip_html(row.description or '')[:140]} ({frappe.format(row.date, 'Date')})"
				for row in agreements
			)
			or _("None open"),
		},
		{
			"topic": _("Where he needs help"),
			"goal": _("Ask about his sales and results, where he needs help, and what to expect"),
		},
	]


def speaker_of(host, index: int) -> str:
	return _("Each rep") if index == 2 else frappe.db.get_value("User", host.user, "full_name") or host.user


def prefill_morning_agendas(day: date | None = None) -> list[str]:
	"""Today's morning meetings that have no agenda yet get it from yesterday's work (the job runs
	before the meeting; a lead who wrote his own agenda keeps it)."""
	day = getdate(day or today())
	filled = []
	for meeting in frappe.get_all(
		"Sales Meeting",
		filters={"meeting_kind": MORNING, "meeting_date": day, "status": "Planned"},
		fields=["name", "sales_person", "company"],
	):
		doc = frappe.get_doc("Sales Meeting", meeting.name)
		if doc.agenda:
			continue
		doc.set("agenda", morning_agenda(doc.sales_person, day, doc.company))
		doc.save(ignore_permissions=True)
		filled.append(doc.name)
	return filled


def run_daily() -> None:
	"""The scheduler's entry: create what is ahead, then fill today's morning agendas."""
	create_meetings_ahead()
	prefill_morning_agendas()


@frappe.whitelist(methods=["POST"])
def prefill_agenda(meeting: str) -> None:
	"""The form's *Prefill Agenda*: a morning meeting's items from the group's work, added to its agenda."""
	doc = frappe.get_doc("Sales Meeting", meeting)
	doc.check_permission("write")
	if doc.meeting_kind != MORNING:
		frappe.throw(_("Only a morning meeting's agenda is prefilled from the day's work"))
	for item in morning_agenda(doc.sales_person, getdate(doc.meeting_date), doc.company):
		doc.append("agenda", item)
	doc.save()


def previous_working_day(company: str | None, day: date) -> date:
	holidays = get_holidays(company, day - timedelta(days=14), day - timedelta(days=1))
	previous = day - timedelta(days=1)
	while previous in holidays and previous > day - timedelta(days=14):
		previous -= timedelta(days=1)
	return previous


def morning_agenda(node: str, day: date, company: str | None) -> list[dict]:
	"""Yesterday's daily reports and shortfalls, today's planned activities, the month so far."""

	reps = frappe.get_all(
		"Sales Person",
		filters={"parent_sales_person": node, "is_group": 0, "enabled": 1},
		pluck="name",
		order_by="lft",
	)
	yesterday = previous_working_day(company, day)
	on_date = frappe.format(yesterday, "Date")
	submitted = set(
		frappe.get_all(
			"Daily Sales Report",
			filters={"sales_person": ("in", reps or [""]), "report_date": yesterday, "docstatus": 1},
			pluck="sales_person",
		)
	)
	missing = [rep for rep in reps if rep not in submitted]
	reports = _("Submitted by {0} of {1}").format(len(submitted), len(reps))
	if missing:
		reports += "; " + _("missing: {0}").format(", ".join(missing))
	shortfalls = shortfalls_of_day(reps, yesterday) if reps else {}
	short_lines = [
		f"{rep}: " + "; ".join(describe(shortfall) for shortfall in shortfalls[rep])
		for rep in reps
		if shortfalls.get(rep)
	]
	planned = {
		row.sales_person: row.n
		for row in frappe.get_all(
			"Sales Activity",
			filters={"sales_person": ("in", reps or [""]), "status": "Planned", "planned_date": day},
			fields=["sales_person", "count(name) as n"],
			group_by="sales_person",
		)
	}
	planned_lines = [f"{rep}: {planned.get(rep, 0)}" for rep in reps]
	return [
		{"topic": _("Daily reports of {0}").format(on_date), "goal": reports},
		{
			"topic": _("Shortfalls of {0} against the Day plans and norms").format(on_date),
			"goal": "\n".join(short_lines) or _("No shortfalls"),
		},
		{"topic": _("Activities planned for today"), "goal": "\n".join(planned_lines) or _("No reps")},
		{"topic": _("The month so far"), "goal": month_so_far(node, day) or _("No approved Month plan")},
		{"topic": _("Overdue payments of the clients"), "goal": overdue_payments(reps, day, company)},
	]


def overdue_payments(reps: list[str], day: date, company: str | None) -> str:
	"""Per rep, what his clients owe past its term, the invoices and the oldest days overdue."""
	by_rep: dict[str, list] = {}
	for invoice in open_invoices(reps, day, company):
		if invoice.overdue:
			by_rep.setdefault(invoice.sales_person, []).append(invoice)
	lines = [
		_("{0}: {1} overdue (invoices: {2}, the oldest {3} days)").format(
			rep,
			frappe.format(sum(row.overdue for row in rows), {"fieldtype": "Currency"}),
			len(rows),
			max(row.days_overdue for row in rows),
		)
		for rep in reps
		if (rows := by_rep.get(rep))
	]
	return "\n".join(lines) or _("Nothing overdue")


def month_so_far(node: str, day: date) -> str:
	"""The node's approved Month plan against its fact so far, with the run-rate forecast."""
	return plan_so_far(node, day, PeriodType.MONTH)


def plan_so_far(node: str, day: date, period_type: PeriodType) -> str:
	"""The node's approved plan of the period against its fact so far, with the run-rate forecast."""

	period = period_containing(day, period_type)
	plans = frappe.get_all(
		"Sales Plan",
		filters={
			"sales_person": node,
			"period_type": period_type.value,
			"period_start": period.start,
			"docstatus": 1,
		},
		fields=["name", "company", "sales_person", "period_type", "period_start", "period_end"],
	)
	if not plans:
		return ""
	lines = []
	for row in plan_vs_fact(plans, day)[plans[0].name]:
		if row["fact"] is None:
			continue
		lines.append(
			_("{0}: {1} of {2} ({3}%), forecast {4}").format(
				_(row["kpi_name"]),
				flt(row["fact"], 2),
				flt(row["target"], 2),
				flt(row["fulfilment"], 1),
				flt(row["forecast"], 2),
			)
		)
	return "\n".join(lines)


def freeze_results(meeting) -> None:
	"""When a weekly or monthly meeting is held: its period's approved plans of the node and everyone
	under it against their facts, and at the monthly meeting the best rep, kept as they were that day."""

	if meeting.meeting_kind not in (WEEKLY, MONTHLY) or meeting.results:
		return
	day = getdate(meeting.meeting_date)
	period = period_containing(day, PeriodType.WEEK if meeting.meeting_kind == WEEKLY else PeriodType.MONTH)
	bounds = frappe.db.get_value("Sales Person", meeting.sales_person, ["lft", "rgt"], as_dict=True)
	nodes = frappe.get_all(
		"Sales Person",
		filters={"lft": (">=", bounds.lft), "rgt": ("<=", bounds.rgt)},
		fields=["name", "is_group"],
		order_by="lft",
	)
	plans = frappe.get_all(
		"Sales Plan",
		filters={
			"sales_person": ("in", [node.name for node in nodes]),
			"period_type": period.period_type.value,
			"period_start": period.start,
			"docstatus": 1,
		},
		fields=["name", "company", "sales_person", "period_type", "period_start", "period_end"],
		order_by="sales_person",
	)
	meeting.results_period = period.label()
	by_company: dict[str, list] = {}
	for plan in plans:
		by_company.setdefault(plan.company, []).append(plan)
	for company_plans in by_company.values():
		rows = plan_vs_fact(company_plans, day)
		for plan in company_plans:
			for row in rows[plan.name]:
				meeting.append(
					"results",
					{
						"sales_person": plan.sales_person,
						"kpi": row["kpi"],
						"kpi_name": row["kpi_name"],
						"unit": row["unit"],
						"target": row["target"],
						"fact": row["fact"] or 0,
						"fulfilment": row.get("fulfilment") or 0,
						"forecast": row.get("forecast") or 0,
					},
				)
	if meeting.meeting_kind == MONTHLY:
		set_best_rep(meeting, [node.name for node in nodes if not node.is_group], period)


def set_best_rep(meeting, reps: list[str], period) -> None:

	kpi = get_settings().best_rep_kpi
	if not (kpi and reps):
		return
	try:
		facts = compute([kpi], reps, period.start, period.end, PeriodType.MONTH, meeting.company)[kpi]
	except KPIEngineError:
		return
	by_rep = {rep: flt(facts.get((rep, period.start, ""), 0)) for rep in reps}
	lower_is_better = frappe.get_cached_value("Sales KPI", kpi, "direction") == "Lower is better"
	best = (min if lower_is_better else max)(by_rep, key=lambda rep: by_rep[rep])
	if by_rep[best] > 0 or lower_is_better:
		meeting.best_rep, meeting.best_rep_value = best, by_rep[best]
