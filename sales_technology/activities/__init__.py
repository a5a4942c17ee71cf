"""Sales activities: counting them against day plans and norms, the timeline of parties, scheduled jobs."""
