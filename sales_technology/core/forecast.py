"""The prospective clients report (seed 004: every Monday, for the previous week, the group lead's
report of the prospective clients and their sales forecast): the weighted forecast of the open deals,
the run-rate projection of the fact, what changed in the week, added up along the tree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

# what a step of a deal's history says about the week (Deal Stage Change's event and moved_forward)
NEW, MOVED_FORWARD, MOVED_BACK, WON, LOST = (
	"new_deals",
	"moved_forward",
	"moved_back",
	"deals_won",
	"deals_lost",
)
CHANGES = (NEW, MOVED_FORWARD, MOVED_BACK, WON, LOST)


def reported_week(on: date) -> tuple[date, date]:
	"""The week a report made on `on` speaks of: Monday to Sunday of the week before."""
	monday = on - timedelta(days=on.weekday())
	return monday - timedelta(days=7), monday - timedelta(days=1)


def weighted(amount: float, probability: float) -> float:
	"""A deal's expected amount: its amount at its probability (0 to 100 %)."""
	return amount * min(max(probability or 0, 0), 100) / 100


def change_of(event: str, moved_forward: bool) -> str | None:
	"""Which of the week's changes a step of a deal's history is; none for a reopening."""
	if event == "Opened":
		return NEW
	if event == "Stage Changed":
		return MOVED_FORWARD if moved_forward else MOVED_BACK
	if event == "Won":
		return WON
	if event in ("Lost", "Closed"):
		return LOST
	return None


@dataclass
class Forecast:
	"""A node's figures for the report and the weekly snapshot; every field adds up along the tree."""

	open_deals: int = 0
	pipeline: float = 0
	weighted_month: float = 0
	weighted_quarter: float = 0
	new_deals: int = 0
	moved_forward: int = 0
	moved_back: int = 0
	deals_won: int = 0
	deals_lost: int = 0
	extra: dict = field(default_factory=dict)

	def add(self, other: Forecast) -> None:
		for item in fields(self):
			if item.name != "extra":
				setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))


@dataclass(frozen=True)
class Node:
	name: str
	lft: int
	rgt: int


def rolled_up(nodes: Iterable[Node], own: Mapping[str, Forecast]) -> dict[str, Forecast]:
	"""Each node's figures: its own and those of every node below it (nested set bounds)."""
	nodes = list(nodes)
	result = {}
	for node in nodes:
		total = Forecast()
		for other in nodes:
			if node.lft <= other.lft and other.rgt <= node.rgt and other.name in own:
				total.add(own[other.name])
		result[node.name] = total
	return result
