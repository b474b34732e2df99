"""Shared column helpers."""

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlmodel import Field


def utcnow() -> datetime:
    """Current time, timezone-aware UTC."""
    return datetime.now(UTC)


def ts_field(*, nullable: bool = False, index: bool = False, default_now: bool = True):  # noqa: ANN201
    """A timezone-aware timestamp column."""
    if default_now:
        return Field(default_factory=utcnow, sa_type=DateTime(timezone=True), index=index)
    return Field(default=None, sa_type=DateTime(timezone=True), nullable=nullable, index=index)


def as_utc(value: datetime | None) -> datetime | None:
    """In UTC: naive values (SQLite drops the zone) are taken as UTC, aware ones converted."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
