"""Which Frappe and ERPNext versions the app runs on."""

from __future__ import annotations

import re

MINIMUM_MAJOR_VERSION = 15


def major_version(version: str) -> int | None:
	"""The major number of a version string such as "15.74.0" or "v15.0.0-dev"; None if unreadable."""
	match = re.match(r"\s*v?(\d+)", version or "")
	return int(match.group(1)) if match else None


def unsupported_versions(versions: dict[str, str], minimum: int = MINIMUM_MAJOR_VERSION) -> dict[str, str]:
	"""The apps among `versions` ({app: version}) older than `minimum`, or whose version is unreadable."""
	return {
		app: version
		for app, version in versions.items()
		if (major := major_version(version)) is None or major < minimum
	}
