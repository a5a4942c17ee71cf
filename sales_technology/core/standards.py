"""The library of the department's standards (seed 004, «Документы и стандарты технологии продаж»; seed
001's regulations per process step): which reps a standard asks to read it, and who has confirmed its
present version. A new version asks everyone again.

The library's titles are `catalogue/standards.csv`; the documents themselves are the department's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

TECHNOLOGY = "Technology"
STANDARD = "Standard"
TRAINING_MATERIAL = "Training Material"
KINDS = (TECHNOLOGY, STANDARD, TRAINING_MATERIAL)

CONFIRMED = "Read and Confirmed"
OLDER_VERSION = "Older Version Confirmed"
NOT_CONFIRMED = "Not Confirmed"


@dataclass(frozen=True)
class LibraryEntry:
	title: str
	kind: str
	serves: str


# the seed's library in English (ru.csv gives the seed's titles): catalogue/standards.csv
STANDARD_LIBRARY: tuple[LibraryEntry, ...] = (
	LibraryEntry("Finding and attracting clients", TECHNOLOGY, "2.1 client registry; Target list"),
	LibraryEntry("The first call", TECHNOLOGY, "2.5 establish contact; cold calls"),
	LibraryEntry("Answering objections", TECHNOLOGY, "2.6-2.8"),
	LibraryEntry("The personal meeting", TECHNOLOGY, "2.6 meetings"),
	LibraryEntry("The angry client", TECHNOLOGY, "2.15 claims"),
	LibraryEntry("Closing the client", TECHNOLOGY, "2.8-2.9"),
	LibraryEntry("The service presentation standard", STANDARD, "2.6-2.7"),
	LibraryEntry("The tender proposal standard", STANDARD, "2.7 technical proposal"),
	LibraryEntry(
		"The key-client meeting standard (at our premises / the client's)", STANDARD, "key client meetings"
	),
	LibraryEntry("The key-client meeting protocol standard", STANDARD, "meeting protocol"),
	LibraryEntry("Training material built from external trainings", TRAINING_MATERIAL, "training"),
)


def is_published(content: str | None, document: str | None) -> bool:
	"""A standard asks to be read once it has a text or a document: a title alone is nothing to read."""
	return bool((content or "").strip() or document)


def next_version(version: int | None, document_changed: bool) -> int:
	"""Its text or document changed: the next version, which everyone it applies to confirms again."""
	return (version or 0) + 1 if document_changed else (version or 1)


def covers(applies_to: Iterable[tuple[int, int]], rep: tuple[int, int]) -> bool:
	"""Whether a standard applying to the nodes (lft, rgt) reaches a rep (his lft, rgt): one of them is
	his or above him; applying to none, it reaches every rep."""
	bounds = list(applies_to)
	return not bounds or any(lft <= rep[0] and rep[1] <= rgt for lft, rgt in bounds)


def read_status(version: int, confirmed_versions: Iterable[int]) -> str:
	"""A rep's state for a standard: its present version confirmed, only an older one, or none."""
	versions = set(confirmed_versions)
	if version in versions:
		return CONFIRMED
	return OLDER_VERSION if versions else NOT_CONFIRMED
