"""Tier-2 tests, run on a real site by `bench --site <site> run-tests --app sales_technology`."""

import frappe


def before_tests() -> None:
	"""Prepare a company as ERPNext's own hook does: it does not run for `--app sales_technology`."""
	from erpnext.setup.utils import before_tests as prepare_erpnext_site

	prepare_erpnext_site()
	frappe.db.commit()
