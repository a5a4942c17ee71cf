"""Sales Invoice events: a customer's commitment level follows its real purchases."""

from __future__ import annotations

from sales_technology.overrides.customer import refresh_commitment_level


def update_customer_commitment(doc, method: str | None = None) -> None:
	"""On submit and cancel, recount the customer's purchases (returns never count)."""
	if doc.customer:
		refresh_commitment_level(doc.customer)
