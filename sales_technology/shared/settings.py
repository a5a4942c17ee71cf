"""The app's settings, read one way: every default and minimum lives in the Sales Technology Settings
doctype (a setting that must never be empty is mandatory there), not typed again in code."""

from __future__ import annotations

import frappe


def get_settings():
	"""Sales Technology Settings, cached until they are saved."""
	return frappe.get_cached_doc("Sales Technology Settings")


def site_language() -> str:
	"""The site's language (System Settings): what the app writes into stored text that every user reads,
	such as a plan's title, whatever the language of whoever saved it."""
	return frappe.db.get_default("lang") or frappe.db.get_single_value("System Settings", "language") or "en"
