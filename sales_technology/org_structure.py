"""Who is who in the sales department: users, Sales Persons and the Sales Person tree.

The org structure is ERPNext's Sales Person tree. A user is a Sales Person through the Employee the
Sales Person links (Employee.user_id) or, for companies that keep no Employee records, through the
Sales Person's own `st_user` field, which wins where both are set.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import Criterion


class NoSalesPersonError(frappe.ValidationError):
	"""The user is not a Sales Person, so a feature that needs one cannot run."""


class SalesPersonWithoutUserError(frappe.ValidationError):
	"""A Sales Person that no user can act as."""


def get_sales_person(user: str | None = None) -> str | None:
	"""The enabled Sales Person the user works as, or None."""
	user = user or frappe.session.user
	sales_person = frappe.qb.DocType("Sales Person")
	employee = frappe.qb.DocType("Employee")
	rows = (
		frappe.qb.from_(sales_person)
		.left_join(employee)
		.on(employee.name == sales_person.employee)
		.select(sales_person.name, sales_person.st_user)
		.where(sales_person.enabled == 1)
		.where(Criterion.any([sales_person.st_user == user, employee.user_id == user]))
		.orderby(sales_person.lft)
	).run(as_dict=True)
	if not rows:
		return None
	direct = [row.name for row in rows if row.st_user == user]
	return (direct or [rows[0].name])[0]


def require_sales_person(user: str | None = None) -> str:
	"""The user's Sales Person, or a clear error saying how to become one."""
	user = user or frappe.session.user
	sales_person = get_sales_person(user)
	if not sales_person:
		frappe.throw(
			_(
				"User {0} is not a Sales Person. Ask your administrator to link the user to a Sales Person, "
				"through the Employee of the Sales Person or its User field."
			).format(frappe.bold(user)),
			title=_("No Sales Person"),
			exc=NoSalesPersonError,
		)
	return sales_person


def get_sales_person_user(sales_person: str) -> str:
	"""The user who works as this Sales Person; an error naming the Sales Person if there is none."""
	values = frappe.db.get_value("Sales Person", sales_person, ["st_user", "employee"], as_dict=True)
	if values is None:
		frappe.throw(
			_("Sales Person {0} does not exist").format(frappe.bold(sales_person)),
			exc=frappe.DoesNotExistError,
		)
	if values.st_user:
		return values.st_user
	if values.employee:
		user = frappe.db.get_value("Employee", values.employee, "user_id")
		if user:
			return user
		frappe.throw(
			_(
				"Sales Person {0} has no user: its Employee {1} has no User ID. Set the Employee's User ID "
				"or the Sales Person's User."
			).format(frappe.bold(sales_person), frappe.bold(values.employee)),
			title=_("Sales Person without User"),
			exc=SalesPersonWithoutUserError,
		)
	frappe.throw(
		_(
			"Sales Person {0} has no user: link an Employee with a User ID or set the Sales Person's User."
		).format(frappe.bold(sales_person)),
		title=_("Sales Person without User"),
		exc=SalesPersonWithoutUserError,
	)


def get_subtree(sales_person: str, include_self: bool = True) -> list[str]:
	"""The Sales Person and every node below it, in tree order (nested set lft/rgt)."""
	bounds = frappe.db.get_value("Sales Person", sales_person, ["lft", "rgt"], as_dict=True)
	if bounds is None:
		frappe.throw(
			_("Sales Person {0} does not exist").format(frappe.bold(sales_person)),
			exc=frappe.DoesNotExistError,
		)
	table = frappe.qb.DocType("Sales Person")
	query = frappe.qb.from_(table).select(table.name).orderby(table.lft)
	if include_self:
		query = query.where((table.lft >= bounds.lft) & (table.rgt <= bounds.rgt))
	else:
		query = query.where((table.lft > bounds.lft) & (table.rgt < bounds.rgt))
	return query.run(pluck=True)


def get_ancestors(sales_person: str) -> list[str]:
	"""The nodes above the Sales Person, from the root down."""
	bounds = frappe.db.get_value("Sales Person", sales_person, ["lft", "rgt"], as_dict=True)
	if bounds is None:
		return []
	table = frappe.qb.DocType("Sales Person")
	return (
		frappe.qb.from_(table)
		.select(table.name)
		.where((table.lft < bounds.lft) & (table.rgt > bounds.rgt))
		.orderby(table.lft)
	).run(pluck=True)


def is_in_subtree(sales_person: str, root: str) -> bool:
	"""Whether `sales_person` is `root` or below it."""
	node = frappe.db.get_value("Sales Person", sales_person, ["lft", "rgt"], as_dict=True)
	top = frappe.db.get_value("Sales Person", root, ["lft", "rgt"], as_dict=True)
	return bool(node and top and top.lft <= node.lft and node.rgt <= top.rgt)


def employee_company(sales_person: str | None) -> str | None:
	"""The company of the Sales Person's Employee, if it has one."""
	employee = frappe.db.get_value("Sales Person", sales_person, "employee") if sales_person else None
	return frappe.db.get_value("Employee", employee, "company") if employee else None


def company_of(sales_person: str | None) -> str | None:
	"""The company a Sales Person works for (its Employee's), else the site's default company: its holiday
	list decides the rep's working days."""
	return employee_company(sales_person) or frappe.db.get_single_value("Global Defaults", "default_company")


def users_by_sales_person() -> dict[str, str]:
	"""{Sales Person: user} of every enabled Sales Person someone works as, in one query: the rule of
	get_sales_person (one user, one Sales Person) through the KPI engine's own mapping."""
	from sales_technology.kpi.engine import users_sales_persons

	mapping = users_sales_persons()
	return {
		row.sales_person: row.user
		for row in frappe.qb.from_(mapping).select(mapping.user, mapping.sales_person).run(as_dict=True)
	}


def group_leads_finder():
	"""`leads_of(rep)`: the user of the nearest node above the rep that has one (the group lead), from one
	read of the tree and its users, for jobs that tell the leads of many reps at once."""
	users = users_by_sales_person()
	parents = dict(frappe.get_all("Sales Person", fields=["name", "parent_sales_person"], as_list=True))

	def leads_of(node: str) -> list[str]:
		above = parents.get(node)
		while above:
			if above in users:
				return [users[above]]
			above = parents.get(above)
		return []

	return leads_of
