"""Trainings (seed 004, «Внешнее обучение», «Внутрикорпоративное обучение»): the seed's catalogue, and
what a training changed: the trained stage's conversion of its participants before and after."""

from __future__ import annotations

from dataclasses import dataclass

EXTERNAL_PAID = "External Paid Training"
EXTERNAL_LECTURE = "External Lecture"
INTERNAL = "Internal Training"
TEAM_EVENT = "Team Event"


@dataclass(frozen=True)
class Topic:
	topic: str
	kind: str
	description: str


# the seed's trainings in English (ru.csv gives the seed's words): catalogue/development.csv
STANDARD_TOPICS: tuple[Topic, ...] = (
	Topic(
		"Paid training: working effectively with clients (2 days)",
		EXTERNAL_PAID,
		"Practice of real skills, business games, little theory",
	),
	Topic("Lectures by outside speakers", EXTERNAL_LECTURE, "Strong sales people of friendly companies"),
	Topic("Team-building events", TEAM_EVENT, "Joint events"),
	Topic(
		"Refresher training in other departments",
		INTERNAL,
		"Organise refresher training in the other departments",
	),
	Topic(
		"Training: the art of gathering information",
		INTERNAL,
		"Studying clients and competitors, knowing the services market and client industries",
	),
	Topic(
		"Training: past the secretary to the decision maker",
		INTERNAL,
		"Prepare and run a training with role-played phone calls",
	),
)


@dataclass(frozen=True)
class StageChange:
	entered_before: int
	moved_on_before: int
	entered_after: int
	moved_on_after: int

	@property
	def before(self) -> float | None:
		return round(self.moved_on_before * 100 / self.entered_before, 1) if self.entered_before else None

	@property
	def after(self) -> float | None:
		return round(self.moved_on_after * 100 / self.entered_after, 1) if self.entered_after else None

	@property
	def change(self) -> float | None:
		"""Points of conversion gained (or lost) from the month before to the month after."""
		if self.before is None or self.after is None:
			return None
		return round(self.after - self.before, 1)
