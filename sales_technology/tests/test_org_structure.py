"""Who is who: users, Sales Persons and the Sales Person tree on a real site."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_technology.shared.org_structure import (
	NoSalesPersonError,
	SalesPersonWithoutUserError,
	get_ancestors,
	get_sales_person,
	get_sales_person_user,
	get_subtree,
	is_in_subtree,
	require_sales_person,
	users_sales_persons,
)
from sales_technology.tests.factories import create_employee, create_sales_person, create_user


class TestOrgStructure(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		suffix = frappe.generate_hash(length=6)
		cls.rep_user = create_user(f"st-rep-{suffix}@example.com")
		cls.lead_user = create_user(f"st-lead-{suffix}@example.com", ("Sales Group Lead",))
		cls.department = create_sales_person(f"ST Department {suffix}", is_group=True)
		cls.group = create_sales_person(
			f"ST Group {suffix}", parent=cls.department, is_group=True, user=cls.lead_user
		)
		cls.rep = create_sales_person(
			f"ST Rep {suffix}", parent=cls.group, employee=create_employee(cls.rep_user)
		)
		cls.other_rep = create_sales_person(f"ST Other Rep {suffix}", parent=cls.department)

	def test_user_is_found_through_the_employee(self):
		self.assertEqual(get_sales_person(self.rep_user), self.rep)

	def test_user_is_found_through_the_sales_person_user_field(self):
		self.assertEqual(get_sales_person(self.lead_user), self.group)

	def test_one_user_is_one_sales_person(self):
		from sales_technology.overrides.sales_person import AmbiguousSalesPersonError

		user = create_user(f"st-both-{frappe.generate_hash(length=6)}@example.com")
		through_employee = create_sales_person(parent=self.group, employee=create_employee(user))
		with self.assertRaises(AmbiguousSalesPersonError):  # through the User field as well
			create_sales_person(parent=self.department, user=user)
		with self.assertRaises(
			frappe.ValidationError
		):  # a second Sales Person of the Employee (ERPNext's rule)
			create_sales_person(
				parent=self.department,
				employee=frappe.db.get_value("Sales Person", through_employee, "employee"),
			)
		frappe.db.set_value("Sales Person", through_employee, "enabled", 0)
		direct = create_sales_person(parent=self.department, user=user)  # the old one disabled: fine
		self.assertEqual(get_sales_person(user), direct)

	def test_the_engine_and_get_sales_person_agree_on_legacy_double_links(self):
		"""Links made before the rule (or by SQL): the User field wins, the disabled one never counts."""

		user = create_user(f"st-legacy-{frappe.generate_hash(length=6)}@example.com")
		through_employee = create_sales_person(parent=self.group, employee=create_employee(user))
		direct = create_sales_person(parent=self.department)
		frappe.db.set_value("Sales Person", direct, "st_user", user)  # bypassing the validation
		mapping = users_sales_persons()
		rows = (
			frappe.qb.from_(mapping).select(mapping.sales_person).where(mapping.user == user).run(pluck=True)
		)
		self.assertEqual(rows, [direct])
		self.assertEqual(get_sales_person(user), direct)
		frappe.db.set_value("Sales Person", direct, "enabled", 0)
		rows = frappe.qb.from_(users_sales_persons()).select("*").run(as_dict=True)
		self.assertEqual([row.sales_person for row in rows if row.user == user], [through_employee])
		self.assertEqual(get_sales_person(user), through_employee)

	def test_disabled_sales_person_does_not_count(self):
		user = create_user(f"st-gone-{frappe.generate_hash(length=6)}@example.com")
		sales_person = create_sales_person(parent=self.group, user=user)
		frappe.db.set_value("Sales Person", sales_person, "enabled", 0)
		self.assertIsNone(get_sales_person(user))

	def test_user_without_sales_person_gets_a_clear_message(self):
		user = create_user(f"st-nobody-{frappe.generate_hash(length=6)}@example.com")
		with self.assertRaises(NoSalesPersonError) as raised:
			require_sales_person(user)
		self.assertIn(user, str(raised.exception))
		self.assertEqual(require_sales_person(self.rep_user), self.rep)

	def test_sales_person_user(self):
		self.assertEqual(get_sales_person_user(self.rep), self.rep_user)
		self.assertEqual(get_sales_person_user(self.group), self.lead_user)

	def test_employee_without_user_is_reported_by_name(self):
		employee = create_employee(first_name="Nikolai")
		sales_person = create_sales_person("ST Nikolai Without User", parent=self.group, employee=employee)
		with self.assertRaises(SalesPersonWithoutUserError) as raised:
			get_sales_person_user(sales_person)
		self.assertIn("ST Nikolai Without User", str(raised.exception))
		self.assertIn(employee, str(raised.exception))

	def test_subtree_and_ancestors(self):
		suffix = frappe.generate_hash(length=6)
		department = create_sales_person(f"ST Tree {suffix}", is_group=True)
		group = create_sales_person(f"ST Tree Group {suffix}", parent=department, is_group=True)
		rep = create_sales_person(f"ST Tree Rep {suffix}", parent=group)
		other_rep = create_sales_person(f"ST Tree Other {suffix}", parent=department)
		self.assertEqual(get_subtree(department), [department, group, rep, other_rep])
		self.assertEqual(get_subtree(group), [group, rep])
		self.assertEqual(get_subtree(group, include_self=False), [rep])
		self.assertEqual(get_subtree(rep), [rep])
		self.assertEqual(get_ancestors(rep)[-2:], [department, group])
		self.assertNotIn(other_rep, get_ancestors(rep))
		self.assertTrue(is_in_subtree(rep, department))
		self.assertFalse(is_in_subtree(other_rep, group))
		self.assertFalse(is_in_subtree(department, rep))
