"""Machine drafts: translation jobs, the translator registry, the termbase, the queue task that runs jobs."""
