"""The ledger row as the post's lock: crashes, stale claims, take-overs and failures (SQLite and PostgreSQL)."""

from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from app.errors import Conflict
from app.exporters import html
from app.models import PublishRecord, utcnow
from app.publishing import ledger
from app.publishing.posts import get_post, render
from app.publishing.wordpress import LedgerEntry, WordPressClient, site_from_settings
from testkit.fake_wordpress import FakeWordPress
from testkit.samples import DE


@pytest.fixture
def wp(monkeypatch, settings):
    site = FakeWordPress().start()
    monkeypatch.setenv("WERKBANK_WORDPRESS_URL", site.url)
    monkeypatch.setenv("WERKBANK_WORDPRESS_USER", site.user)
    monkeypatch.setenv("WERKBANK_WORDPRESS_APP_PASSWORD", site.password)
    from app.config import get_settings

    get_settings.cache_clear()
    yield site
    site.stop()


@pytest.fixture
def post_id(editor, wp) -> int:
    doc = editor.post("/api/documents", json={"text": DE}).json()
    ids = [s["id"] for s in doc["segments"] if s["kind"] != "title"]
    return editor.post("/api/posts", json={"document_id": doc["id"], "segment_ids": ids}).json()["id"]


def _settings():
    from app.config import get_settings

    return get_settings()


def _crashed_claim(session, post_id: int) -> ledger.Claim:
    """What a request leaves behind that died right after committing its intent."""
    post = get_post(session=session, post_id=post_id)
    site = site_from_settings(_settings()).base_url
    return ledger.claim(
        session=session, post_id=post_id, slug=post.slug, site=site, kind="publishing", settings=_settings()
    )


def _age(session, post_id: int) -> None:
    """Let the claim go stale: older than publish_claim_seconds."""
    old = utcnow() - timedelta(seconds=_settings().publish_claim_seconds + 1)
    session.execute(update(PublishRecord).where(PublishRecord.post_id == post_id).values(claimed_at=old))
    session.commit()


def _rows(session, post_id: int) -> list[PublishRecord]:
    session.expire_all()
    return list(session.exec(select(PublishRecord).where(PublishRecord.post_id == post_id)))


def test_a_crash_after_the_intent_holds_the_post_until_the_claim_is_stale(editor, session, wp, post_id):
    _crashed_claim(session, post_id)
    for action in ("publish", "unpublish"):
        r = editor.post(f"/api/posts/{post_id}/{action}")
        assert r.status_code == 409 and r.json()["error"]["code"] == "publish_in_progress", r.text
    assert wp.posts == {}
    _age(session, post_id)
    r = editor.post(f"/api/posts/{post_id}/publish")
    assert r.status_code == 200, r.text
    assert list(wp.posts) == [r.json()["remote_id"]]
    [row] = _rows(session, post_id)
    assert (row.state, row.remote_id, row.status) == ("done", r.json()["remote_id"], "publish")


def test_a_crash_after_the_remote_create_is_adopted_not_duplicated(editor, session, wp, post_id):
    _crashed_claim(session, post_id)
    view = render(session=session, post=get_post(session=session, post_id=post_id), settings=_settings()).view
    with WordPressClient(site_from_settings(_settings())) as client:  # the call went through, then the crash
        created = client.publish(post=view, html=html.render_post(view), ledger=None)
    _age(session, post_id)
    r = editor.post(f"/api/posts/{post_id}/publish")
    assert r.status_code == 200, r.text
    assert r.json()["remote_id"] == created.remote_id and list(wp.posts) == [created.remote_id]


def test_an_overtaken_publish_cannot_overwrite_the_newer_result(editor, session, wp, post_id):
    slow = _crashed_claim(session, post_id)
    _age(session, post_id)
    newer = editor.post(f"/api/posts/{post_id}/publish").json()
    late = LedgerEntry(
        site=wp.url, remote_id=999, slug="x", content_hash="0" * 64, status="publish", link=None
    )
    with pytest.raises(Conflict, match="took it over"):
        ledger.finish(session=session, held=slow, entry=late, post_status="published")
    [row] = _rows(session, post_id)
    assert (row.state, row.remote_id) == ("done", newer["remote_id"])


def test_a_failed_publish_frees_the_post_and_keeps_what_the_ledger_knew(editor, session, wp, post_id):
    wp.fail_next = 500
    r = editor.post(f"/api/posts/{post_id}/publish")
    assert r.status_code == 502 and r.json()["error"]["code"] == "publish_failed"
    assert _rows(session, post_id) == []  # the intent recorded nothing: it is gone
    first = editor.post(f"/api/posts/{post_id}/publish").json()
    wp.fail_next = 500
    assert editor.post(f"/api/posts/{post_id}/publish").status_code == 502
    [row] = _rows(session, post_id)
    assert (row.state, row.remote_id, row.status) == ("done", first["remote_id"], "publish")
    again = editor.post(f"/api/posts/{post_id}/publish")
    assert again.status_code == 200 and again.json()["remote_id"] == first["remote_id"]
    assert editor.post(f"/api/posts/{post_id}/unpublish").json()["status"] == "ready"
    assert len(wp.posts) == 1 and wp.posts[first["remote_id"]]["status"] == "draft"


def test_unpublish_of_a_never_published_post_just_makes_it_ready(editor, session, wp, post_id):
    r = editor.post(f"/api/posts/{post_id}/unpublish")
    assert r.status_code == 200 and r.json()["status"] == "ready"
    assert _rows(session, post_id) == [] and wp.log == []
