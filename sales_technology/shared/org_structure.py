"""Who is who in the sales department: users, Sales Persons and the Sales Person tree.

The org structure is ERPNext's Sales Person tree. A user is a Sales Person through the Sales Person's own
`st_user` field or, for a Sales Person without one, through the Employee it links (Employee.user_id),
unless that user already is a Sales Person by the `st_user` field. This one rule (`users_sales_persons`)
decides for the KPI engine, the access scope, the approvals, the jobs and the Sales Person validator, so
that whoever gets a node's scope also gets its facts.
"""

from __future__ import annotations

from collections.abc import Callable

import frappe
from frappe import _
from frappe.utils.nestedset import get_ancestors_of, get_descendants_of


class NoSalesPersonError(frappe.ValidationError):
	"""The user is not a Sales Person, so a feature that needs one cannot run."""


class SalesPersonWithoutUserError(frappe.ValidationError):
	"""A Sales Person that no user can act as."""


def sales_person_tree_signature() -> str:
	"""A digest of who stands under whom: rows rolled up under another tree are not read as this one's."""
	return frappe.db.sql(
		"""select md5(group_concat(name, '>', ifnull(parent_sales_person, '') order by name separator '|'))
		from `tabSales Person`"""
	)[0][0]


def users_sales_persons(enabled_only: bool = True):
	"""(user, sales_person) as a derived table: the Sales Person's User field, or else the user of its
	Employee unless that user has a Sales Person by the User field; joined by equality, not an OR per row."""
	person = frappe.qb.DocType("Sales Person")
	direct = frappe.qb.DocType("Sales Person").as_("direct")
	employee = frappe.qb.DocType("Employee")
	by_user_field = (
		frappe.qb.from_(person)
		.select(person.st_user.as_("user"), person.name.as_("sales_person"))
		.where(person.st_user.isnotnull() & (person.st_user != ""))
	)
	by_employee = (
		frappe.qb.from_(person)
		.join(employee)
		.on(employee.name == person.employee)
		.left_join(direct)
		.on((direct.st_user == employee.user_id) & (direct.enabled == 1))
		.select(employee.user_id.as_("user"), person.name.as_("sales_person"))
		.where((person.st_user.isnull() | (person.st_user == "")) & employee.user_id.isnotnull())
		.where(direct.name.isnull())
	)
	if enabled_only:
		by_user_field = by_user_field.where(person.enabled == 1)
		by_employee = by_employee.where(person.enabled == 1)
	return (by_user_field + by_employee).as_("users_sales_persons")


def get_sales_person(user: str | None = None) -> str | None:
	"""The enabled Sales Person the user works as, or None: `users_sales_persons` for one user, as two
	look-ups by equality (every deal's save asks it; the derived table of all users took 5 ms)."""
	user = user or frappe.session.user
	if not user:
		return None
	person = frappe.qb.DocType("Sales Person")
	direct = (
		frappe.qb.from_(person)
		.select(person.name)
		.where(person.st_user == user)
		.where(person.enabled == 1)
		.orderby(person.lft)
		.limit(1)
	).run(pluck=True)
	if direct:
		# a user with an enabled Sales Person by the User field is never another through an Employee
		return direct[0]
	employee = frappe.qb.DocType("Employee")
	rows = (
		frappe.qb.from_(person)
		.join(employee)
		.on(employee.name == person.employee)
		.select(person.name)
		.where(employee.user_id == user)
		.where(person.st_user.isnull() | (person.st_user == ""))
		.where(person.enabled == 1)
		.orderby(person.lft)
		.limit(1)
	).run(pluck=True)
	return rows[0] if rows else None


def sales_persons_of_user(user: str) -> list[str]:
	"""Every enabled Sales Person the user would work as by either path (the validator refuses a second)."""
	person = frappe.qb.DocType("Sales Person")
	employee = frappe.qb.DocType("Employee")
	return (
		frappe.qb.from_(person)
		.left_join(employee)
		.on(employee.name == person.employee)
		.select(person.name)
		.where(person.enabled == 1)
		.where(
			(person.st_user == user)
			| ((person.st_user.isnull() | (person.st_user == "")) & (employee.user_id == user))
		)
	).run(pluck=True)


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
	mapping = users_sales_persons(enabled_only=False)
	users = (
		frappe.qb.from_(mapping)
		.select(mapping.user)
		.where(mapping.sales_person == sales_person)
		.run(pluck=True)
	)
	if users:
		return users[0]
	if values.employee and not frappe.db.get_value("Employee", values.employee, "user_id"):
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


def users_by_sales_person() -> dict[str, str]:
	"""{Sales Person: user} of every enabled Sales Person someone works as, in one query."""
	mapping = users_sales_persons()
	return {
		row.sales_person: row.user
		for row in frappe.qb.from_(mapping).select(mapping.user, mapping.sales_person).run(as_dict=True)
	}


def users_with_role(role: str) -> list[str]:
	"""Enabled users who hold the role (Administrator and Guest aside)."""
	from frappe.utils.user import get_users_with_role

	return sorted(set(get_users_with_role(role)) - {"Administrator", "Guest"})


def _exists(sales_person: str) -> None:
	if not frappe.db.exists("Sales Person", sales_person):
		frappe.throw(
			_("Sales Person {0} does not exist").format(frappe.bold(sales_person)),
			exc=frappe.DoesNotExistError,
		)


def get_subtree(sales_person: str, include_self: bool = True) -> list[str]:
	"""The Sales Person and every node below it, in tree order."""
	_exists(sales_person)
	below = get_descendants_of("Sales Person", sales_person, ignore_permissions=True, order_by="lft")
	return [sales_person, *below] if include_self else below


def get_ancestors(sales_person: str) -> list[str]:
	"""The nodes above the Sales Person, from the root down."""
	if not sales_person or not frappe.db.exists("Sales Person", sales_person):
		return []
	return get_ancestors_of("Sales Person", sales_person, order_by="lft asc")


def is_in_subtree(sales_person: str, root: str) -> bool:
	"""Whether `sales_person` is `root` or below it."""
	node = frappe.db.get_value("Sales Person", sales_person, ["lft", "rgt"], as_dict=True)
	top = frappe.db.get_value("Sales Person", root, ["lft", "rgt"], as_dict=True)
	return bool(node and top and top.lft <= node.lft and node.rgt <= top.rgt)


def group_leads_finder() -> Callable[[str], list[str]]:
	"""`leads_of(node)`: the user of the nearest node above it that has one (the group lead), from one read
	of the tree and its users, for jobs that tell the leads of many reps at once."""
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


def group_leads_of(sales_person: str) -> list[str]:
	"""The user of the nearest node above the Sales Person that has one: the group lead."""
	return group_leads_finder()(sales_person)


def users_above(sales_person: str) -> list[str]:
	"""The users of every node above the Sales Person, nearest first (lead, head, ...)."""
	users = users_by_sales_person()
	return [users[node] for node in reversed(get_ancestors(sales_person)) if node in users]


def employee_company(sales_person: str | None) -> str | None:
	"""The company of the Sales Person's Employee, if it has one."""
	employee = frappe.db.get_value("Sales Person", sales_person, "employee") if sales_person else None
	return frappe.db.get_value("Employee", employee, "company") if employee else None


def company_of(sales_person: str | None) -> str | None:
	"""The company a Sales Person works for (its Employee's), else the site's default company: its holiday
	list decides the rep's working days."""
	return employee_company(sales_person) or frappe.db.get_single_value("Global Defaults", "default_company")


def top_node() -> str | None:
	"""Where a report opens for who stands above the tree (the director, the analyst): the department, not
	the tree's root: from the root down while a node has one enabled child group and no reps of its own.
	Above several departments it is the node that holds them all, so that each shows with their sum."""
	node = frappe.db.get_value("Sales Person", {"parent_sales_person": ("is", "not set")}, order_by="lft")
	while node:
		children = frappe.get_all(
			"Sales Person", filters={"parent_sales_person": node, "enabled": 1}, fields=["name", "is_group"]
		)
		if len(children) != 1 or not children[0].is_group:
			return node
		node = children[0].name
	return node
