from sales_technology.core.target_lists import progress_row, share_out


def test_the_companies_are_dealt_round_the_reps():
	assert share_out(["A", "B", "C", "D", "E"], ["r1", "r2"]) == {
		"A": "r1",
		"B": "r2",
		"C": "r1",
		"D": "r2",
		"E": "r1",
	}
	assert share_out(["A"], []) == {}


def test_a_reps_progress_on_his_share():
	assert progress_row(4, 3, 1, 1) == {
		"assigned": 4,
		"touched": 3,
		"agreed_to_meet": 1,
		"in_funnel": 1,
		"touched_share": 75.0,
		"in_funnel_share": 25.0,
	}
	assert progress_row(0, 0, 0, 0)["touched_share"] is None
