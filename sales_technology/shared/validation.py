"""Turning the domain errors of `core/` into translated Frappe errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import frappe
from frappe import _

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
