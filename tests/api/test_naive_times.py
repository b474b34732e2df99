"""Naive datetimes sent to the API are wall-clock time in the site's zone; aware ones keep their instant."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from testkit.samples import EN

WP = {"wp": "http://wordpress.org/export/1.2/"}


def _post(translator, editor) -> dict:
    doc = translator.post("/api/documents", json={"text": EN}).json()
    title = doc["segments"][0]
    r = translator.patch(
        f"/api/segments/{title['id']}", json={"target_text": "Titel", "version": title["version"]}
    )
    editor.post(f"/api/segments/{title['id']}/approve", json={"version": r.json()["version"]})
    return translator.post("/api/posts", json={"document_id": doc["id"]}).json()


def _wxr_dates(client, post_id: int) -> tuple[str, str]:
    root = etree.fromstring(client.get(f"/api/posts/{post_id}/export?format=wxr").content)
    item = root.find("channel/item")
    return item.findtext("wp:post_date", namespaces=WP), item.findtext("wp:post_date_gmt", namespaces=WP)


def _use_zone(monkeypatch, name: str) -> None:
    from app.config import get_settings

    monkeypatch.setenv("WERKBANK_TIMEZONE", name)
    get_settings.cache_clear()


def test_naive_published_at_is_berlin_wall_clock(translator, editor):
    post = _post(translator, editor)
    r = translator.patch(f"/api/posts/{post['id']}", json={"published_at": "2026-01-10T10:00:00"})
    assert r.status_code == 200, r.text
    assert r.json()["published_at"] == "2026-01-10T09:00:00Z"
    assert translator.get(f"/api/posts/{post['id']}").json()["published_at"] == "2026-01-10T09:00:00Z"
    assert _wxr_dates(translator, post["id"]) == ("2026-01-10 10:00:00", "2026-01-10 09:00:00")
    exported = translator.get(f"/api/posts/{post['id']}/export?format=json").json()
    assert exported["published_local"] == "2026-01-10T10:00:00+01:00"
    assert exported["published_at"] == "2026-01-10T09:00:00+00:00"
    summer = translator.patch(f"/api/posts/{post['id']}", json={"published_at": "2026-07-10T10:00:00"})
    assert summer.json()["published_at"] == "2026-07-10T08:00:00Z"
    assert _wxr_dates(translator, post["id"]) == ("2026-07-10 10:00:00", "2026-07-10 08:00:00")
    assert [p["id"] for p in translator.get("/api/posts?date=2026-07-10").json()] == [post["id"]]


def test_aware_published_at_keeps_its_instant(translator, editor):
    post = _post(translator, editor)
    for sent, answered in (
        ("2026-01-10T10:00:00+03:00", "2026-01-10T07:00:00Z"),
        ("2026-01-10T10:00:00Z", "2026-01-10T10:00:00Z"),
        ("2026-01-10T10:00:00.250-05:00", "2026-01-10T15:00:00.250000Z"),
    ):
        r = translator.patch(f"/api/posts/{post['id']}", json={"published_at": sent})
        assert r.json()["published_at"] == answered, sent


def test_with_utc_as_site_zone_naive_stays_ten_oclock(translator, editor, monkeypatch):
    _use_zone(monkeypatch, "UTC")
    post = _post(translator, editor)
    r = translator.patch(f"/api/posts/{post['id']}", json={"published_at": "2026-01-10T10:00:00"})
    assert r.json()["published_at"] == "2026-01-10T10:00:00Z"
    assert _wxr_dates(translator, post["id"]) == ("2026-01-10 10:00:00", "2026-01-10 10:00:00")
    exported = translator.get(f"/api/posts/{post['id']}/export?format=json").json()
    assert exported["published_local"] == "2026-01-10T10:00:00+00:00"


@pytest.mark.parametrize("zone", ["Europe/Berlin", "UTC"])
def test_naive_since_and_until_of_the_pairs_export_are_site_time(translator, editor, monkeypatch, zone):
    _use_zone(monkeypatch, zone)
    doc = translator.post("/api/documents", json={"text": EN}).json()
    seg = doc["segments"][0]
    r = translator.patch(
        f"/api/segments/{seg['id']}", json={"target_text": "Titel", "version": seg["version"]}
    )
    approved = editor.post(f"/api/segments/{seg['id']}/approve", json={"version": r.json()["version"]}).json()
    wall = datetime.fromisoformat(approved["updated_at"]).astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    minute_before = (wall - timedelta(minutes=1)).isoformat()  # naive, in the site's zone
    since = translator.get("/api/pairs/export", params={"format": "jsonl", "since": minute_before})
    assert since.status_code == 200 and since.text.count("\n") == 1
    until = translator.get("/api/pairs/export", params={"format": "jsonl", "until": minute_before})
    assert until.status_code == 200 and until.text == ""
