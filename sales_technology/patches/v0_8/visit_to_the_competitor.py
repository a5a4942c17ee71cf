"""The intel source and checklist purpose "Visit" is "Visit to the Competitor": ERPNext's own Russian for
the word «Visit» («Посетите нас по адресу») is not what the app means, and the app leaves it to ERPNext."""

import frappe

from sales_technology.core.competitors import VISIT


def execute() -> None:
	frappe.db.sql("update `tabCompetitor Intel` set source = %s where source = 'Visit'", VISIT)
	frappe.db.sql("update `tabCompetitor Checklist` set purpose = %s where purpose = 'Visit'", VISIT)
