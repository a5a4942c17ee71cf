"""Install, migrate and uninstall leave the site with exactly one of everything and lose no data."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_technology.core.client_classification import STANDARD_CLIENT_CATEGORIES
from sales_technology.patches.v0_1 import create_client_classification_fields
from sales_technology.setup import install
from sales_technology.setup.custom_fields import CUSTOM_FIELDS
from sales_technology.tests.factories import create_customer


def count_app_records() -> dict[str, int]:
	custom_fields = {
		f"Custom Field {doctype}": frappe.db.count(
			"Custom Field", {"dt": doctype, "fieldname": ("like", "st\\_%")}
		)
		for doctype in CUSTOM_FIELDS
	}
	return {
		"Role": frappe.db.count("Role", {"name": ("in", install.ROLES)}),
		"Client Category": frappe.db.count("Client Category"),
		"Settings": frappe.db.count("Singles", {"doctype": "Sales Technology Settings"}),
		**custom_fields,
	}


class TestInstall(FrappeTestCase):
	def test_install_creates_roles_settings_categories_and_fields(self):
		for role in install.ROLES:
			self.assertTrue(frappe.db.exists("Role", role), role)
		for name, _ru, _meaning in STANDARD_CLIENT_CATEGORIES:
			self.assertEqual(frappe.db.get_value("Client Category", name, "is_standard"), 1)
		self.assertEqual(
			frappe.db.get_single_value("Sales Technology Settings", "working_day_source"),
			"Company Holiday List",
		)
		self.assertEqual(frappe.db.get_single_value("Sales Technology Settings", "stale_deal_days"), 14)
		for doctype, fields in CUSTOM_FIELDS.items():
			meta = frappe.get_meta(doctype)
			for field in fields:
				self.assertTrue(meta.has_field(field["fieldname"]), f"{doctype}.{field['fieldname']}")
				if field["fieldtype"] not in frappe.model.no_value_fields:  # sections, HTML: no column
					self.assertTrue(frappe.db.has_column(doctype, field["fieldname"]), field["fieldname"])

	def test_reinstall_and_migrate_create_no_duplicates(self):
		before = count_app_records()
		self.assertEqual(before["Role"], len(install.ROLES))
		self.assertGreaterEqual(before["Client Category"], len(STANDARD_CLIENT_CATEGORIES))
		for _run in range(2):
			install.after_install()
			install.after_migrate()
			create_client_classification_fields.execute()
		self.assertEqual(count_app_records(), before)

	def test_settings_keep_their_values_on_migrate(self):
		settings = frappe.get_single("Sales Technology Settings")
		# the uninstall test below alters tables, and DDL commits: put the value back explicitly
		self.addCleanup(
			frappe.db.set_single_value,
			"Sales Technology Settings",
			"stale_deal_days",
			settings.stale_deal_days,
		)
		settings.stale_deal_days = 21
		settings.save()
		install.after_migrate()
		self.assertEqual(frappe.db.get_single_value("Sales Technology Settings", "stale_deal_days"), 21)

	def test_the_sites_cards_and_charts_call_methods_that_exist(self):
		"""Number cards and chart sources are site records synced from the module's files: a method moved
		in code must reach them (their files' `modified` decides whether migrate syncs them)."""
		methods = frappe.get_all(
			"Number Card", filters={"module": "Sales Technology", "type": "Custom"}, pluck="method"
		)
		self.assertGreaterEqual(len(methods), 4)
		for method in methods:
			self.assertTrue(callable(frappe.get_attr(method)), method)
		for source in frappe.get_all(
			"Dashboard Chart Source", filters={"module": "Sales Technology"}, pluck="name"
		):
			folder = frappe.scrub(source)
			path = f"sales_technology.sales_technology.dashboard_chart_source.{folder}.{folder}.get"
			self.assertTrue(callable(frappe.get_attr(path)), path)

	def test_kpi_indexes_exist(self):
		for name, (doctype, columns) in install.KPI_INDEXES.items():
			self.assertEqual(install.index_columns(doctype, name), columns, f"{doctype}.{name}")

	def test_a_kpi_index_whose_columns_changed_is_rebuilt(self):
		name, (doctype, columns) = "st_kpi_posting", install.KPI_INDEXES["st_kpi_posting"]
		frappe.db.sql_ddl(f"alter table `tab{doctype}` drop index `{name}`")
		frappe.db.add_index(doctype, columns[:2], name)  # as an older version of the app made it
		install.add_kpi_indexes()
		self.assertEqual(install.index_columns(doctype, name), columns)

	def test_version_guard_refuses_older_frappe(self):
		with patch.object(frappe, "__version__", "14.60.0"):
			with self.assertRaises(frappe.ValidationError) as raised:
				install.check_version_compatibility()
		self.assertIn("Frappe 14.60.0", str(raised.exception))
		install.check_version_compatibility()  # the real versions pass

	def test_uninstall_removes_custom_fields_and_keeps_erpnext_data(self):
		customer = create_customer(st_client_category="Target", st_potential_value=5000)
		try:
			install.before_uninstall()
			for doctype, fields in CUSTOM_FIELDS.items():
				self.assertEqual(
					frappe.db.count(
						"Custom Field", {"dt": doctype, "fieldname": ("in", [f["fieldname"] for f in fields])}
					),
					0,
				)
				self.assertFalse(frappe.get_meta(doctype).has_field("st_client_category"))
			# the customer itself is untouched
			self.assertEqual(
				frappe.db.get_value("Customer", customer.name, "customer_name"), customer.customer_name
			)
			frappe.get_doc("Customer", customer.name).save()
			for workflow in ("Sales Plan Approval", "Plan Correction Approval"):
				self.assertFalse(frappe.db.exists("Workflow", workflow))
			# ERPNext's deal probability reads as ERPNext has it
			self.assertFalse(frappe.get_meta("Opportunity").get_field("probability").precision)
			for name, (doctype, _columns) in install.KPI_INDEXES.items():
				if doctype not in install.APP_TABLES_INDEXED:  # the app's own tables go with it
					self.assertFalse(frappe.db.has_index(f"tab{doctype}", name), name)
		finally:
			install.after_migrate()
			# dropping and re-creating custom fields alters tables, which commits implicitly half-way:
			# commit the rest of the re-install too, or the class rollback would take the workflows away
			frappe.db.commit()
		# re-installing finds the column and its value again
		self.assertEqual(frappe.db.get_value("Customer", customer.name, "st_client_category"), "Target")
		self.assertTrue(frappe.db.exists("Workflow", "Sales Plan Approval"))
		self.assertEqual(frappe.get_meta("Opportunity").get_field("probability").precision, "0")
