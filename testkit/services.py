"""Which external services tests may use, and how a missing one is handled (skip here, fail in CI)."""

import os

import pytest

PG_URL = os.environ.get("WERKBANK_TEST_POSTGRES_URL")
REDIS_URL = os.environ.get("WERKBANK_TEST_REDIS_URL")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def skip_or_fail(reason: str) -> None:
    """Skip locally when a service is missing; in CI the service is required."""
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)
