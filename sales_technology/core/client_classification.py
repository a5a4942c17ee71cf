"""Client classification: categories, the commitment ladder and temperature.

The ladder (Potential → Visitor → Buyer → Client → Adherent) is partly set by hand and partly
derived from real purchases: a customer with one submitted sales invoice is a Buyer, with two or more a
Client. Visitor (came to us on their own) and Adherent (buys only from us and recommends us) are
judgements a rep makes, so they are kept where the purchases allow them.
"""

from __future__ import annotations

POTENTIAL = "Potential"
VISITOR = "Visitor"
BUYER = "Buyer"
CLIENT = "Client"
ADHERENT = "Adherent"

COMMITMENT_LEVELS = (POTENTIAL, VISITOR, BUYER, CLIENT, ADHERENT)
TEMPERATURES = ("Hot", "Warm", "Cold")

# (name, Russian seed name, meaning) of the standard client categories of the methodology
STANDARD_CLIENT_CATEGORIES = (
	(
		"Target",
		"Целевые",
		"A valuable company that does not work with us yet, chosen as a target for the intercept "
		"strategy (VIP reps).",
	),
	("Assigned", "Назначенные", "A client handed to a sales rep to work on."),
	("Joint", "Совместные", "A non-target client developed together with regional sales."),
	("Incoming", "Входящие", "A client assigned to a rep from an incoming call or request."),
)

# the categories whose clients belong to every rep of their Sales Team (developed together), not to one
SHARED_CLIENT_CATEGORIES = ("Joint",)

# the category whose meetings are held only with an agenda, until the settings name another
KEY_CLIENT_CATEGORY = "Target"


def commitment_level(purchases: int, current: str | None = None) -> str:
	"""The commitment level of a customer with `purchases` submitted (non-return) sales invoices.

	`current` is the level the customer has now, so that the levels set by hand survive where the
	purchases allow them: Visitor while nothing is bought, Adherent while purchases continue.
	"""
	if purchases < 0:
		raise ValueError("purchases cannot be negative")
	if purchases == 0:
		return VISITOR if current == VISITOR else POTENTIAL
	if current == ADHERENT:
		return ADHERENT
	return BUYER if purchases == 1 else CLIENT
