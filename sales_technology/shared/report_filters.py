"""A report's filters as its code reads them: one value of the right type each, or a clear error that
names the filter (what a crafted request sends otherwise ends in a SQL or Python traceback)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate

DATE_FILTERS = frozenset({"from_date", "to_date", "date", "on_date", "due_before", "revisit_on"})
CHECK_FILTERS = frozenset({"show_deals"})
NUMBER_FILTERS = frozenset({"target_turnover", "target_clients"})


class ReportFilterError(frappe.ValidationError):
	"""A filter of the wrong shape or type."""


def clean_filters(filters, multiple: tuple[str, ...] = ()) -> frappe._dict:
	"""The filters, each a single value (but the `multiple` ones), dates as dates, numbers as numbers."""
	filters = frappe._dict(frappe.parse_json(filters) if isinstance(filters, str) else (filters or {}))
	for key, value in list(filters.items()):
		label = frappe.bold(_(frappe.unscrub(key)))
		if key in multiple:
			continue
		if isinstance(value, list | dict | tuple):
			frappe.throw(_("The filter {0} takes one value").format(label), exc=ReportFilterError)
		if value in (None, ""):
			continue
		try:
			if key in DATE_FILTERS:
				filters[key] = getdate(value)
			elif key in CHECK_FILTERS:
				filters[key] = cint(value)
			elif key in NUMBER_FILTERS:
				filters[key] = flt(value)
			elif not isinstance(value, str | int | float):
				raise ValueError(value)
		except Exception:
			frappe.clear_last_message()
			frappe.throw(
				_("The filter {0} does not take {1}").format(label, frappe.bold(str(value)[:40])),
				exc=ReportFilterError,
			)
	return filters
