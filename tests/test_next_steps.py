"""The funnel steps kept on a party's activities: whether it took the next step, and its first meeting."""

from datetime import datetime

from sales_technology.core.next_steps import Step, StepFacts, party_step_facts


def at(day: int, hour: int = 10) -> datetime:
	return datetime(2026, 9, day, hour)


def call(name, day, hour=10, tag="Cold Call", channel="Phone"):
	return Step(name, tag, False, channel, at(day, hour))


def meeting(name, day, hour=10, tag="Needs Meeting"):
	return Step(name, tag, True, "Meeting at the Client", at(day, hour))


def test_a_cold_call_followed_by_a_meeting_reached_its_next_step():
	facts = party_step_facts([call("C1", 1), call("C2", 3), meeting("M1", 5, tag="Cold Meeting")])
	assert facts["C1"].reached_next_step == facts["C2"].reached_next_step == 1
	assert facts["M1"] == StepFacts(reached_next_step=0, first_meeting=1, calls_before_meeting=2)


def test_a_call_after_the_last_meeting_did_not_reach_it():
	facts = party_step_facts([meeting("M1", 2, tag="Cold Meeting"), call("C1", 4)])
	assert facts["C1"].reached_next_step == 0
	assert facts["M1"].calls_before_meeting == 0  # the call came after it


def test_a_meeting_at_the_same_time_counts_as_after():
	facts = party_step_facts([call("C1", 2, 10), meeting("M1", 2, 10, tag="Cold Meeting")])
	assert facts["C1"].reached_next_step == 1
	assert facts["M1"].calls_before_meeting == 0  # not before it


def test_each_step_has_its_own_next_step():
	steps = [
		meeting("COLD", 1, tag="Cold Meeting"),
		meeting("NEEDS", 3, tag="Needs Meeting"),
		meeting("TERMS", 2, tag="Terms Meeting"),  # before the needs meeting: not its next step
	]
	facts = party_step_facts(steps)
	assert facts["COLD"].reached_next_step == 1  # a working meeting followed
	assert facts["NEEDS"].reached_next_step == 0
	assert facts["TERMS"].reached_next_step == 0  # no tag leads on from a terms meeting


def test_the_first_meeting_is_the_earliest_ever_ties_by_name():
	facts = party_step_facts(
		[meeting("M-B", 4), meeting("M-A", 4), meeting("M-C", 6), call("C1", 1), call("C2", 5)]
	)
	assert [name for name, fact in facts.items() if fact.first_meeting] == ["M-A"]
	assert facts["M-A"].calls_before_meeting == 1
	assert facts["M-B"].calls_before_meeting == 0


def test_what_counts_as_a_call():
	steps = [
		call("PHONE", 1, tag="Follow-up", channel="Phone"),
		call("TO-DM", 1, tag="Call to Decision Maker", channel="E-mail"),
		call("LETTER", 1, tag="Follow-up", channel="E-mail"),
		meeting("M1", 3),
	]
	assert party_step_facts(steps)["M1"].calls_before_meeting == 2


def test_an_activity_without_a_time_takes_no_step():
	facts = party_step_facts([Step("C1", "Cold Call", False, "Phone", None), meeting("M1", 3)])
	assert facts["C1"] == StepFacts()
	assert facts["M1"].calls_before_meeting == 0


def test_no_meeting_no_first_meeting():
	facts = party_step_facts([call("C1", 1), call("C2", 2)])
	assert all(fact == StepFacts() for fact in facts.values())
