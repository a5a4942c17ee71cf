"""What a transaction marked for rewriting (the days of kept facts, the first day of ended periods),
queued as one job once it commits and forgotten if it rolls back: a save pays for a few dictionary
look-ups, the rewriting runs after it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import frappe


@dataclass(frozen=True)
class CommitMarks:
	flag: str  # the frappe.flags key holding this transaction's marks
	job: str  # the function rewriting them: job(marks=...)
	as_job_marks: Callable[[dict], dict]  # the marks as the job takes them (plain, serialisable)

	def pending(self) -> dict:
		"""This transaction's marks, to add to."""
		if frappe.flags.get(self.flag) is None:
			frappe.flags[self.flag] = {}
			frappe.db.after_commit.add(self.queue)
			frappe.db.after_rollback.add(self.forget)
		return frappe.flags[self.flag]

	def take(self) -> dict:
		"""The marks as the job takes them, no longer pending."""
		return self.as_job_marks(frappe.flags.pop(self.flag, None) or {})

	def queue(self) -> None:
		if marks := self.take():
			frappe.enqueue(self.job, queue="short", marks=marks)

	def forget(self) -> None:
		frappe.flags.pop(self.flag, None)
