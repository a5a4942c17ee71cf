"""ERPNext stays whole: its own tests build their records for the clients and deals as without the app.

Frappe builds a doctype's test records after following its Link fields (custom fields included) through
each linked doctype's own links. Were an app doctype reached that way to lead back to Lead, Opportunity,
Prospect, Customer or Quotation, ERPNext's records would be built out of order (an Opportunity naming a
Lead not made yet) and `bench run-tests --doctype Lead` would stop before its first test."""

import frappe
from frappe.test_runner import get_dependencies
from frappe.tests.utils import FrappeTestCase

PARTIES_AND_DEALS = ("Lead", "Opportunity", "Prospect", "Customer", "Quotation")


def app_doctypes() -> set[str]:
	return set(frappe.get_all("DocType", filters={"module": "Sales Technology"}, pluck="name"))


def reached(doctype: str, seen: set[str] | None = None) -> set[str]:
	"""Every doctype whose test records building `doctype`'s would build first (as the runner walks)."""
	seen = set() if seen is None else seen
	if not frappe.db.exists("DocType", doctype):
		return seen  # a link to an app not installed here (Payment Gateway): the runner skips it too
	for dependency in get_dependencies(doctype):
		if dependency not in seen and dependency != "[Select]":
			seen.add(dependency)
			reached(dependency, seen)
	return seen


class TestERPNextStaysWhole(FrappeTestCase):
	def test_no_app_doctype_leads_the_test_records_back_to_the_parties_and_deals(self):
		ours = app_doctypes()
		self.assertGreater(len(ours), 30)
		for party in PARTIES_AND_DEALS:
			for doctype in sorted(reached(party) & ours):
				with self.subTest(party=party, through=doctype):
					self.assertFalse(
						reached(doctype, {doctype}) & set(PARTIES_AND_DEALS),
						f"{doctype} (linked from {party}) leads back to {set(PARTIES_AND_DEALS)}",
					)

	def test_the_cadence_link_is_still_followed_from_the_parties(self):
		"""The test above looks at something: the parties do reach the app's doctypes."""
		self.assertIn("Sales Cadence Run", reached("Lead"))
