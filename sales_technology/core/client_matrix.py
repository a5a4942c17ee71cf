"""The client × product matrix (seed 001): each cell is how far a client has come with a product —
informed 1, interested 2, negotiating 3, sold 4 — from the funnel stage of the client's deals for that
product, or sold where the client was invoiced for it; the cells' sum is the client's funnel index,
and over all clients the department's. It shows where to cross-sell."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

INFORMED, INTERESTED, NEGOTIATING, SOLD = "Informed", "Interested", "Negotiating", "Sold"
LEVELS = {INFORMED: 1, INTERESTED: 2, NEGOTIATING: 3, SOLD: 4}

# the default funnel's stages (setup/standard_funnel.SEED_STAGES, in order) as client levels: our
# reading of the seed; the target list, the cold call and booking the meeting leave the client uninformed
SEED_STAGE_LEVELS = (None, None, None, INFORMED, INTERESTED, INTERESTED, NEGOTIATING, NEGOTIATING, SOLD)


def level_of(name: str | None) -> int:
	return LEVELS.get(name or "", 0)


def name_of(level: int) -> str | None:
	return next((name for name, value in LEVELS.items() if value == level), None)


def cell_levels(
	deal_levels: Iterable[tuple[str, str, int]], invoiced: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], int]:
	"""{(client, product): level}: the highest level of the client's deals for the product, sold where
	invoiced; a cell at level 0 (deals only on stages before informing) is left out."""
	cells: dict[tuple[str, str], int] = {}
	for client, product, level in deal_levels:
		if level > cells.get((client, product), 0):
			cells[(client, product)] = level
	for client, product in invoiced:
		cells[(client, product)] = LEVELS[SOLD]
	return {cell: level for cell, level in cells.items() if level}


def funnel_index(cells: Mapping[tuple[str, str], int]) -> tuple[dict[str, int], int, float | None]:
	"""({client: the sum of its levels}, the sum over all clients, that sum per client)."""
	per_client: dict[str, int] = defaultdict(int)
	for (client, _product), level in cells.items():
		per_client[client] += level
	total = sum(per_client.values())
	return dict(per_client), total, round(total / len(per_client), 2) if per_client else None


def clients_at_each_level(cells: Mapping[tuple[str, str], int]) -> dict[str, dict[int, int]]:
	"""{product: {level: clients}}: the seed's crosses, counted."""
	counted: dict[str, dict[int, int]] = defaultdict(lambda: dict.fromkeys(LEVELS.values(), 0))
	for (_client, product), level in cells.items():
		counted[product][level] += 1
	return dict(counted)
