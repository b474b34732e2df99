"""The feeds API: roles, bad input as 4xx with codes, edits, pausing, the lease."""

from datetime import timedelta

import pytest

from testkit.feed_server import feed_server


@pytest.fixture
def outlet():
    with feed_server() as o:
        o.add("story-0", "Story number 0 about the talks")
        yield o


def test_roles_and_auth(anon, translator, editor, admin, outlet):
    body = {"url": f"{outlet.base}/rss.xml", "outlet": "TASS"}
    assert anon.get("/api/feeds").status_code == 401
    assert anon.post("/api/feeds", json=body).status_code == 401
    denied = translator.post("/api/feeds", json=body)
    assert denied.status_code == 403 and denied.json()["error"]["code"] == "forbidden"
    feed = admin.post("/api/feeds", json=body).json()
    assert translator.get("/api/feeds").json()[0]["id"] == feed["id"]  # everyone may look
    assert translator.get(f"/api/feeds/{feed['id']}/entries").status_code == 200
    for method, path in (("post", "/poll"), ("patch", ""), ("delete", "")):
        kwargs = {"json": {"paused": True}} if method == "patch" else {}
        r = getattr(translator, method)(f"/api/feeds/{feed['id']}{path}", **kwargs)
        assert r.status_code == 403, (method, path)
    assert editor.post(f"/api/feeds/{feed['id']}/poll").status_code == 200


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"url": "ftp://example.org/feed", "outlet": "X"}, "invalid_url"),
        ({"url": "not a url", "outlet": "X"}, "invalid_url"),
        ({"url": "https://example.org/feed", "outlet": "X", "interval_minutes": 4}, "invalid_input"),
        ({"url": "https://example.org/feed", "outlet": ""}, "invalid_input"),
        ({"url": "https://example.org/feed"}, "invalid_input"),
        ({"url": "https://example.org/feed", "outlet": "X", "source_lang": "xx"}, "unsupported_language"),
        ({"url": "https://example.org/" + "a" * 2000, "outlet": "X"}, "invalid_input"),
    ],
)
def test_bad_subscriptions_are_422_with_a_code(editor, body, code):
    r = editor.post("/api/feeds", json=body)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == code
    assert editor.get("/api/feeds").json() == []


def test_the_same_feed_twice_is_a_409_and_edits_pause_and_delete(editor, outlet):
    feed = editor.post("/api/feeds", json={"url": f"{outlet.base}/rss.xml", "outlet": "TASS"}).json()
    again = editor.post("/api/feeds", json={"url": f"{outlet.base}/rss.xml#top", "outlet": "TASS"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "feed_exists"
    assert again.json()["error"]["feed_id"] == feed["id"]
    r = editor.patch(
        f"/api/feeds/{feed['id']}", json={"paused": True, "outlet": "TASS (en)", "interval_minutes": 30}
    )
    assert r.status_code == 200 and r.json()["paused"] is True and r.json()["outlet"] == "TASS (en)"
    assert editor.patch(f"/api/feeds/{feed['id']}", json={"interval_minutes": 2}).status_code == 422
    assert (
        editor.patch(f"/api/feeds/{feed['id']}", json={"outlet": None}).json()["error"]["code"]
        == "invalid_input"
    )
    editor.post(f"/api/feeds/{feed['id']}/poll")
    doc_ids = [e["document_id"] for e in editor.get(f"/api/feeds/{feed['id']}/entries").json()]
    assert editor.delete(f"/api/feeds/{feed['id']}").status_code == 204
    assert editor.get(f"/api/feeds/{feed['id']}").json()["error"]["code"] == "feed_not_found"
    assert editor.get(f"/api/documents/{doc_ids[0]}").status_code == 200  # documents stay
    assert editor.post("/api/feeds/0/poll").status_code == 422
    assert editor.get("/api/feeds/99999/entries").status_code == 404


def test_paused_feeds_are_not_due_and_resume_makes_them_due(editor, outlet):
    from app.feeds.tasks import due_feeds

    feed = editor.post("/api/feeds", json={"url": f"{outlet.base}/rss.xml", "outlet": "TASS"}).json()
    assert due_feeds() == [feed["id"]]
    editor.patch(f"/api/feeds/{feed['id']}", json={"paused": True})
    assert due_feeds() == []
    editor.patch(f"/api/feeds/{feed['id']}", json={"paused": False})
    assert due_feeds() == [feed["id"]]
    editor.post(f"/api/feeds/{feed['id']}/poll")
    assert due_feeds() == []  # next poll in 15 minutes


def test_a_held_lease_refuses_a_second_poll_and_an_expired_one_is_taken_over(editor, outlet, session):
    from app.models import Feed, utcnow

    feed = editor.post("/api/feeds", json={"url": f"{outlet.base}/rss.xml", "outlet": "TASS"}).json()
    row = session.get(Feed, feed["id"])
    row.lease_owner, row.lease_until = "another-worker", utcnow() + timedelta(minutes=5)
    session.add(row)
    session.commit()
    busy = editor.post(f"/api/feeds/{feed['id']}/poll")
    assert busy.status_code == 409 and busy.json()["error"]["code"] == "poll_in_progress"
    assert outlet.requests == []

    from app.feeds.tasks import due_feeds

    assert due_feeds() == []  # the scheduler leaves a leased feed alone
    session.expire_all()
    row = session.get(Feed, feed["id"])
    row.lease_until = utcnow() - timedelta(seconds=1)  # that poll died
    session.add(row)
    session.commit()
    taken = editor.post(f"/api/feeds/{feed['id']}/poll")
    assert taken.status_code == 200 and taken.json()["new_documents"] == 1
    session.expire_all()
    assert session.get(Feed, feed["id"]).lease_owner is None  # released after the poll


def test_auto_translate_drafts_new_documents(editor, outlet, session):
    from sqlmodel import select

    from app.models import TranslationJob

    feed = editor.post(
        "/api/feeds",
        json={"url": f"{outlet.base}/rss.xml", "outlet": "TASS", "auto_translate": True, "provider": "none"},
    ).json()
    editor.post(f"/api/feeds/{feed['id']}/poll")
    doc_id = editor.get(f"/api/feeds/{feed['id']}/entries").json()[0]["document_id"]
    jobs = list(session.exec(select(TranslationJob).where(TranslationJob.document_id == doc_id)))
    assert [j.provider for j in jobs] == ["none"]
    assert editor.get(f"/api/jobs/{jobs[0].id}").json()["status"] == "done"  # the inline test queue ran it


def test_the_scheduled_task_polls_only_due_feeds(editor, outlet):
    from app.feeds.tasks import enqueue_due_feeds, poll_feed_task

    feed = editor.post("/api/feeds", json={"url": f"{outlet.base}/rss.xml", "outlet": "TASS"}).json()
    assert enqueue_due_feeds() == [feed["id"]]  # the inline test queue runs the poll at once
    assert len(outlet.feed_requests()) == 1
    assert editor.get(f"/api/feeds/{feed['id']}").json()["documents_total"] == 1
    poll_feed_task(feed["id"])  # a second task of the same minute: the feed is no longer due
    assert enqueue_due_feeds() == [] and len(outlet.feed_requests()) == 1
