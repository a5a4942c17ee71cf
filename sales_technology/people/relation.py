"""How a user stands to a rep whose development he reads: the rep himself, or who manages him."""

from __future__ import annotations

from sales_technology.shared.access import get_scope


def relation_to(sales_person: str, user: str) -> str | None:
	"""'rep' for the rep, 'manager' for who manages his node (his lead, the head, the director), else None."""
	scope = get_scope(user, see_above=False)
	if scope.own_node and scope.own_node == sales_person:
		return "rep"
	if scope.manageable is None or sales_person in scope.manageable:
		return "manager"
	return None
