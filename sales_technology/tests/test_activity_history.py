"""Done work is not rewritten: tried as a rep, his group lead and a lead of another group."""

from datetime import date, datetime, timedelta
from unittest.mock import patch

import frappe
from frappe.utils import now_datetime

from sales_technology.sales_technology.doctype.sales_activity.sales_activity import (
	ActivityRefused,
	earliest_done_at,
)
from sales_technology.shared.org_structure import company_of
from sales_technology.tests.test_sales_activities import ActivityTestCase, activity, as_user

CLOSED_DAY = date(2026, 11, 18)  # a Wednesday
DISCOVER_NEEDS = "Discover needs and risks"


class TestActivityHistory(ActivityTestCase):
	def rep_activity(self, when: datetime, **values):
		"""A done cold call the rep logs himself."""
		as_user(self.dept.users.rep_b1)
		try:
			return activity(party=self.customer, when=when, **values)
		finally:
			as_user("Administrator")

	def test_a_rep_does_not_delete_but_cancels_with_a_reason_that_the_lead_sees(self):
		call = self.rep_activity(now_datetime() - timedelta(minutes=5))
		as_user(self.dept.users.rep_b1)
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("Sales Activity", call.name)
		call.reload()
		call.status = "Cancelled"
		with self.assertRaises(ActivityRefused):
			call.save()
		call.reload()
		call.status, call.cancel_reason = "Cancelled", "Dialled the wrong client"
		call.save()
		as_user(self.dept.users.lead_b)
		seen = frappe.get_list(
			"Sales Activity", filters={"name": call.name}, fields=["status", "cancel_reason"]
		)
		self.assertEqual(seen, [{"status": "Cancelled", "cancel_reason": "Dialled the wrong client"}])

	def test_a_rep_logs_no_earlier_than_the_settings_allow_a_lead_may(self):
		too_early = earliest_done_at(company_of(self.dept.nodes.rep_b1)) - timedelta(hours=1)
		with self.assertRaises(ActivityRefused):
			self.rep_activity(too_early)
		fresh = self.rep_activity(now_datetime() - timedelta(minutes=1))
		as_user(self.dept.users.rep_b1)
		fresh.done_at = too_early  # nor moved back there
		with self.assertRaises(ActivityRefused):
			fresh.save()
		as_user(self.dept.users.lead_b)
		call = activity(sales_person=self.dept.nodes.rep_b1, party=self.customer, when=too_early)
		self.assertEqual(call.done_at, too_early)

	def test_a_closed_day_is_changed_only_by_the_lead_with_a_reason_and_the_change_is_recorded(self):
		rep, lead = self.dept.users.rep_b1, self.dept.users.lead_b
		call = activity(
			sales_person=self.dept.nodes.rep_b1,
			party=self.customer,
			when=datetime(2026, 11, 18, 11, 0),
		)
		as_user(rep)
		call.reload()
		call.activity_type = DISCOVER_NEEDS  # the day is still open: the rep corrects the type
		call.save()
		report = frappe.get_doc({"doctype": "Daily Sales Report", "report_date": CLOSED_DAY}).insert()
		report.submit()
		call.reload()
		call.activity_type = "Establish contact"
		with self.assertRaises(ActivityRefused):
			call.save()
		call.reload()
		call.status = "Cancelled"
		call.cancel_reason = "Not done after all"
		with self.assertRaises(ActivityRefused):  # nor cancelled
			call.save()
		with self.assertRaises(ActivityRefused):  # nor is new work logged into the closed day
			activity(party=self.customer, when=datetime(2026, 11, 18, 15, 0))
		as_user(self.dept.users.lead_a)  # another group's lead does not even see it
		self.assertFalse(frappe.has_permission("Sales Activity", "write", call.name))
		as_user(lead)
		call.reload()
		call.activity_type = "Establish contact"
		with self.assertRaises(ActivityRefused):  # the lead says why
			call.save()
		call.reload()
		call.activity_type = "Establish contact"
		call.change_reason = "It was a cold call, the needs meeting is next week"
		call.save(ignore_version=False)  # Frappe skips versions in tests unless asked
		as_user("Administrator")
		version = frappe.get_last_doc(
			"Version", filters={"ref_doctype": "Sales Activity", "docname": call.name}
		)
		self.assertEqual(version.owner, lead)
		changed = {field: (old, new) for field, old, new in frappe.parse_json(version.data)["changed"]}
		self.assertEqual(changed["activity_type"], (DISCOVER_NEEDS, "Establish contact"))
		self.assertIn("change_reason", changed)

	def test_a_snapshot_closes_its_period(self):
		call = activity(
			sales_person=self.dept.nodes.rep_a2, party=self.customer, when=datetime(2026, 11, 4, 10)
		)
		frappe.get_doc(
			{
				"doctype": "KPI Snapshot",
				"company": frappe.db.get_single_value("Global Defaults", "default_company"),
				"sales_person": self.dept.nodes.department,
				"period_type": "Week",
				"period_start": date(2026, 11, 2),
				"period_end": date(2026, 11, 8),
				"kpi": "COLD_CALLS",
			}
		).insert(ignore_permissions=True)
		as_user(self.dept.users.rep_a2)
		call.reload()
		call.activity_type = DISCOVER_NEEDS
		with self.assertRaises(ActivityRefused):
			call.save()

	def test_missed_work_does_not_become_done(self):
		planned = activity(
			sales_person=self.dept.nodes.rep_b1, status="Planned", when=now_datetime() - timedelta(hours=2)
		)
		frappe.db.set_value("Sales Activity", planned.name, "status", "Missed")
		as_user(self.dept.users.rep_b1)
		planned.reload()
		planned.status = "Done"
		planned.party_type, planned.party = "Customer", self.customer
		with self.assertRaises(ActivityRefused):
			planned.save()

	def test_every_path_keeps_a_closed_day_data_import_bulk_edit_and_rest(self):
		"""The rule is the activity's own validation, so the other ways of saving meet it too."""
		import csv
		import tempfile

		from frappe.core.doctype.data_import.importer import Importer
		from frappe.desk.doctype.bulk_update.bulk_update import submit_cancel_or_update_docs

		closed_day = date(2026, 11, 19)  # a Thursday; the class's other tests close the Wednesday
		call = activity(
			sales_person=self.dept.nodes.rep_b1, party=self.customer, when=datetime(2026, 11, 19, 11, 0)
		)
		as_user(self.dept.users.rep_b1)
		frappe.get_doc({"doctype": "Daily Sales Report", "report_date": closed_day}).insert().submit()
		self.assertFalse(frappe.has_permission("Data Import", "create"))  # a rep imports nothing

		# the importer's own row step, as the rep (were he given Data Import): refused like the form
		with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="") as sheet:
			csv.writer(sheet).writerows([["ID", "Done At"], [call.name, "2026-10-15 11:00:00"]])
		importer = Importer(
			"Sales Activity", file_path=sheet.name, import_type="Update Existing Records", console=True
		)
		payloads = importer.import_file.get_payloads_for_import()
		self.assertEqual(len(payloads), 1)
		with self.assertRaises(ActivityRefused):
			importer.process_doc(payloads[0].doc)

		# the list view's bulk edit (its commit and rollback per document kept off the test's transaction)
		with patch.object(frappe.db, "commit"), patch.object(frappe.db, "rollback"):
			failed = submit_cancel_or_update_docs(
				"Sales Activity", [call.name], action="update", data={"done_at": "2026-10-15 11:00:00"}
			)
		self.assertEqual(failed, [call.name])
		frappe.clear_messages()

		# REST (PUT /api/resource/Sales Activity/<name>) goes through frappe.client.save's path
		from frappe.client import set_value

		with self.assertRaises(ActivityRefused):
			set_value("Sales Activity", call.name, "done_at", "2026-10-15 11:00:00")
		as_user("Administrator")
		self.assertEqual(frappe.db.get_value("Sales Activity", call.name, "done_on"), closed_day)
