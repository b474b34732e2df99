"""The time rules (app/times.py), the WERKBANK_TIMEZONE setting and the payload time types."""

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import settings as settings_
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from app import times
from app.models.types import ClientDatetime, Timestamp

BERLIN = ZoneInfo("Europe/Berlin")
PLUS3 = timezone(timedelta(hours=3))


@pytest.fixture
def zone_env(monkeypatch):
    """Set WERKBANK_TIMEZONE for one test (settings re-read)."""
    from app.config import get_settings

    def use(name: str) -> None:
        monkeypatch.setenv("WERKBANK_TIMEZONE", name)
        get_settings.cache_clear()

    yield use
    monkeypatch.delenv("WERKBANK_TIMEZONE", raising=False)
    get_settings.cache_clear()


def test_as_utc_converts_aware_and_refuses_naive():
    assert times.as_utc(datetime(2026, 1, 10, 12, tzinfo=PLUS3)) == datetime(2026, 1, 10, 9, tzinfo=UTC)
    assert times.as_utc(datetime(2026, 1, 10, 12, tzinfo=PLUS3)).tzinfo is UTC
    with pytest.raises(times.NaiveDatetimeError):
        times.as_utc(datetime(2026, 1, 10, 12))
    assert times.utcnow().tzinfo is UTC


def test_naive_means_the_site_zone_winter_summer_and_dst_edges(zone_env):
    zone_env("Europe/Berlin")
    assert times.site_zone() == BERLIN
    assert times.assume_site_zone(datetime(2026, 1, 10, 10)) == datetime(2026, 1, 10, 9, tzinfo=UTC)
    assert times.assume_site_zone(datetime(2026, 7, 10, 10)) == datetime(2026, 7, 10, 8, tzinfo=UTC)
    # 02:30 on 25 Oct 2026 happens twice; the earlier (summer, +02:00) one is taken
    assert times.assume_site_zone(datetime(2026, 10, 25, 2, 30)) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    aware = datetime(2026, 1, 10, 10, tzinfo=PLUS3)
    assert times.assume_site_zone(aware) == aware and times.assume_site_zone(aware).tzinfo is UTC
    zone_env("UTC")
    assert times.assume_site_zone(datetime(2026, 1, 10, 10)) == datetime(2026, 1, 10, 10, tzinfo=UTC)


def test_local_rfc3339_and_day_bounds():
    moment = datetime(2026, 1, 10, 23, 30, tzinfo=UTC)
    assert times.local(moment, BERLIN).isoformat() == "2026-01-11T00:30:00+01:00"
    assert times.rfc3339(moment) == "2026-01-10T23:30:00Z"
    assert times.rfc3339(datetime(2026, 1, 10, 12, 0, 0, 5, tzinfo=PLUS3)) == "2026-01-10T09:00:00.000005Z"
    start, end = times.day_bounds(date(2026, 3, 29), BERLIN)  # the day clocks go forward: 23 hours
    assert (start, end) == (datetime(2026, 3, 28, 23, tzinfo=UTC), datetime(2026, 3, 29, 22, tzinfo=UTC))
    assert times.day_bounds(date(2026, 1, 10), UTC) == (
        datetime(2026, 1, 10, tzinfo=UTC),
        datetime(2026, 1, 11, tzinfo=UTC),
    )


def test_timezone_setting_is_validated_with_a_clear_message(zone_env):
    from app.config import Settings, get_settings

    zone_env("America/New_York")
    assert get_settings().zone == ZoneInfo("America/New_York")
    for bad in ("Mars/Olympus_Mons", "", "../../etc/passwd", "Berlin"):
        with pytest.raises(ValidationError, match="is not an IANA time zone name"):
            Settings(timezone=bad)
    zone_env("Europe/Berlni")
    with pytest.raises(ValidationError, match="WERKBANK_TIMEZONE='Europe/Berlni'"):
        get_settings()


def test_invalid_zone_stops_the_app_at_startup(zone_env):
    from app.main import create_app

    zone_env("Nowhere/Town")
    with pytest.raises(ValidationError, match="not an IANA time zone"):
        create_app()


class _Out(BaseModel):
    at: Timestamp
    maybe: Timestamp | None = None


class _In(BaseModel):
    at: ClientDatetime | None = None


def test_timestamp_is_aware_utc_and_serializes_with_z():
    out = _Out(at=datetime(2026, 1, 10, 12, tzinfo=PLUS3), maybe=datetime(2026, 1, 10, 9, tzinfo=UTC))
    assert out.at.tzinfo is UTC
    assert out.model_dump(mode="json") == {"at": "2026-01-10T09:00:00Z", "maybe": "2026-01-10T09:00:00Z"}
    with pytest.raises(ValidationError, match="naive"):
        _Out(at=datetime(2026, 1, 10, 12))
    schema = _Out.model_json_schema(mode="serialization")["properties"]["at"]
    assert schema["format"] == "date-time" and "offset" in schema["description"]


@settings_(max_examples=300, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
    ),
    offset_minutes=st.integers(min_value=-14 * 60, max_value=14 * 60),
)
def test_timestamp_json_is_rfc3339_in_utc_for_any_instant_and_offset(moment, offset_minutes):
    """pydantic-core writes the validated value itself: exactly what app.times.rfc3339 writes."""
    shown = moment.astimezone(timezone(timedelta(minutes=offset_minutes)))
    out = _Out(at=shown, maybe=shown)
    assert out.model_dump_json() == f'{{"at":"{times.rfc3339(moment)}","maybe":"{times.rfc3339(moment)}"}}'
    assert _In(at=shown).model_dump(mode="json") == {"at": times.rfc3339(moment)}


def test_client_datetime_reads_naive_in_site_zone(zone_env):
    zone_env("Europe/Berlin")
    assert _In.model_validate({"at": "2026-01-10T10:00:00"}).model_dump(mode="json") == {
        "at": "2026-01-10T09:00:00Z"
    }
    assert _In(at="2026-01-10T10:00:00+03:00").at == datetime(2026, 1, 10, 7, tzinfo=UTC)
    assert _In(at="2026-01-10T10:00:00Z").at == datetime(2026, 1, 10, 10, tzinfo=UTC)
    assert _In(at=None).at is None
    zone_env("UTC")
    assert _In(at="2026-01-10T10:00:00").at == datetime(2026, 1, 10, 10, tzinfo=UTC)
    assert "WERKBANK_TIMEZONE" in _In.model_json_schema()["properties"]["at"]["anyOf"][0]["description"]


def test_cli_sends_offsets_intact_and_reads_naive_options_as_site_time():
    from app.cli.client import ExportRequest, _client_time

    path = ExportRequest("pairs", None, "jsonl", since="2026-01-10T10:00:00+01:00").path()
    assert "since=2026-01-10T10%3A00%3A00%2B01%3A00" in path
    assert _client_time("2026-01-10T10:00:00", BERLIN) == datetime(2026, 1, 10, 9, tzinfo=UTC)
    assert _client_time("2026-01-10T10:00:00Z", BERLIN) == datetime(2026, 1, 10, 10, tzinfo=UTC)
    assert _client_time(None, BERLIN) is None


def test_cli_local_output_prints_offsets(settings):
    from app.cli.client import ExportRequest, LocalTarget
    from testkit.samples import EN

    doc = LocalTarget().ingest({"text": EN, "published_at": "2022-01-12T08:00:00"})
    assert doc["published_at"] == "2022-01-12T07:00:00Z"
    assert doc["created_at"].endswith("Z") and all(s["updated_at"].endswith("Z") for s in doc["segments"])
    assert LocalTarget().export(ExportRequest("pairs", None, "jsonl", since="2022-01-12T08:00:00")) == ""
