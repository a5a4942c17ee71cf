"""The workspace's cards, figures and main KPIs are read from a replica where the site has one: a second
MariaDB server started for the test on its own port and data folder, holding a copy of the site's
database, answers their SELECTs and the primary answers none of them; what the head sees is the same.
Skipped where the machine has no MariaDB server binary to start."""

from __future__ import annotations

import unittest

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_technology.benchmarks.replica import Replica, missing_binaries
from sales_technology.tests.factories import create_customer, create_deal, create_department
from sales_technology.workspace import figures, main_kpis

READ_ONLY_METHODS = (
	main_kpis.workspace_main_kpis,
	figures.open_deals,
	figures.week_fulfilment,
	figures.month_fulfilment,
	figures.month_targets_met,
	figures.activities_against_norm,
)


class TestReadReplica(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		if missing := missing_binaries():
			raise unittest.SkipTest(f"no {', '.join(missing)} on this machine to start a replica with")
		cls.dept = create_department()
		users, nodes = cls.dept.users, cls.dept.nodes
		customer = create_customer().name
		frappe.db.set_value("Customer", customer, "st_responsible_sales_person", nodes.rep_a1)
		create_deal(users.rep_a1, customer, opportunity_amount=1000)
		create_deal(users.rep_a1, customer, opportunity_amount=2000)
		# the copy holds what is committed: the scene stays on the site like the other tests' departments
		frappe.db.commit()
		cls.replica = Replica.start()
		cls.config = {
			key: frappe.conf.get(key) for key in ("read_from_replica", "replica_host", "replica_db_port")
		}

	@classmethod
	def tearDownClass(cls):
		if getattr(cls, "replica", None):
			frappe.conf.update(cls.config)
			cls.replica.stop()
		super().tearDownClass()

	def read_all(self) -> list:
		results = []
		for method in READ_ONLY_METHODS:
			# Frappe keeps the replica's connection for the request; a test process is one long request
			for attribute in ("replica_db", "primary_db"):
				if hasattr(frappe.local, attribute):
					delattr(frappe.local, attribute)
			results.append(method())
		return results

	def primary_selects(self) -> int:
		return int(frappe.db.sql("show session status like 'Com_select'")[0][1])

	def test_the_heads_workspace_is_read_from_the_replica_and_shows_the_same(self):
		frappe.set_user(self.dept.users.head)
		self.addCleanup(frappe.set_user, "Administrator")
		from_primary = self.read_all()
		self.assertEqual(from_primary[1]["value"], 2)  # the two open deals of his department
		frappe.conf.update(
			{"read_from_replica": 1, "replica_host": "127.0.0.1", "replica_db_port": self.replica.port}
		)
		primary_before, replica_before = self.primary_selects(), self.replica.selects()
		from_replica = self.read_all()
		primary_after, replica_after = self.primary_selects(), self.replica.selects()
		frappe.conf.update(self.config)

		# the main KPIs say when their figures were true; the rest is what the primary shows
		self.assertIsNone(from_primary[0].get("as_of"))
		self.assertTrue(from_replica[0].pop("as_of"))
		self.assertEqual(from_replica, from_primary)
		self.assertGreaterEqual(replica_after - replica_before, len(READ_ONLY_METHODS))
		# the status query itself is no SELECT: the primary answered nothing while the replica read
		self.assertEqual(primary_after - primary_before, 0)
