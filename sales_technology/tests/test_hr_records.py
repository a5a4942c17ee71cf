"""Where HRMS is installed, the department's trainings and new reps live in HR's own doctypes too: the lead's
training keeps its Training Event (planned, held, cancelled), his exam scores its Training Result, and a
new rep's programme shows the Employee Onboarding HR runs for him. Runs on a site with HRMS (the bench's
hr.localhost); on a site without it the app keeps nothing in HR and works alone, which the first test
checks."""

from __future__ import annotations

import unittest
from datetime import date

import frappe

from sales_technology.people.hr_records import hrms_installed
from sales_technology.tests.factories import (
	DepartmentTestCase,
	as_user,
	create_employee,
	create_sales_person,
	get_company,
)


class TestWithoutHRMS(DepartmentTestCase):
	@unittest.skipIf(hrms_installed(), "HRMS is installed on this site")
	def test_a_training_keeps_nothing_in_hr(self):
		frappe.db.savepoint("st_no_hr")
		self.addCleanup(frappe.db.rollback, save_point="st_no_hr")
		self.assertFalse(frappe.db.exists("DocType", "Training Event"))

		def plan():
			return frappe.get_doc(
				{
					"doctype": "Sales Training",
					"topic": frappe.db.get_value("Sales Training Topic", {}),
					"training_date": date(2026, 12, 20),
					"sales_person": self.nodes.group_a,
					"status": "Held",
					"participants": [{"sales_person": self.nodes.rep_a1}],
				}
			).insert()

		doc = as_user(self.users.lead_a, plan)
		self.assertFalse(doc.training_event)
		self.assertFalse(frappe.db.get_value("Sales Training", doc.name, "training_event"))


@unittest.skipUnless(hrms_installed(), "HRMS is not installed on this site")
class TestWithHRMS(DepartmentTestCase):
	def setUp(self):
		super().setUp()
		frappe.db.savepoint("st_hr")
		self.addCleanup(frappe.db.rollback, save_point="st_hr")
		self.employees = {}
		for key in ("rep_a1", "rep_a2"):
			self.employees[key] = create_employee()
			frappe.db.set_value("Sales Person", self.nodes[key], "employee", self.employees[key])

	def training(self, status="Planned"):
		def plan():
			return frappe.get_doc(
				{
					"doctype": "Sales Training",
					"topic": frappe.db.get_value("Sales Training Topic", {"kind": "Internal Training"}),
					"training_date": date(2026, 12, 20),
					"trainer": "Anna Petrova",
					"sales_person": self.nodes.group_a,
					"status": status,
					"has_exam": 1,
					"pass_mark": 70,
					"participants": [
						{"sales_person": self.nodes.rep_a1},
						{"sales_person": self.nodes.rep_a2},
					],
				}
			).insert()

		return as_user(self.users.lead_a, plan)

	def save_training(self, name, **values):
		def save():
			doc = frappe.get_doc("Sales Training", name)
			doc.update(values)
			return doc.save()

		return as_user(self.users.lead_a, save)

	def record(self, training, rep, **values):
		def save():
			doc = frappe.get_doc(
				"Sales Training Result",
				frappe.db.get_value("Sales Training Result", {"training": training, "sales_person": rep}),
			)
			doc.update(values)
			return doc.save()

		return as_user(self.users.lead_a, save)

	def test_the_leads_training_is_hrs_training_event_and_its_scores_a_training_result(self):
		doc = self.training()
		event_name = frappe.db.get_value("Sales Training", doc.name, "training_event")
		self.assertTrue(event_name)
		event = frappe.get_doc("Training Event", event_name)
		self.assertEqual(
			(event.docstatus, event.event_status, event.type, event.trainer_name, str(event.start_time)),
			(0, "Scheduled", "Workshop", "Anna Petrova", "2026-12-20 10:00:00"),
		)
		self.assertEqual(sorted(row.employee for row in event.employees), sorted(self.employees.values()))
		# the lead has no HR role: the app wrote it for him, and he cannot write HR's records himself
		self.assertFalse(frappe.has_permission("Training Event", "write", event, user=self.users.lead_a))

		# held: the event is submitted, completed; the exam failed and retaken is its Training Result
		self.save_training(doc.name, status="Held")
		event.reload()
		self.assertEqual((event.docstatus, event.event_status), (1, "Completed"))
		self.record(doc.name, self.nodes.rep_a1, attended=1, score=55)
		self.record(doc.name, self.nodes.rep_a1, score=82)
		self.record(doc.name, self.nodes.rep_a2, attended=1, score=40)
		result_name = frappe.db.get_value("Sales Training", doc.name, "training_result")
		result = frappe.get_doc("Training Result", result_name)
		self.assertEqual((result.docstatus, result.training_event), (0, event_name))
		rows = {row.employee: (row.hours, row.grade, row.comments) for row in result.employees}
		self.assertEqual(
			rows,
			{
				self.employees["rep_a1"]: (8, "82 / 70, Exam passed", "Attempts: 2"),
				self.employees["rep_a2"]: (8, "40 / 70, Exam failed", "Attempts: 1"),
			},
		)
		# another group's lead changes neither the training nor, through it, HR's records
		with self.assertRaises(frappe.PermissionError):
			as_user(self.users.lead_b, frappe.delete_doc, "Sales Training", doc.name)
		self.assertTrue(frappe.db.exists("Training Event", event_name))

	def test_a_cancelled_training_takes_its_draft_event_with_it(self):
		doc = self.training()
		event_name = frappe.db.get_value("Sales Training", doc.name, "training_event")
		self.save_training(doc.name, status="Cancelled")
		self.assertFalse(frappe.db.exists("Training Event", event_name))
		self.assertFalse(frappe.db.get_value("Sales Training", doc.name, "training_event"))
		# held and then cancelled: HR's submitted event is cancelled, not deleted
		held = self.training(status="Held")
		event_name = frappe.db.get_value("Sales Training", held.name, "training_event")
		self.assertEqual(frappe.db.get_value("Training Event", event_name, "docstatus"), 1)
		self.save_training(held.name, status="Cancelled")
		self.assertEqual(frappe.db.get_value("Training Event", event_name, "docstatus"), 2)

	def test_a_new_reps_programme_shows_hrs_onboarding_of_his_employee(self):
		employee = create_employee()
		onboarding = frappe.get_doc(
			{
				"doctype": "Employee Onboarding",
				"name": f"ST-ONB-{frappe.generate_hash(length=6)}",
				"employee": employee,
				"employee_name": "ST new rep",
				"company": get_company(),
				"date_of_joining": date(2026, 12, 1),
				"boarding_begins_on": date(2026, 12, 1),
				"boarding_status": "In Process",
			}
		)
		onboarding.db_insert()  # HR's own, made from a job offer; its making is HRMS's, not ours
		rep = create_sales_person(parent=self.nodes.group_a, employee=employee)
		programme = frappe.db.get_value(
			"Rep Programme",
			{"sales_person": rep},
			["employee_onboarding", "hr_onboarding_doctype"],
			as_dict=True,
		)
		self.assertEqual(
			(programme.employee_onboarding, programme.hr_onboarding_doctype),
			(onboarding.name, "Employee Onboarding"),
		)
