"""Period reviews made for the head when a month or quarter has ended (from its KPI Snapshot), and the
late ones told to the head and the General Director once."""

from __future__ import annotations

from datetime import date, timedelta

import frappe
from frappe import _
from frappe.utils import getdate, today

from sales_technology.core.period_reviews import is_behind
from sales_technology.core.roles import GENERAL_DIRECTOR
from sales_technology.core.workflow_states import DRAFT, RETURNED
from sales_technology.meetings.rhythm import MORNING, WEEKLY, meeting_hosts
from sales_technology.shared.notices import notify_once
from sales_technology.shared.org_structure import get_sales_person_user, users_with_role
from sales_technology.shared.settings import get_settings

REVIEWED_PERIODS = ("Month", "Quarter")
# periods that ended longer ago are not reviewed any more (a site's history gets no reviews on install)
LOOK_BACK_DAYS = 62


def create_period_reviews(day: date | None = None) -> list[str]:
	"""A review for each department (and group, if the settings say so) of every month and quarter that
	ended lately and has a KPI Snapshot, once."""

	day = getdate(day or today())
	snapshot = frappe.qb.DocType("KPI Snapshot")
	periods = (
		frappe.qb.from_(snapshot)
		.select(snapshot.company, snapshot.period_type, snapshot.period_start)
		.distinct()
		.where(snapshot.period_type.isin(REVIEWED_PERIODS))
		.where(snapshot.period_end < day)
		.where(snapshot.period_end >= day - timedelta(days=LOOK_BACK_DAYS))
	).run(as_dict=True)
	if not periods:
		return []
	per_group = get_settings().review_per_group
	hosts = [
		host for host in meeting_hosts() if WEEKLY in host.kinds or (per_group and MORNING in host.kinds)
	]
	existing = {
		(row.sales_person, row.period_type, getdate(row.period_start))
		for row in frappe.get_all(
			"Period Review",
			filters={"period_start": ("in", [p.period_start for p in periods])},
			fields=["sales_person", "period_type", "period_start"],
		)
	}
	created = []
	for host in hosts:
		bounds = frappe.db.get_value("Sales Person", host.node, ["lft", "rgt"], as_dict=True)
		subtree = frappe.get_all(
			"Sales Person", filters={"lft": (">=", bounds.lft), "rgt": ("<=", bounds.rgt)}, pluck="name"
		)
		for period in periods:
			if (host.node, period.period_type, getdate(period.period_start)) in existing:
				continue
			rows = frappe.get_all(
				"KPI Snapshot",
				filters={
					"company": period.company,
					"period_type": period.period_type,
					"period_start": period.period_start,
					"sales_person": ("in", subtree),
				},
				fields=["sales_person", "kpi", "kpi_name", "direction", "target", "fact", "fulfilment"],
				order_by="sales_person asc, kpi asc",
			)
			if not rows:
				continue
			review = frappe.get_doc(
				{
					"doctype": "Period Review",
					"sales_person": host.node,
					"company": period.company,
					"period_type": period.period_type,
					"period_start": period.period_start,
					"items": [
						{
							"sales_person": row.sales_person,
							"kpi": row.kpi,
							"kpi_name": row.kpi_name,
							"target": row.target,
							"fact": row.fact,
							"fulfilment": row.fulfilment,
							"is_behind": int(is_behind(row.target or 0, row.fact or 0, row.direction)),
						}
						for row in rows
					],
				}
			)
			review.insert(ignore_permissions=True)
			existing.add((host.node, period.period_type, getdate(period.period_start)))
			created.append(review.name)
	return created


def flag_late_reviews(day: date | None = None) -> list[str]:
	"""Reviews not submitted by their due date are late: the head (the node's user) and the General
	Director hear of it once."""

	day = getdate(day or today())
	late = frappe.get_all(
		"Period Review",
		filters={"workflow_state": ("in", [DRAFT, RETURNED]), "due_date": ("<", day)},
		fields=["name", "sales_person", "period_label", "due_date"],
	)
	if not late:
		return []
	frappe.db.set_value("Period Review", {"name": ("in", [row.name for row in late])}, "is_late", 1)
	directors = set(users_with_role(GENERAL_DIRECTOR))
	notified = []
	for row in late:
		try:
			head = get_sales_person_user(row.sales_person)
		except frappe.ValidationError:
			head = None
		subject = _("The review of {0} for {1} was due on {2}").format(
			row.sales_person, row.period_label, frappe.format(row.due_date, "Date")
		)
		for user in ({head} | directors) - {None}:
			if notify_once(
				user,
				f"review-late:{row.name}",
				subject,
				subject,
				row.sales_person,
				("Period Review", row.name),
			):
				notified.append(user)
	return notified


def validate_market_change(doc) -> None:
	"""Market Change validate (seed 000, 4.1: the head watches the market and the process each month):
	kept for the month's first day, and linked to the month's Period Review of the same node, so that
	the review shows the changes beside the figures."""
	month = getdate(doc.month)
	doc.month = month.replace(day=1)
	doc.period_review = frappe.db.get_value(
		"Period Review",
		{"sales_person": doc.sales_person, "period_type": "Month", "period_start": doc.month},
	)
