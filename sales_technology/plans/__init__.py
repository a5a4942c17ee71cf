"""Sales plans beyond a single document: approval rules, coverage by child plans, distribution, access."""
