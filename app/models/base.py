"""Shared column helpers."""

from sqlmodel import Field

from app.models.types import UTCDateTime
from app.times import utcnow


def ts_field(*, nullable: bool = False, index: bool = False, default_now: bool = True):  # noqa: ANN201
    """A timestamp column (UTCDateTime: aware UTC in and out), by default set to now."""
    if default_now:
        return Field(default_factory=utcnow, sa_type=UTCDateTime(), index=index)
    return Field(default=None, sa_type=UTCDateTime(), nullable=nullable, index=index)


def counter_field():  # noqa: ANN201
    """A count kept by the database (NOT NULL, 0 for a new row); the app never writes it."""
    return Field(default=0, sa_column_kwargs={"server_default": "0"}, nullable=False)
