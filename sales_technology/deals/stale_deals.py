"""Deals that stopped moving (seed 002: no "dead" deals): every working day the open deals with no
activity for N days, past their expected closing, or open longer than a deal may last are flagged as
Stale Deals, and their owner and group lead are told once per deal and condition; a flag goes when its
condition clears.

A deal's last and next activity are kept on the deal (`st_last_activity_on`, `st_next_activity_on`), so
that the job and the forecast read them without going through a million activities: they are refreshed
when an activity of the deal is saved or deleted, when planned ones are marked missed, and on migrate.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import frappe
from frappe import _
from frappe.query_builder import CustomFunction
from frappe.query_builder.functions import Coalesce, Concat, Date
from frappe.query_builder.terms import ParameterizedValueWrapper as Value
from frappe.utils import add_days, cint, getdate, now, today

from sales_technology.core.deal_control import NO_ACTIVITY, OPEN_TOO_LONG, PAST_CLOSING
from sales_technology.core.pipeline import CLOSED_STATUSES
from sales_technology.shared.notices import notify_once
from sales_technology.shared.org_structure import group_leads_finder
from sales_technology.shared.settings import get_settings
from sales_technology.shared.work_calendar import is_working_day

# listed by name in one notice; the rest are counted
NOTICE_LINES = 20


# The job
# -------


def flag_stale_deals(day: date | None = None) -> dict[str, int]:
	"""Every working day: flag what became stale, clear what is not any more, tell who must act. Returns
	{condition: deals newly flagged}."""
	day = getdate(day or today())
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	if not is_working_day(company, day):
		return {}
	settings = get_settings()
	stale_days = cint(settings.stale_deal_days)
	max_days = cint(settings.max_deal_duration_days)
	deal = frappe.qb.DocType("Opportunity")
	opened = Coalesce(deal.transaction_date, Date(deal.creation))
	last = Coalesce(deal.st_last_activity_on, opened)
	conditions = {
		NO_ACTIVITY: (last <= add_days(day, -stale_days), last),
		PAST_CLOSING: (deal.expected_closing < day, deal.expected_closing),
		OPEN_TOO_LONG: (opened < add_days(day, -max_days), opened),
	}
	clear_flags(conditions)
	stamp = now()
	for condition, (holds, since) in conditions.items():
		insert_new_flags(condition, holds, since, day, stamp)
	rows = flagged_at(stamp, day)
	if rows:
		notify(rows, day)
	counts = {condition: 0 for condition in conditions}
	for row in rows:
		counts[row.reason] += 1
	return counts


def open_deal(deal):
	return deal.status.notin(CLOSED_STATUSES)


def clear_flags(conditions: dict) -> None:
	"""The flags whose deal closed, went away, or no longer meets the condition."""
	flag = frappe.qb.DocType("Stale Deal")
	deal = frappe.qb.DocType("Opportunity")
	for condition, (holds, _since) in conditions.items():
		still = frappe.qb.from_(deal).select(deal.name).where(open_deal(deal)).where(holds)
		(
			frappe.qb.from_(flag)
			.delete()
			.where(flag.reason == condition)
			.where(flag.opportunity.notin(still))
		).run()


# a flag's name is its deal's and condition's: a deal is flagged once per condition, whoever runs the job
Sha1 = CustomFunction("SHA1", ["value"])
Left = CustomFunction("LEFT", ["value", "length"])


def insert_new_flags(condition: str, holds, since, day: date, stamp: str) -> None:
	"""The open deals that meet the condition and carry no flag for it yet, flagged by one INSERT …
	SELECT: the database writes the rows (a site's first run flags thousands of deals)."""
	flag = frappe.qb.DocType("Stale Deal")
	deal = frappe.qb.DocType("Opportunity")
	(
		frappe.qb.into(flag)
		.columns(
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"docstatus",
			"opportunity",
			"party_name",
			"sales_person",
			"reason",
			"flagged_on",
			"since",
			"amount",
			"company",
		)
		.from_(deal)
		.left_join(flag)
		.on((flag.opportunity == deal.name) & (flag.reason == condition))
		.select(
			Left(Sha1(Concat(deal.name, "|", condition)), 10),
			Value(stamp),
			Value(stamp),
			Value("Administrator"),
			Value("Administrator"),
			Value(0),
			deal.name,
			Coalesce(deal.customer_name, deal.party_name),
			deal.st_responsible_sales_person.as_("sales_person"),
			Value(condition),
			Value(day),
			since,
			Coalesce(deal.base_opportunity_amount, 0),
			deal.company,
		)
		.where(open_deal(deal))
		.where(holds)
		.where(flag.name.isnull())
	).run()


def flagged_at(stamp: str, day: date) -> list[frappe._dict]:
	"""The flags this run made, with their deals' owners."""
	flag = frappe.qb.DocType("Stale Deal")
	deal = frappe.qb.DocType("Opportunity")
	return (
		frappe.qb.from_(flag)
		.join(deal)
		.on(deal.name == flag.opportunity)
		.select(
			flag.opportunity,
			flag.party_name,
			flag.sales_person,
			flag.reason,
			flag.since,
			deal.opportunity_owner,
		)
		.where(flag.flagged_on == day)
		.where(flag.creation == stamp)
		.orderby(flag.sales_person)
		.orderby(flag.opportunity)
	).run(as_dict=True)


def notify(rows: list[dict], day: date) -> None:
	"""One notice a day for each owner and group lead, naming the deals that became stale for them."""

	leads = group_leads_finder()
	by_user: dict[str, list[dict]] = defaultdict(list)
	for row in rows:
		users = {row.opportunity_owner} if row.opportunity_owner else set()
		if row.sales_person:
			users.update(leads(row.sales_person))
		for user in users:
			by_user[user].append(row)
	for user, found in by_user.items():
		lines = [
			_("{0} ({1}): {2} since {3}").format(
				row.opportunity,
				row.party_name or "",
				_(row.reason),
				frappe.format(row.since, "Date"),
			)
			for row in found[:NOTICE_LINES]
		]
		if len(found) > NOTICE_LINES:
			lines.append(_("and {0} more").format(len(found) - NOTICE_LINES))
		notify_once(
			user,
			f"stale-deals:{day}:{user}",
			_("{0} deals stopped moving").format(len(found)),
			"<br>".join(frappe.utils.escape_html(line) for line in lines),
			found[0].sales_person or "",
			link="/app/query-report/Stale Deals",
		)
