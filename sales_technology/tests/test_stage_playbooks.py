"""Stage playbooks as the rep works a deal: the stage's tasks become his to-dos, moving on past open
mandatory tasks needs his confirmation and is recorded, an ended deal's tasks are cancelled; the head
keeps the playbooks, the rep only reads them."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_technology.deals.playbooks import OpenTasksRefused, get_stage_playbook
from sales_technology.setup.standard_funnel import DEFAULT_FUNNEL, SEED_PLAYBOOKS, SEED_STAGES
from sales_technology.shared.validation import SalesRuleError
from sales_technology.tests.factories import (
	as_user,
	close_with_consent,
	create_customer,
	create_deal,
	create_department,
	create_user,
	get_company,
)

TARGET_LIST, COLD_CALL, BOOK_MEETING = (stage[0] for stage in SEED_STAGES[:3])
TARGET_LIST_TASKS = [task for task, *_rest in SEED_PLAYBOOKS[0][4]]
TARGET_LIST_MANDATORY = [task for task, mandatory, *_rest in SEED_PLAYBOOKS[0][4] if mandatory]


class TestStagePlaybooks(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.dept = create_department()
		cls.customer = create_customer().name

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")
		self.rep = self.dept.users.rep_a1

	def new_deal(self):
		return create_deal(self.rep, self.customer)

	def move(self, deal: str, stage: str, confirm: bool = False):
		def save():
			doc = frappe.get_doc("Opportunity", deal)
			doc.sales_stage = stage
			doc.st_confirm_open_tasks = int(confirm)
			return doc.save()

		return as_user(self.rep, save)

	def todos(self, deal: str, stage: str | None = None, **filters):
		conditions = {"reference_type": "Opportunity", "reference_name": deal, **filters}
		if stage:
			conditions["st_sales_stage"] = stage
		return as_user(
			self.rep,
			frappe.get_list,
			"ToDo",
			filters=conditions,
			fields=["name", "description", "status", "allocated_to", "st_mandatory", "st_sales_stage"],
			order_by="creation asc",
		)

	def close(self, todo: str):
		def done():
			doc = frappe.get_doc("ToDo", todo)
			doc.status = "Closed"
			doc.save()

		as_user(self.rep, done)

	def test_the_stage_tasks_are_no_comments_on_the_deals_timeline(self):
		"""The playbook shows them; ERPNext's own tests count a new deal's comments (2 carried from its
		lead), so none may be added by the app."""
		deal = self.new_deal().name
		self.assertGreaterEqual(
			frappe.db.count("ToDo", {"reference_name": deal, "st_sales_stage": ("is", "set")}), 1
		)
		self.assertEqual(
			frappe.db.count("Comment", {"reference_doctype": "Opportunity", "reference_name": deal}), 0
		)

	def test_the_default_funnel_has_a_playbook_for_every_stage(self):
		playbooks = frappe.get_all(
			"Sales Stage Playbook", filters={"sales_funnel": DEFAULT_FUNNEL}, pluck="sales_stage"
		)
		self.assertEqual(sorted(playbooks), sorted(stage[0] for stage in SEED_STAGES))
		key = frappe.get_doc(
			"Sales Stage Playbook",
			{"sales_funnel": DEFAULT_FUNNEL, "sales_stage": "Meeting with the decision maker"},
		)
		self.assertEqual((key.goal, key.time_limit_days), ("Agree to cooperate", 14))
		self.assertTrue(all(row.mandatory for row in key.tasks))

	def test_every_sales_role_may_pick_a_stage(self):
		"""ERPNext lets only the Sales Manager read Sales Stages: a rep could not move his deal on."""
		from frappe.desk.search import search_link

		for position in ("rep_a1", "lead_a", "head", "director", "analyst"):
			user = self.dept.users[position]
			with self.subTest(position=position):
				self.assertTrue(frappe.has_permission("Sales Stage", "select", user=user))
				found = as_user(user, search_link, "Sales Stage", "Cold call")
				self.assertIn(COLD_CALL, [row["value"] for row in found])

	def test_a_russian_reps_tasks_are_in_russian_and_still_the_playbooks(self):
		frappe.db.set_value("User", self.rep, "language", "ru")
		self.addCleanup(frappe.db.set_value, "User", self.rep, "language", None)
		deal = self.new_deal().name
		todos = frappe.get_all(
			"ToDo",
			filters={"reference_type": "Opportunity", "reference_name": deal, "st_sales_stage": TARGET_LIST},
			fields=["description", "st_playbook_task"],
			order_by="creation asc",
		)
		self.assertEqual([todo.st_playbook_task for todo in todos], TARGET_LIST_TASKS)
		self.assertEqual(
			[todo.description for todo in todos], [frappe._(task, lang="ru") for task in TARGET_LIST_TASKS]
		)
		self.assertNotEqual(todos[0].description, TARGET_LIST_TASKS[0])
		# the deal's playbook still knows each task as its own (none is given twice on coming back)
		self.move(deal, COLD_CALL, confirm=True)
		self.move(deal, TARGET_LIST)
		self.assertEqual(len(self.todos(deal, TARGET_LIST, status="Open")), len(TARGET_LIST_TASKS))

	def test_entering_a_stage_gives_the_owner_its_tasks_once(self):
		deal = self.new_deal().name
		tasks = self.todos(deal, TARGET_LIST)
		self.assertEqual([t.description for t in tasks], TARGET_LIST_TASKS)
		self.assertEqual({t.allocated_to for t in tasks}, {self.rep})
		self.assertEqual([t.description for t in tasks if t.st_mandatory], TARGET_LIST_MANDATORY)
		# back and forth: the stage's open tasks are not given twice
		for todo in tasks[:2]:
			self.close(todo.name)
		self.move(deal, COLD_CALL)
		self.move(deal, TARGET_LIST)
		open_now = [t.description for t in self.todos(deal, TARGET_LIST, status="Open")]
		# the third was open all along; the two closed ones are given again
		self.assertEqual(sorted(open_now), sorted(TARGET_LIST_TASKS))
		self.assertEqual(len(self.todos(deal, TARGET_LIST)), len(TARGET_LIST_TASKS) + 2)

	def test_moving_on_past_open_mandatory_tasks_is_confirmed_and_recorded(self):
		deal = self.new_deal().name
		with self.assertRaises(OpenTasksRefused) as refused:
			self.move(deal, COLD_CALL)
		self.assertIn(TARGET_LIST_MANDATORY[0], str(refused.exception))
		self.assertEqual(frappe.db.get_value("Opportunity", deal, "sales_stage"), TARGET_LIST)  # not saved
		self.assertEqual(self.todos(deal, COLD_CALL), [])
		# moving back, or forward with the tasks done, asks nothing; confirming moves on and is kept
		self.move(deal, COLD_CALL, confirm=True)
		self.assertEqual(frappe.db.get_value("Opportunity", deal, "st_confirm_open_tasks"), 0)
		step = frappe.get_all(
			"Deal Stage Change",
			filters={"opportunity": deal, "to_stage": COLD_CALL},
			fields=["open_tasks_passed", "changed_by", "moved_forward"],
		)[0]
		self.assertEqual(step.open_tasks_passed.split("\n"), TARGET_LIST_MANDATORY)
		self.assertEqual((step.changed_by, step.moved_forward), (self.rep, 1))
		comments = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Opportunity", "reference_name": deal, "comment_type": "Info"},
			pluck="content",
		)
		self.assertTrue(any(TARGET_LIST_MANDATORY[0] in comment for comment in comments), comments)
		self.assertEqual(len(self.todos(deal, COLD_CALL)), len(SEED_PLAYBOOKS[1][4]))
		for todo in self.todos(deal, COLD_CALL, st_mandatory=1):
			self.close(todo.name)
		self.move(deal, BOOK_MEETING)  # nothing mandatory open: no question
		self.move(deal, COLD_CALL)  # back: no question either

	def test_a_task_worded_with_an_ampersand_is_given_once(self):
		"""A to-do's description is stored HTML-escaped; the task is still the same task."""
		playbook = frappe.get_doc(
			"Sales Stage Playbook", {"sales_funnel": DEFAULT_FUNNEL, "sales_stage": COLD_CALL}
		)
		playbook.append("tasks", {"task": "Call & write", "mandatory": 1})
		as_user(self.dept.users.head, playbook.save)

		def restore():
			doc = frappe.get_doc("Sales Stage Playbook", playbook.name)
			doc.tasks = [task for task in doc.tasks if task.task != "Call & write"]
			doc.save(ignore_permissions=True)

		self.addCleanup(restore)
		deal = self.new_deal().name
		self.move(deal, COLD_CALL, confirm=True)
		self.move(deal, TARGET_LIST)
		self.move(deal, COLD_CALL, confirm=True)
		given = [t.description for t in self.todos(deal, COLD_CALL) if "write" in t.description]
		self.assertEqual(len(given), 1, given)
		with self.assertRaises(OpenTasksRefused) as refused:
			self.move(deal, BOOK_MEETING)
		self.assertIn("Call & write", str(refused.exception))

	def test_an_ended_deal_has_no_open_tasks(self):
		deal = self.new_deal()

		close_with_consent(deal.name, self.rep, self.dept.users.lead_a)
		self.assertEqual({t.status for t in self.todos(deal.name)}, {"Cancelled"})

	def test_the_deal_shows_its_stages_playbook(self):
		deal = self.new_deal().name
		first = self.todos(deal, TARGET_LIST)[0]
		self.close(first.name)
		playbook = as_user(self.rep, get_stage_playbook, deal)
		self.assertEqual(playbook["stage"], TARGET_LIST)
		self.assertEqual(playbook["goal"], SEED_PLAYBOOKS[0][1])
		self.assertEqual([t["status"] for t in playbook["tasks"]], ["Closed", "Open", "Open"])
		self.assertEqual(playbook["open_mandatory"], TARGET_LIST_MANDATORY[1:])
		self.assertEqual(playbook["stages"][:3], [TARGET_LIST, COLD_CALL, BOOK_MEETING])
		outsider = create_user(
			f"st-outsider-{frappe.generate_hash(length=6)}@example.com", roles=("Blogger",)
		)
		with self.assertRaises(frappe.PermissionError):
			as_user(outsider, get_stage_playbook, deal)

	def test_the_head_keeps_playbooks_and_the_rep_reads_them(self):
		playbook = {
			"doctype": "Sales Stage Playbook",
			"sales_funnel": DEFAULT_FUNNEL,
			"sales_stage": TARGET_LIST,
			"goal": "Another goal",
			"tasks": [{"task": "Anything"}],
		}
		# one playbook per stage of a funnel
		with self.assertRaises(SalesRuleError):
			as_user(self.dept.users.head, lambda: frappe.get_doc(playbook).insert())
		with self.assertRaises(SalesRuleError):
			as_user(
				self.dept.users.head,
				lambda: frappe.get_doc({**playbook, "sales_stage": "Prospecting"}).insert(),
			)
		self.assertTrue(as_user(self.rep, frappe.has_permission, "Sales Stage Playbook", "read"))
		self.assertFalse(as_user(self.rep, frappe.has_permission, "Sales Stage Playbook", "write"))
		self.assertTrue(as_user(self.dept.users.head, frappe.has_permission, "Sales Stage Playbook", "write"))
		# the head edits the stage's playbook: bad input changes nothing
		name = frappe.db.get_value(
			"Sales Stage Playbook", {"sales_funnel": DEFAULT_FUNNEL, "sales_stage": TARGET_LIST}
		)

		def edit(**values):
			doc = frappe.get_doc("Sales Stage Playbook", name)
			doc.update(values)
			doc.save()

		for bad in (
			{"time_limit_days": -1},
			{"tasks": [{"task": "Call"}, {"task": "Call"}]},
			{"tasks": [{"task": "Call", "due_in_days": -3}]},
		):
			with self.subTest(bad=bad), self.assertRaises(frappe.ValidationError):
				as_user(self.dept.users.head, edit, **bad)
		self.assertEqual(
			[row.task for row in frappe.get_doc("Sales Stage Playbook", name).tasks], TARGET_LIST_TASKS
		)
