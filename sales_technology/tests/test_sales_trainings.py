"""Trainings as the lead plans and records them and the reps take them: planned from a corrective
decision, an exam failed and retaken, each rep's result his own, refused to another group's lead, and
the trained stage's conversion before and after counted in Training Effect."""

from datetime import date, datetime, timedelta

import frappe
from frappe.client import get as client_get

from sales_technology.people.trainings import TrainingRefused, plan_training_for_decision
from sales_technology.sales_technology.report.training_effect.training_effect import (
	execute as training_effect,
)
from sales_technology.tests.factories import DepartmentTestCase, as_user

OCTOBER = date(2026, 10, 1)


class TestSalesTrainings(DepartmentTestCase):
	def setUp(self):
		super().setUp()
		frappe.db.savepoint("st_trainings")
		self.addCleanup(frappe.db.rollback, save_point="st_trainings")

	def decision(self, node: str) -> str:
		def insert():
			return frappe.get_doc(
				{
					"doctype": "Corrective Decision",
					"sales_person": node,
					"period_start": OCTOBER,
					"problem_kpi": "COLD_CALLS",
					"problem": "Too few meetings from the calls",
					"decision_type": "Training",
					"decision": "Past the secretary to the decision maker",
					"target_kpi": "COLD_CALLS",
					"expected_value": 5,
				}
			).insert()

		return as_user(self.users.lead_a, insert).name

	def result_of(self, training: str, rep: str) -> str:
		return frappe.db.get_value("Sales Training Result", {"training": training, "sales_person": rep})

	def record(self, user: str, result: str, **values):
		def save():
			doc = frappe.get_doc("Sales Training Result", result)
			doc.update(values)
			return doc.save()

		return as_user(user, save)

	def test_a_decision_plans_the_training_an_exam_failed_and_retaken(self):
		training = as_user(self.users.lead_a, plan_training_for_decision, self.decision(self.nodes.rep_a1))
		doc = frappe.get_doc("Sales Training", training)
		self.assertEqual(
			(doc.sales_person, [row.sales_person for row in doc.participants]),
			(self.nodes.group_a, [self.nodes.rep_a1]),
		)
		self.assertTrue(doc.corrective_decision)

		def hold():
			doc = frappe.get_doc("Sales Training", training)
			doc.append("participants", {"sales_person": self.nodes.rep_a2})
			doc.update({"has_exam": 1, "pass_mark": 70, "status": "Held", "trainer": "Lead A"})
			return doc.save()

		as_user(self.users.lead_a, hold)
		mine, colleagues = (
			self.result_of(training, self.nodes.rep_a1),
			self.result_of(training, self.nodes.rep_a2),
		)
		self.assertTrue(mine and colleagues)

		failed = self.record(self.users.lead_a, mine, attended=1, score=55)
		self.assertEqual((failed.attempts, failed.result, failed.pass_mark), (1, "Exam failed", 70))
		passed = self.record(self.users.lead_a, mine, score=82)
		self.assertEqual((passed.attempts, passed.result), (2, "Exam passed"))

		# the rep reads his result and the training; his colleague's result is not his to read
		self.assertEqual(as_user(self.users.rep_a1, client_get, "Sales Training Result", mine)["score"], 82)
		self.assertTrue(as_user(self.users.rep_a1, client_get, "Sales Training", training))
		for user in (self.users.rep_a1, self.users.rep_b1, self.users.lead_b):
			with self.assertRaises(frappe.PermissionError):
				as_user(user, client_get, "Sales Training Result", colleagues)
		# nor does he write his own score; another group's lead writes nothing of it
		with self.assertRaises(frappe.PermissionError):
			self.record(self.users.rep_a1, mine, score=100)
		with self.assertRaises(frappe.PermissionError):
			self.record(self.users.lead_b, mine, score=100)
		self.assertEqual(frappe.db.get_value("Sales Training Result", mine, ["score", "attempts"]), (82, 2))

	def test_another_groups_lead_neither_plans_for_group_a_nor_adds_his_reps(self):
		def plan(user, node, reps):
			def insert():
				return frappe.get_doc(
					{
						"doctype": "Sales Training",
						"topic": frappe.db.get_value("Sales Training Topic", {}),
						"training_date": date(2026, 12, 20),
						"sales_person": node,
						"participants": [{"sales_person": rep} for rep in reps],
					}
				).insert()

			return as_user(user, insert)

		with self.assertRaises(frappe.PermissionError):
			plan(self.users.lead_b, self.nodes.group_a, [self.nodes.rep_a1])
		with self.assertRaises(TrainingRefused):
			plan(self.users.lead_a, self.nodes.group_a, [self.nodes.rep_b1])
		training = plan(self.users.lead_a, self.nodes.group_a, [self.nodes.rep_a1]).name

		def move():
			doc = frappe.get_doc("Sales Training", training)
			doc.sales_person = self.nodes.group_b
			doc.save()

		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.lead_b, move)
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.lead_b, frappe.delete_doc, "Sales Training", training)
		self.assertEqual(frappe.db.get_value("Sales Training", training, "sales_person"), self.nodes.group_a)

	def test_training_effect_counts_the_stage_before_and_after(self):
		stage = frappe.get_all("Sales Stage", pluck="name", limit=1)[0]
		funnel = frappe.db.get_value("Sales Funnel", {"is_default": 1})
		day = date(2026, 11, 16)

		def plan():
			return frappe.get_doc(
				{
					"doctype": "Sales Training",
					"topic": frappe.db.get_value("Sales Training Topic", {}),
					"training_date": day,
					"sales_person": self.nodes.group_a,
					"sales_stage": stage,
					"status": "Held",
					"participants": [
						{"sales_person": self.nodes.rep_a1},
						{"sales_person": self.nodes.rep_a2},
					],
				}
			).insert()

		training = as_user(self.users.lead_a, plan).name
		# before: 4 entries, 1 moved on; after: 5 entries, 4 moved on; rep B1's entries are not theirs
		steps = [
			(self.nodes.rep_a1, -10, 1),
			(self.nodes.rep_a1, -9, 0),
			(self.nodes.rep_a2, -5, 0),
			(self.nodes.rep_a2, -3, 0),
		]
		steps += [
			(self.nodes.rep_a1, 2, 1),
			(self.nodes.rep_a1, 3, 1),
			(self.nodes.rep_a2, 4, 1),
			(self.nodes.rep_a2, 20, 1),
		]
		steps += [(self.nodes.rep_a2, 25, 0), (self.nodes.rep_b1, 5, 1), (self.nodes.rep_a1, 40, 1)]
		for n, (rep, offset, moved_on) in enumerate(steps):
			frappe.get_doc(
				{
					"doctype": "Deal Stage Change",
					"name": f"ST-TRN-{frappe.generate_hash(length=8)}-{n}",
					"opportunity": f"ST-DEAL-{n}",
					"sales_funnel": funnel,
					"event": "Stage Changed",
					"sales_person": rep,
					"changed_at": datetime.combine(day + timedelta(days=offset), datetime.min.time()),
					"to_stage": stage,
					"moved_on_later": moved_on,
				}
			).db_insert()
		rows = as_user(
			self.users.lead_a,
			training_effect,
			{"from_date": date(2026, 11, 1), "to_date": date(2026, 11, 30)},
		)[1]
		row = next(row for row in rows if row["training"] == training)
		self.assertEqual(
			(
				row["participants"],
				row["entered_before"],
				row["conversion_before"],
				row["entered_after"],
				row["conversion_after"],
				row["change"],
			),
			(2, 4, 25.0, 5, 80.0, 55.0),
		)
		self.assertEqual(
			as_user(
				self.users.lead_b,
				training_effect,
				{"from_date": date(2026, 11, 1), "to_date": date(2026, 11, 30)},
			)[1],
			[],
		)
