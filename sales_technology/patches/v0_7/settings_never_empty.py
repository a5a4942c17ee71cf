"""The settings the code reads as they are (no default typed again in code) get their doctype default
where a site left them empty or below their minimum."""

import frappe
from frappe.utils import cint

from sales_technology.sales_technology.doctype.sales_technology_settings.sales_technology_settings import (
	SETTING_MINIMUMS,
)


def execute() -> None:
	meta = frappe.get_meta("Sales Technology Settings")
	for fieldname, minimum in SETTING_MINIMUMS.items():
		value = frappe.db.get_single_value("Sales Technology Settings", fieldname)
		if cint(value) < minimum:
			default = meta.get_field(fieldname).default
			frappe.db.set_single_value("Sales Technology Settings", fieldname, cint(default) or minimum)
