"""Long work a user started, done by a background job chunk by chunk: each chunk committed (a job stopped
half-way keeps what it did) and the user's progress bar moved after it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import frappe


def work_in_chunks(
	items: Sequence, size: int, work: Callable[[Sequence], None], title: str, progress: str
) -> None:
	"""`work` on each run of `size` items; `progress` is a translated "{0} of {1} …" for the bar."""
	for first in range(0, len(items), size):
		work(items[first : first + size])
		frappe.db.commit()
		done = min(first + size, len(items))
		frappe.publish_progress(
			done * 100 / len(items), title=title, description=progress.format(done, len(items))
		)
