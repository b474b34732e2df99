"""Workflows free of HTTP: ingest, detect, segment, translate, review, publish."""
