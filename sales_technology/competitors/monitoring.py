"""Monitoring the competitors (seed 004: marketing monitors the competitors once a month): every month
each monitored competitor gets a monitoring task for an analyst (shared out evenly, the same one each
month while the analysts stay the same), and a competitor nobody learned anything about for the
settings' days is flagged to the analysts and the heads, once until it is updated.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.utils import cint, format_date, getdate, today

from sales_technology.competitors.intel import refresh_last_update
from sales_technology.core.competitors import is_stale, monitoring_month
from sales_technology.core.roles import SALES_ANALYST, SALES_HEAD
from sales_technology.shared.notices import notify_once
from sales_technology.shared.org_structure import users_with_role
from sales_technology.shared.settings import get_settings


def monitor_competitors(day: date | str | None = None) -> dict:
	"""Daily: this month's monitoring tasks that are missing, and the competitors gone stale."""
	day = getdate(day or today())
	refresh_last_update()
	competitors = frappe.get_all(
		"Competitor",
		filters={"st_monitored": 1},
		fields=["name", "st_last_intel_on"],
		order_by="name",
	)
	return {
		"tasks": give_monitoring_tasks(competitors, day),
		"stale": flag_stale_competitors(competitors, day),
	}


def give_monitoring_tasks(competitors: list[frappe._dict], day: date) -> list[str]:
	"""A ToDo per competitor for the month, due on its last day; a competitor that has one (of any
	status) for the month gets none."""
	start, end = monitoring_month(day)
	analysts = users_with_role(SALES_ANALYST) or users_with_role(SALES_HEAD)
	if not analysts or not competitors:
		return []
	given = set(
		frappe.get_all(
			"ToDo",
			filters={"reference_type": "Competitor", "date": end, "st_monitoring": 1},
			pluck="reference_name",
		)
	)
	month = format_date(start, "MMMM yyyy")
	created = []
	for index, competitor in enumerate(competitors):
		if competitor.name in given:
			continue
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": analysts[index % len(analysts)],
				"reference_type": "Competitor",
				"reference_name": competitor.name,
				"date": end,
				"st_monitoring": 1,
				"priority": "Medium",
				"assigned_by": "Administrator",
				"description": _(
					"Monitor the competitor {0} for {1}: their prices, offers, website, materials and news; "
					"record what you learn as Competitor Intel and review their positioning"
				).format(competitor.name, month),
			}
		).insert(ignore_permissions=True)
		created.append(competitor.name)
	return created


def flag_stale_competitors(competitors: list[frappe._dict], day: date) -> list[str]:
	"""The monitored competitors not updated for the settings' days, told once per last update."""

	days = cint(get_settings().competitor_stale_days)
	stale = [
		competitor
		for competitor in competitors
		if is_stale(getdate(competitor.st_last_intel_on) if competitor.st_last_intel_on else None, day, days)
	]
	readers = sorted(set(users_with_role(SALES_ANALYST)) | set(users_with_role(SALES_HEAD)))
	for competitor in stale:
		last = competitor.st_last_intel_on
		subject = (
			_("Nothing new about the competitor {0} since {1}").format(competitor.name, format_date(last))
			if last
			else _("Nothing is known about the competitor {0} yet").format(competitor.name)
		)
		for user in readers:
			notify_once(
				user,
				f"competitor-stale:{competitor.name}:{last or 'never'}",
				subject,
				"",
				None,
				("Competitor", competitor.name),
			)
	return [competitor.name for competitor in stale]
