"""Working Days a Rep May Log Back is new: a site that saved its settings before the field existed stored
0 (today only) for it; the release's default is the previous working day."""

import frappe


def execute() -> None:
	if not frappe.db.get_single_value("Sales Technology Settings", "rep_backdating_days"):
		frappe.db.set_single_value("Sales Technology Settings", "rep_backdating_days", 1)
