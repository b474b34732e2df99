"""Language detection: which language a document and each paragraph is in, and what ingest does with it."""
