"""Stage playbooks (seed 002: for each key stage of an open deal its goal, who is responsible, the list
of tasks, the expected result, time limits and how it is controlled): what a playbook must hold, which
of its tasks a deal entering the stage still needs, and when moving the deal on asks for confirmation.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sales_technology.core.errors import SalesTechnologyError


class PlaybookError(SalesTechnologyError):
	"""A playbook, or a move past its open tasks, that the methodology refuses."""


class OpenTasksError(PlaybookError):
	"""The deal leaves a stage whose mandatory tasks are open, and nobody confirmed it."""


@dataclass(frozen=True)
class PlaybookTask:
	task: str
	mandatory: bool = False
	due_in_days: int = 0


def check_playbook(
	funnel: str,
	stage: str,
	funnel_stages: Collection[str],
	time_limit_days: int,
	tasks: Iterable[PlaybookTask],
) -> None:
	if stage not in funnel_stages:
		raise PlaybookError("{0} is not a stage of the funnel {1}", stage, funnel)
	if time_limit_days < 0:
		raise PlaybookError("The time limit of a stage cannot be negative")
	seen = set()
	for task in tasks:
		title = (task.task or "").strip()
		if not title:
			raise PlaybookError("Every task of the playbook needs its wording")
		if title in seen:
			raise PlaybookError("The task {0} is in the playbook twice", title)
		seen.add(title)
		if task.due_in_days < 0:
			raise PlaybookError("Task {0} cannot be due before the deal enters the stage", title)


def tasks_to_create(tasks: Iterable[PlaybookTask], open_titles: Collection[str]) -> list[PlaybookTask]:
	"""The playbook's tasks the deal does not have open for the stage already (a deal that comes back
	to a stage gets again only what it closed, once)."""
	return [task for task in tasks if task.task not in open_titles]


def check_moving_on(stage_left: str, open_mandatory: list[str], confirmed: bool) -> None:
	"""Moving a deal on past open mandatory tasks needs the mover's confirmation."""
	if open_mandatory and not confirmed:
		raise OpenTasksError(
			"The stage {0} still has open mandatory tasks: {1}. Confirm to move the deal on anyway",
			stage_left,
			"; ".join(open_mandatory),
		)
