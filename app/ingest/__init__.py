"""Ingest: fetch a URL, extract the article, normalise, split into segments, detect, store (one or many)."""
