"""Quality checks (QA) of a German translation against its source: plug-ins over plain text."""
