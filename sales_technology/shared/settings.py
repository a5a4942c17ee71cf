"""The app's settings, read one way: every default and minimum lives in the Sales Technology Settings
doctype (a setting that must never be empty is mandatory there), not typed again in code."""

from __future__ import annotations

import frappe


def get_settings():
	"""Sales Technology Settings, cached until they are saved."""
	return frappe.get_cached_doc("Sales Technology Settings")
