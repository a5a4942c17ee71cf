"""Turning the domain errors of `core/` into translated Frappe errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import frappe
from frappe import _
from frappe.utils.html_utils import sanitize_html

from sales_technology.core.errors import SalesTechnologyError

T = TypeVar("T")


class SalesRuleError(frappe.ValidationError):
	"""A rule of the sales technology refused the input."""


def translate_error(error: SalesTechnologyError) -> str:
	"""The error's message in the user's language (text arguments are translated too, as period names)."""
	args = [_(arg) if isinstance(arg, str) else arg for arg in error.args]
	return _(error.template).format(*args)


def throw(
	error: SalesTechnologyError, exc: type[Exception] = SalesRuleError, title: str | None = None
) -> None:
	frappe.throw(translate_error(error), exc=exc, title=title)


def enforce(rule: Callable[..., T], *args, exc: type[Exception] = SalesRuleError, **kwargs) -> T:
	"""Run a rule of `core/`, raising its error as a translated Frappe error."""
	try:
		return rule(*args, **kwargs)
	except SalesTechnologyError as error:
		throw(error, exc=exc)


SANITIZED_FIELDTYPES = ("Data", "Small Text", "Text", "Long Text", "Text Editor")


def sanitize_submitted_insert(doc, method: str | None = None) -> None:
	"""before_insert of the app's submittable doctypes: Frappe sanitizes what people type on every save
	except in a document inserted already submitted, and never a value that parses as JSON; here both."""
	if not doc.docstatus.is_submitted():
		return
	for row in (doc, *doc.get_all_children()):
		for field in row.meta.fields:
			value = row.get(field.fieldname)
			if field.fieldtype not in SANITIZED_FIELDTYPES or field.options == "Email":
				continue
			if isinstance(value, str) and ("<" in value or ">" in value):
				row.set(field.fieldname, sanitize_html(value, always_sanitize=True))
