"""The funnel figures per commitment level: the seed's measures and ratios."""

from sales_technology.core.commitment_figures import MEASURES, RUNG_LABELS, figures, per, rung_of


def test_adherents_are_measured_with_clients():
	assert rung_of("Adherent") == rung_of("Client") == "Client"
	assert rung_of("Potential") == "Potential"
	assert rung_of(None) is None
	assert set(MEASURES) == set(RUNG_LABELS)


def test_each_rung_gets_its_measures_and_ratio():
	result = figures(
		{
			"Potential:productive_calls": 40,
			"Potential:meetings_sold": 5,
			"Visitor:incoming": 12,
			"Buyer:incoming": 3,
			"first:issued": 4,
			"first:paid": 3,
			"first:days": 17.5,
			"Client:outgoing": 30,
			"Client:incoming": 6,
			"repeat:issued": 10,
			"repeat:paid": 6,
			"repeat:days": 41.2,
		}
	)
	assert result["Potential"] == {"productive_calls": 40, "meetings_sold": 5, "calls_per_meeting": 8.0}
	assert result["Visitor"] == {"incoming": 12, "invoices_issued": 4, "requests_per_invoice": 3.0}
	assert result["Buyer"] == {
		"invoices_paid": 3,
		"paid_share": 75.0,
		"days_to_first_deal": 17.5,
		"requests_per_paid_invoice": 5.0,  # the requests of visitors and buyers, 15, per paid first invoice
	}
	assert result["Client"]["contacts_per_repeat_sale"] == 5.0
	assert result["Client"]["paid_share"] == 60.0
	assert result["Client"]["days_of_repeat_deal"] == 41.2


def test_nothing_to_divide_by_says_nothing():
	assert per(3, 0) is None
	empty = figures({})
	assert empty["Potential"]["calls_per_meeting"] is None
	assert empty["Buyer"]["paid_share"] is None
	assert empty["Buyer"]["days_to_first_deal"] is None
	assert empty["Potential"]["productive_calls"] == 0
