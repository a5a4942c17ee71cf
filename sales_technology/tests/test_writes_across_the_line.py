"""Every doctype of the access registry, written as another group's rep and lead the way REST's PUT and
the desk's save do (the new values applied, then write permission asked): moving a record of rep A1 into
their own line, or deleting it, is refused and the stored record stays as it was. Who stands above the
record may move it within his line.

The records are stored directly (no controller), since what is tested is the permission asked before any
validation runs; the doctypes' own tests cover their legitimate writes end to end."""

import frappe

from sales_technology.core.access_rules import COLLECTOR, TREE_RULES
from sales_technology.tests.factories import DepartmentTestCase, as_user

# who, in group A's line, changes such records at all (role permissions): None where only the app's jobs
# and controllers write them
WRITER_IN_LINE = {
	"Sales Plan": "lead_a",
	"Plan Correction": "lead_a",
	"Sales Norm": "lead_a",
	"Corrective Decision": "lead_a",
	"Sales Activity": "lead_a",
	"Daily Sales Report": "lead_a",
	"Sales Meeting": "lead_a",
	"Period Review": "lead_a",
	"Deal Loss Request": "lead_a",
	"Sales Cadence Run": "lead_a",
	"Sales Headcount Plan": "head",
	"Competitor Intel": "rep_a1",
	"Rep Programme": "lead_a",
	"Market Change": "head",
	"Reading Assignment": "lead_a",
	"Rep Profile": "lead_a",
	"Sales Training": "lead_a",
	"Sales Training Result": "lead_a",
	"KPI Snapshot": None,
	"Sales KPI Fact": None,
	"Sales KPI Team Fact": None,
	"Deal Stage Change": None,
	"Stale Deal": None,
	"Sales Forecast Snapshot": None,
	"Incoming Request": None,
	"Standard Confirmation": None,
	"Client Survey": None,
	"Partner Programme": "lead_a",
	"Hospitality Budget": "head",
	"Hospitality Request": "lead_a",
	"Target List": "lead_a",
}


class TestWritesAcrossTheLine(DepartmentTestCase):
	def stored_record(self, doctype: str) -> str:
		"""A record of rep A1 (collected by him, for intel), as the app would have stored it."""
		rule = TREE_RULES[doctype]
		name = f"ST-LINE-{frappe.generate_hash(length=10)}"
		owner = self.users.rep_a1
		node = owner if rule.writes == COLLECTOR else self.nodes.rep_a1
		frappe.get_doc({"doctype": doctype, "name": name, "owner": owner, rule.node_field: node}).db_insert()
		return name

	def own_line_of(self, key: str, rule) -> str:
		if rule.writes == COLLECTOR:
			return self.users[key]
		return self.nodes[{"rep_b1": "rep_b1", "lead_b": "group_b"}[key]]

	def test_every_registered_doctype_is_covered_here(self):
		self.assertEqual(set(WRITER_IN_LINE), set(TREE_RULES))

	def test_another_groups_rep_and_lead_neither_move_nor_delete_a_record(self):
		for doctype, rule in TREE_RULES.items():
			name = self.stored_record(doctype)
			stored = frappe.db.get_value(doctype, name, rule.node_field)
			for outsider in ("rep_b1", "lead_b"):
				target = self.own_line_of(outsider, rule)

				def move(doctype=doctype, name=name, field=rule.node_field, target=target):
					doc = frappe.get_doc(doctype, name)
					doc.set(field, target)
					doc.save()

				with self.subTest(doctype=doctype, user=outsider, action="move"):
					with self.assertRaises(frappe.PermissionError):
						as_user(self.users[outsider], move)
					self.assertEqual(frappe.db.get_value(doctype, name, rule.node_field), stored)
				with self.subTest(doctype=doctype, user=outsider, action="delete"):
					with self.assertRaises(frappe.PermissionError):
						as_user(self.users[outsider], frappe.delete_doc, doctype, name)
					self.assertTrue(frappe.db.exists(doctype, name))

	def test_who_stands_above_the_record_may_move_it_within_his_line(self):
		for doctype, rule in TREE_RULES.items():
			name = self.stored_record(doctype)
			writer = WRITER_IN_LINE[doctype]
			doc = frappe.get_doc(doctype, name)
			if rule.writes == COLLECTOR:
				doc.set(rule.node_field, self.users.rep_a1)
			else:
				doc.set(rule.node_field, self.nodes.rep_a2)
			with self.subTest(doctype=doctype, user=writer):
				if writer is None:
					# written by the app's jobs and controllers only: no one in sales changes them
					for user in ("rep_a1", "lead_a", "head"):
						self.assertFalse(frappe.has_permission(doctype, "write", doc, user=self.users[user]))
					continue
				self.assertTrue(frappe.has_permission(doctype, "write", doc, user=self.users[writer]))
				# and the same change by another group's lead is refused
				self.assertFalse(frappe.has_permission(doctype, "write", doc, user=self.users.lead_b))
