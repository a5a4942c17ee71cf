"""Which reps a report covers: the chosen node's subtree, if the user may see it."""

from __future__ import annotations

import frappe
from frappe import _

from sales_technology.shared.access import NodeAccessError, get_scope
from sales_technology.shared.org_structure import get_sales_person, top_node


def report_nodes(sales_person: str | None) -> list[frappe._dict]:
	"""The nodes of the subtree (name, parent, is_group), after checking the user may see that node."""
	scope = get_scope(see_above=False)
	node = sales_person or get_sales_person()
	if not node:
		if scope.readable is not None:
			frappe.throw(_("Choose a Sales Person: you are not one yourself"), exc=NodeAccessError)
		node = top_node()
	if scope.readable is not None and node not in scope.readable:
		frappe.throw(
			_("You may not see the work of {0}: it is not in your part of the Sales Person tree").format(
				frappe.bold(node)
			),
			exc=NodeAccessError,
		)
	bounds = frappe.db.get_value("Sales Person", node, ["lft", "rgt"], as_dict=True)
	return frappe.get_all(
		"Sales Person",
		filters={"lft": (">=", bounds.lft), "rgt": ("<=", bounds.rgt), "enabled": 1},
		fields=["name", "parent_sales_person", "is_group", "lft", "rgt"],
		order_by="lft",
	)
