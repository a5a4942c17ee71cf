"""Stage playbooks: what a playbook holds, the tasks a deal entering a stage gets, moving on past open
mandatory tasks."""

import pytest

from sales_technology.core.playbooks import (
	OpenTasksError,
	PlaybookError,
	PlaybookTask,
	check_moving_on,
	check_playbook,
	tasks_to_create,
)

STAGES = ["List", "Call", "Meeting"]


def test_a_playbook_is_for_a_stage_of_its_funnel_with_worded_tasks():
	check_playbook("F", "Call", STAGES, 7, [PlaybookTask("Call", True, 1), PlaybookTask("Write", False, 0)])
	with pytest.raises(PlaybookError, match="not a stage"):
		check_playbook("F", "Tender", STAGES, 7, [])
	with pytest.raises(PlaybookError, match="negative"):
		check_playbook("F", "Call", STAGES, -1, [])
	with pytest.raises(PlaybookError, match="wording"):
		check_playbook("F", "Call", STAGES, 0, [PlaybookTask("  ")])
	with pytest.raises(PlaybookError, match="twice"):
		check_playbook("F", "Call", STAGES, 0, [PlaybookTask("Call"), PlaybookTask("Call")])
	with pytest.raises(PlaybookError, match="before the deal enters"):
		check_playbook("F", "Call", STAGES, 0, [PlaybookTask("Call", due_in_days=-2)])


def test_a_deal_gets_the_tasks_it_has_not_open():
	tasks = [PlaybookTask("Agenda", True), PlaybookTask("Meet", True), PlaybookTask("Gift")]
	assert tasks_to_create(tasks, set()) == tasks
	assert [t.task for t in tasks_to_create(tasks, {"Agenda", "Gift"})] == ["Meet"]
	assert tasks_to_create(tasks, {"Agenda", "Meet", "Gift"}) == []


def test_moving_on_past_open_mandatory_tasks_asks_for_confirmation():
	check_moving_on("Meeting", [], confirmed=False)
	check_moving_on("Meeting", ["Agenda"], confirmed=True)
	with pytest.raises(OpenTasksError) as refused:
		check_moving_on("Meeting", ["Agenda", "Protocol"], confirmed=False)
	assert "Agenda; Protocol" in str(refused.value)
