"""Time rules: aware UTC inside, RFC 3339 with an offset outside, naive input in the site's zone."""

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from app.config import get_settings
from app.errors import DateOutOfRange


class NaiveDatetimeError(ValueError):
    """A datetime without a zone reached code that only takes aware values (a programming error)."""


def utcnow() -> datetime:
    """Current time, timezone-aware UTC."""
    return datetime.now(UTC)


def site_zone() -> ZoneInfo:
    """The blog's time zone (WERKBANK_TIMEZONE, default Europe/Berlin)."""
    return get_settings().zone


def as_utc(value: datetime) -> datetime:
    """An aware datetime converted to UTC; a naive one raises NaiveDatetimeError."""
    if value.utcoffset() is None:
        raise NaiveDatetimeError(f"naive datetime {value.isoformat()} where an aware one is required")
    return value.astimezone(UTC)


def assume_site_zone(value: datetime, zone: tzinfo | None = None) -> datetime:
    """Input rule: a naive value is wall-clock time in the site's zone; the result is aware UTC.

    Aware values keep their instant. Ambiguous wall-clock times (the repeated hour when
    daylight saving ends) take the earlier offset, as ``fold=0`` does.
    """
    if value.utcoffset() is None:
        value = value.replace(tzinfo=zone or site_zone())
    return value.astimezone(UTC)


def client_time(value: datetime, zone: tzinfo | None = None) -> datetime:
    """assume_site_zone for input also shown in the zone; outside years 1–9999 it is DateOutOfRange."""
    zone = zone or site_zone()
    try:
        moment = assume_site_zone(value, zone)
        moment.astimezone(zone)  # answers and exports show it there (WXR wp:post_date, JSON published_local)
    except OverflowError as exc:
        message = f"{value.isoformat()} cannot be converted to UTC and the site's time zone"
        raise DateOutOfRange(message, value=value.isoformat()) from exc
    return moment


def local(value: datetime, zone: tzinfo | None = None) -> datetime:
    """An aware moment as wall-clock time in ``zone`` (default: the site's zone)."""
    return as_utc(value).astimezone(zone or site_zone())


def rfc3339(value: datetime) -> str:
    """An aware moment as RFC 3339 in UTC: ``2026-01-10T09:00:00Z``."""
    return as_utc(value).isoformat().replace("+00:00", "Z")


def day_bounds(day: date, zone: tzinfo | None = None) -> tuple[datetime, datetime]:
    """UTC start (inclusive) and end (exclusive) of a calendar day in ``zone`` (default: site).

    A day whose bounds fall outside years 1–9999 in UTC raises DateOutOfRange.
    """
    zone = zone or site_zone()
    try:
        start = datetime.combine(day, time.min, tzinfo=zone)
        end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
        return start.astimezone(UTC), end.astimezone(UTC)
    except OverflowError as exc:
        raise DateOutOfRange(f"{day.isoformat()} cannot be converted to UTC", day=day.isoformat()) from exc
