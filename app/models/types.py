"""The one time type: a UTC column type and the Timestamp/ClientDatetime types of payloads."""

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from pydantic import AfterValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError
from sqlalchemy import DateTime, Interval
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from app.errors import DateOutOfRange
from app.times import as_utc, client_time

MAX_ID = 2**31 - 1
"""Ids and versions are INTEGER columns: 32-bit signed on PostgreSQL (64-bit on SQLite)."""
ID_RULE = f"An id: 1 to {MAX_ID} (anything else is a 422 invalid_input)."

DbId = Annotated[int, Field(ge=1, le=MAX_ID, description=ID_RULE)]
"""An id in a payload: bounded by the column, so no out-of-range value reaches a query."""
Version = Annotated[int, Field(ge=1, le=MAX_ID - 1, description="The version you edited; saving adds 1.")]
"""A segment version in a payload: saving writes version + 1, which must fit the column too."""


class UTCDateTime(TypeDecorator[datetime]):
    """``DateTime(timezone=True)`` that stores UTC and always returns aware UTC values.

    PostgreSQL keeps the instant (timestamptz) but answers in the session's zone; SQLite keeps
    no zone at all and answers naive. Both come back as aware UTC here. Binding a naive value
    raises: inside the app naive is ambiguous (UTC? the site's zone?) — exactly the mistake that
    published an editor's "10:00" at 11:00 Berlin — so input is made aware at the edge
    (ClientDatetime, app.times.assume_site_zone) and never guessed at the database.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def coerce_compared_value(self, op: Any, value: Any) -> TypeEngine[Any]:
        """Comparisons with a timedelta (``col - interval``) stay intervals, not datetimes."""
        return Interval() if isinstance(value, timedelta) else self

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:  # SQLite: the stored wall clock is UTC (written by the bind)
            return value.replace(tzinfo=UTC)
        return as_utc(value)


TIMESTAMP_RULE = "RFC 3339 date-time in UTC with an offset, e.g. 2026-01-10T09:00:00Z."
CLIENT_RULE = (
    "RFC 3339 date-time. With an offset (Z, +01:00) it is that instant; without one it is "
    "wall-clock time in the site's time zone (WERKBANK_TIMEZONE). Answers give it back in UTC."
)


def _client_time(value: datetime) -> datetime:
    try:
        return client_time(value)
    except DateOutOfRange as exc:  # a validation error like any other, with its own type
        raise PydanticCustomError("date_out_of_range", exc.message) from exc


Timestamp = Annotated[
    datetime,
    AfterValidator(as_utc),
    WithJsonSchema({"type": "string", "format": "date-time", "description": TIMESTAMP_RULE}),
]
"""An output time: aware UTC (naive raises), serialized as RFC 3339 ``…Z``.

The validator leaves every value in ``datetime.UTC``, which pydantic-core writes as ``…Z`` itself (as
app.times.rfc3339 does, fractions included); a Python serializer per value cost a tenth of a document
read. Values reach these models only through validation (nothing here builds them unvalidated)."""

ClientDatetime = Annotated[
    datetime,
    AfterValidator(_client_time),
    WithJsonSchema({"type": "string", "format": "date-time", "description": CLIENT_RULE}),
]
"""An input time: naive means the site's zone, aware keeps its instant; the value is aware UTC."""


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Autogenerate hook: migrations spell UTCDateTime as its DDL type and never import app code."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False
