"""The benchmark's generator and comparisons, at a size a test can afford."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_technology.benchmarks.run import run


class TestBenchmark(FrappeTestCase):
	def test_engine_and_naive_computation_agree_on_generated_data(self):
		prefix = f"STT{frappe.generate_hash(length=5).upper()}"  # a data set of its own, never reused
		result = run(
			reps=6,
			groups=2,
			activities=3000,
			opportunities=300,
			invoice_lines=3000,
			customers=30,
			claims=200,
			month="2026-03-01",  # a month in which this small data set has orders
			prefix=prefix,
			commit=False,
		)
		self.assertEqual(result["nodes"], 9)  # the department, 2 groups, 6 reps
		self.assertEqual(result["one_group_nodes"], 4)  # the first group and its 3 reps
		self.assertEqual(len(result["slowest_kpis"]), 5)
		self.assertGreaterEqual(result["kpis"], 10)
		# every KPI declared without a Python method, computed per rep the slow way, agrees with the engine
		self.assertGreaterEqual(result["naive_kpis"], 25)
		self.assertGreaterEqual(result["naive_kpis_with_facts"], 15)  # not a comparison of zeros
		self.assertGreater(result["naive_nonzero_facts"], 60)
		self.assertEqual(result["engine_and_naive_disagree_on"], [])
		# Plan Fulfilment of the department: it and its 2 groups, each with a target row for every KPI
		self.assertEqual(result["plan_fulfilment_rows"], 3 * (1 + result["kpis"]))
		self.assertGreater(frappe.db.count("Sales Activity", {"name": ("like", f"{prefix}-ACT-%")}), 0)
		# every deal has its way through the funnel, and the funnel report shows the reps' funnels
		self.assertGreaterEqual(
			frappe.db.count("Deal Stage Change", {"opportunity": ("like", f"{prefix}-OPP-%")}), 3 * 300
		)
		self.assertGreater(result["funnel_analysis_rows"], 9)  # the department's 9 stages and its reps
