"""Helpers shared by tests and benchmarks: servers, fake services, tiny models, sample data."""
