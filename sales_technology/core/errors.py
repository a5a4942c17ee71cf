"""Errors raised by the domain rules.

They carry an English message template and its arguments instead of a finished string, so that the
Frappe layer can translate the template (`_(error.template).format(*error.args)`) while `core/` stays
free of Frappe.
"""

from __future__ import annotations


class SalesTechnologyError(ValueError):
	def __init__(self, template: str, *args: object) -> None:
		self.template = template
		self.args = args
		super().__init__(*args)

	def __str__(self) -> str:
		return self.template.format(*self.args)
