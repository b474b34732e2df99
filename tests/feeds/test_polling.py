"""Feed polling against a real loopback outlet: conditional GET, once-only entries, per-entry outcomes."""

import pytest

from testkit.feed_server import Article, feed_server


@pytest.fixture
def outlet():
    with feed_server() as o:
        for n in range(3):
            o.add(f"story-{n}", f"Story number {n} about the talks")
        yield o


def _feed(client, url, **extra):
    r = client.post("/api/feeds", json={"url": url, "outlet": "TASS", "source_lang": "en", **extra})
    assert r.status_code == 201, r.text
    return r.json()


def test_first_poll_ingests_second_gets_304_new_entry_ingests_one(editor, outlet):
    feed = _feed(editor, f"{outlet.base}/rss.xml")
    assert feed["last_status"] == "never" and feed["next_poll_at"] is not None

    first = editor.post(f"/api/feeds/{feed['id']}/poll").json()
    assert first["status"] == "ok"
    assert (first["entries"], first["new_documents"], first["existing"], first["errors"]) == (3, 3, 0, 0)

    second = editor.post(f"/api/feeds/{feed['id']}/poll").json()
    assert second["status"] == "not_modified" and second["new_documents"] == 0
    conditional = outlet.feed_requests()[-1]
    assert conditional.get("If-None-Match") and conditional.get("If-Modified-Since")

    outlet.add("story-new", "A brand new story about a summit")  # also shifts every other entry's date
    third = editor.post(f"/api/feeds/{feed['id']}/poll").json()
    assert (third["entries"], third["new_documents"], third["existing"]) == (4, 1, 0)

    shown = editor.get(f"/api/feeds/{feed['id']}").json()
    assert shown["last_status"] == "ok" and shown["documents_total"] == 4 and shown["entries_total"] == 4
    assert shown["last_polled_at"] and shown["next_poll_at"] > shown["last_polled_at"]
    entries = editor.get(f"/api/feeds/{feed['id']}/entries").json()
    assert {e["outcome"] for e in entries} == {"new"} and all(e["document_id"] for e in entries)
    docs = editor.get(f"/api/documents?feed_id={feed['id']}").json()["items"]
    assert len(docs) == 4
    assert {d["outlet"] for d in docs} == {"TASS"}  # the pages name no outlet: the feed's
    assert all(d["published_at"] for d in docs)  # nor a date: the feed's
    assert docs[0]["title"] == "A brand new story about a summit"
    other = _feed(editor, f"{outlet.base}/atom.xml")
    assert editor.get(f"/api/documents?feed_id={other['id']}").json()["items"] == []


def test_atom_feed_and_the_same_article_from_two_feeds_is_one_document(editor, outlet):
    rss = _feed(editor, f"{outlet.base}/rss.xml")
    atom = _feed(editor, f"{outlet.base}/atom.xml")
    assert editor.post(f"/api/feeds/{rss['id']}/poll").json()["new_documents"] == 3
    result = editor.post(f"/api/feeds/{atom['id']}/poll").json()
    # Atom links carry no tracking parameter, RSS links do: same key, same documents.
    assert (result["entries"], result["new_documents"], result["existing"]) == (3, 0, 3)
    assert len(editor.get("/api/documents").json()["items"]) == 3


def test_tracking_parameters_make_one_document_and_broken_entries_stop_nothing(editor, outlet):
    outlet.extra_links += [
        f"{outlet.base}/articles/story-1?utm_medium=feed&fbclid=abc",  # story-1 again
        f"{outlet.base}/data.json",  # not HTML
        "ftp://files.example/x",  # not http(s)
        f"{outlet.base}/articles/missing",  # 404
        "",  # no link at all
    ]
    feed = _feed(editor, f"{outlet.base}/rss.xml")
    result = editor.post(f"/api/feeds/{feed['id']}/poll").json()
    assert result["new_documents"] == 3 and result["errors"] == 4
    entries = {e["link"]: e for e in editor.get(f"/api/feeds/{feed['id']}/entries").json()}
    codes = {link: e["error_code"] for link, e in entries.items() if e["outcome"] == "error"}
    assert codes == {
        f"{outlet.base}/data.json": "not_html",
        "ftp://files.example/x": "invalid_url",
        f"{outlet.base}/articles/missing": "fetch_failed",
        None: "entry_without_link",
    }
    assert len(editor.get("/api/documents").json()["items"]) == 3
    shown = editor.get(f"/api/feeds/{feed['id']}").json()
    assert shown["last_status"] == "partial" and shown["last_error_code"] == "entry_errors"
    assert shown["errors_total"] == 4


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/page.html", "not_a_feed"),
        ("/broken.xml", "invalid_xml"),
        ("/loop", "too_many_redirects"),
        ("/data.json", "unsupported_type"),
        ("/nothing-here.xml", "fetch_failed"),
    ],
)
def test_a_broken_feed_gets_a_code_and_backs_off(editor, outlet, path, code):
    feed = _feed(editor, f"{outlet.base}{path}", interval_minutes=5)
    good = _feed(editor, f"{outlet.base}/rss.xml")
    waits = []
    for _ in range(3):
        result = editor.post(f"/api/feeds/{feed['id']}/poll").json()
        assert result["status"] == "error" and result["error_code"] == code
        shown = editor.get(f"/api/feeds/{feed['id']}").json()
        waits.append(_minutes(shown["next_poll_at"], shown["last_polled_at"]))
    assert shown["last_status"] == "error" and shown["last_error_code"] == code and shown["last_error"]
    assert shown["failures"] == 3
    assert [round(w) for w in waits] == [10, 20, 40]  # 5 min interval, doubling
    assert editor.post(f"/api/feeds/{good['id']}/poll").json()["new_documents"] == 3


def _minutes(later: str, earlier: str) -> float:
    from datetime import datetime

    return (datetime.fromisoformat(later) - datetime.fromisoformat(earlier)).total_seconds() / 60


def test_back_off_stops_at_six_hours_and_success_resets_it(editor, outlet, session):
    from app.models import Feed

    feed = _feed(editor, f"{outlet.base}/page.html", interval_minutes=60)
    row = session.get(Feed, feed["id"])
    row.failures = 8
    session.add(row)
    session.commit()
    editor.post(f"/api/feeds/{feed['id']}/poll")
    shown = editor.get(f"/api/feeds/{feed['id']}").json()
    assert round(_minutes(shown["next_poll_at"], shown["last_polled_at"])) == 360
    editor.patch(f"/api/feeds/{feed['id']}", json={"interval_minutes": 60})
    session.expire_all()
    row = session.get(Feed, feed["id"])
    row.url = f"{outlet.base}/rss.xml"
    session.add(row)
    session.commit()
    editor.post(f"/api/feeds/{feed['id']}/poll")
    shown = editor.get(f"/api/feeds/{feed['id']}").json()
    assert shown["failures"] == 0 and round(_minutes(shown["next_poll_at"], shown["last_polled_at"])) == 60


def test_a_server_that_hangs_times_out(editor, outlet, settings):
    settings.fetch_timeout = 1.0
    feed = _feed(editor, f"{outlet.base}/hang")
    result = editor.post(f"/api/feeds/{feed['id']}/poll").json()
    assert result["status"] == "error" and result["error_code"] == "fetch_timeout"


def test_a_feed_of_5000_entries_reads_the_first_ones(editor, outlet, settings):
    settings.feed_max_entries = 4
    feed = _feed(editor, f"{outlet.base}/many.xml")
    result = editor.post(f"/api/feeds/{feed['id']}/poll").json()
    assert result["entries"] == 4 and result["errors"] == 4  # their pages are 404s
    assert result["error_code"] == "too_many_entries"
    shown = editor.get(f"/api/feeds/{feed['id']}").json()
    assert shown["last_status"] == "partial" and shown["last_error_code"] == "too_many_entries"
    assert "5000" in shown["last_error"]


def test_private_addresses_are_refused_unless_allowed(editor, outlet, settings):
    settings.allow_private_urls = False
    feed = _feed(editor, f"{outlet.base}/rss.xml")
    result = editor.post(f"/api/feeds/{feed['id']}/poll").json()
    assert result["status"] == "error" and result["error_code"] == "private_url"
    assert outlet.requests == []


def test_failed_entries_are_retried_and_then_left_alone(editor, outlet):
    outlet.extra_links.append(f"{outlet.base}/articles/later")
    feed = _feed(editor, f"{outlet.base}/rss.xml")
    assert editor.post(f"/api/feeds/{feed['id']}/poll").json()["errors"] == 1
    outlet.articles["later"] = Article(
        "A later story", ["Now the page exists and carries a long enough paragraph of English text."]
    )
    outlet.extra_links.append(f"{outlet.base}/articles/none")  # changes the ETag
    result = editor.post(f"/api/feeds/{feed['id']}/poll").json()
    assert result["new_documents"] == 1 and result["errors"] == 1
    entries = {e["link"]: e for e in editor.get(f"/api/feeds/{feed['id']}/entries").json()}
    assert entries[f"{outlet.base}/articles/later"]["attempts"] == 2


def test_entries_linking_to_private_addresses_are_refused(editor, outlet, settings, monkeypatch):
    from app.ingest import pinned

    # Only the test outlet counts as public here, so the feed is read and 10.0.0.1 is what it is.
    monkeypatch.setattr(pinned, "is_public_address", lambda ip: str(ip) == "127.0.0.1")
    settings.allow_private_urls = False
    outlet.extra_links.append("http://10.0.0.1/internal/admin")
    feed = _feed(editor, f"{outlet.base}/rss.xml")
    result = editor.post(f"/api/feeds/{feed['id']}/poll").json()
    assert result["new_documents"] == 3 and result["errors"] == 1
    failed = [e for e in editor.get(f"/api/feeds/{feed['id']}/entries").json() if e["outcome"] == "error"]
    assert [(e["link"], e["error_code"]) for e in failed] == [
        ("http://10.0.0.1/internal/admin", "private_url")
    ]
