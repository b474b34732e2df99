"""Source updates: a changed article page gives a paragraph diff and the segment states of issue 15."""

import pytest

from testkit.feed_server import Article, feed_server

PARAS = [
    "The talks in Geneva resumed on Monday after a pause of three weeks, officials said.",
    "Both delegations met for four hours and agreed to continue the consultations next month.",
    "No date for a summit meeting of the heads of state has been set so far, according to sources.",
    "The foreign ministry declined to comment on the reports about a possible prisoner exchange.",
]


@pytest.fixture
def outlet():
    with feed_server() as o:
        o.articles["geneva"] = Article("Talks in Geneva resumed", list(PARAS))
        o.feed.append("geneva")
        yield o


def _ingest(client, outlet):
    r = client.post("/api/documents", json={"url": f"{outlet.base}/articles/geneva", "outlet": "TASS"})
    assert r.status_code == 201, r.text
    return r.json()


def _approve(translator, editor, seg, text):
    r = translator.patch(f"/api/segments/{seg['id']}", json={"target_text": text, "version": seg["version"]})
    assert r.status_code == 200, r.text
    r = editor.post(f"/api/segments/{seg['id']}/approve", json={"version": r.json()["version"]})
    assert r.status_code == 200, r.text
    return r.json()


def _source_warnings(client, post_id):
    return [w for w in client.get(f"/api/posts/{post_id}/preview").json()["warnings"] if "Quelle" in w]


def test_unchanged_text_changes_nothing(editor, outlet):
    doc = _ingest(editor, outlet)
    r = editor.post(f"/api/documents/{doc['id']}/refetch")
    assert r.status_code == 200 and r.json()["changed"] is False
    after = editor.get(f"/api/documents/{doc['id']}").json()
    assert [s["version"] for s in after["segments"]] == [s["version"] for s in doc["segments"]]
    assert after["source_changed_at"] is None and after["source_checked_at"] is not None
    assert editor.get(f"/api/documents/{doc['id']}/source-diff").json() == []


def test_a_corrected_article_marks_changed_new_and_removed_paragraphs(translator, editor, outlet):
    doc = _ingest(editor, outlet)
    title, p1, p2, p3, p4 = doc["segments"]
    _approve(translator, editor, p1, "Die Gespräche in Genf wurden am Montag fortgesetzt.")
    _approve(translator, editor, p2, "Beide Delegationen trafen sich vier Stunden lang.")
    _approve(translator, editor, p3, "Ein Gipfeltermin steht noch nicht fest.")
    post = editor.post(
        "/api/posts", json={"document_id": doc["id"], "title": "Genf", "segment_ids": [p1["id"], p2["id"]]}
    )
    assert post.status_code == 201, post.text
    assert _source_warnings(editor, post.json()["id"]) == []

    corrected = "Both delegations met for six hours and agreed to continue the consultations next week."
    added = "The Kremlin spokesman said the atmosphere of the meeting had been constructive and calm."
    outlet.articles["geneva"].paragraphs = [PARAS[0], corrected, added, PARAS[2]]  # the fourth is gone
    r = editor.post(f"/api/documents/{doc['id']}/refetch")
    assert r.status_code == 200 and r.json()["changed"] is True
    changes = r.json()["change"]["changes"]
    assert [(c["op"], c["old"], c["new"]) for c in changes] == [
        ("changed", PARAS[1], corrected),
        ("added", None, added),
        ("removed", PARAS[3], None),
    ]

    after = editor.get(f"/api/documents/{doc['id']}").json()
    assert after["source_changed_at"] is not None
    by_id = {s["id"]: s for s in after["segments"]}
    assert [s["position"] for s in after["segments"]] == list(range(6))
    assert [s["source_text"] for s in after["segments"]] == [
        title["source_text"],
        PARAS[0],
        corrected,
        added,
        PARAS[2],
        PARAS[3],
    ]
    assert by_id[p1["id"]]["status"] == "approved"  # untouched segments keep their status
    changed = by_id[p2["id"]]
    assert changed["status"] == "source_changed" and changed["previous_source_text"] == PARAS[1]
    assert changed["target_text"] == "Beide Delegationen trafen sich vier Stunden lang."
    assert by_id[p3["id"]]["status"] == "approved" and by_id[p3["id"]]["position"] == 4
    assert by_id[p4["id"]]["status"] == "source_removed"
    new_seg = after["segments"][3]
    assert new_seg["status"] == "new" and new_seg["id"] not in by_id.keys() - {new_seg["id"]}
    assert {c["segment_id"] for c in changes} == {p2["id"], new_seg["id"], p4["id"]}

    history = editor.get(f"/api/segments/{p2['id']}/revisions").json()
    assert any(
        h["text"] == "Beide Delegationen trafen sich vier Stunden lang." and h["kind"] == "approve"
        for h in history
    )
    assert history[-1]["kind"] == "source_change"

    diff = editor.get(f"/api/documents/{doc['id']}/source-diff").json()
    assert len(diff) == 1 and diff[0]["changes"] == changes
    warnings = _source_warnings(editor, post.json()["id"])
    assert len(warnings) == 1 and "Quelle wurde nach der Übernahme geändert (Absätze 3)" in warnings[0]

    # Approved again: the warning goes.
    _approve(translator, editor, changed, "Beide Delegationen trafen sich sechs Stunden lang.")
    assert _source_warnings(editor, post.json()["id"]) == []
    # Fetching the same text again records nothing new.
    assert editor.post(f"/api/documents/{doc['id']}/refetch").json()["changed"] is False
    assert len(editor.get(f"/api/documents/{doc['id']}/source-diff").json()) == 1


def test_refetch_rules(translator, editor, outlet):
    text_doc = editor.post("/api/documents", json={"text": " ".join(PARAS)}).json()
    r = editor.post(f"/api/documents/{text_doc['id']}/refetch")
    assert r.status_code == 422 and r.json()["error"]["code"] == "no_source_url"
    doc = _ingest(editor, outlet)
    assert translator.post(f"/api/documents/{doc['id']}/refetch").status_code == 403
    assert editor.post("/api/documents/999999/refetch").json()["error"]["code"] == "document_not_found"
    assert editor.get("/api/documents/999999/source-diff").status_code == 404
    outlet.articles.pop("geneva")
    gone = editor.post(f"/api/documents/{doc['id']}/refetch")
    assert gone.status_code == 422 and gone.json()["error"]["code"] == "fetch_failed"
    assert len(editor.get(f"/api/documents/{doc['id']}").json()["segments"]) == 5  # nothing lost


def test_documents_still_listed_are_refetched_automatically(editor, outlet, session):
    from datetime import timedelta

    from app.models import Document, utcnow

    feed = editor.post("/api/feeds", json={"url": f"{outlet.base}/rss.xml", "outlet": "TASS"}).json()
    assert editor.post(f"/api/feeds/{feed['id']}/poll").json()["new_documents"] == 1
    assert editor.post(f"/api/feeds/{feed['id']}/poll").json()["refetched"] == 0  # checked under an hour ago
    doc_id = editor.get(f"/api/feeds/{feed['id']}/entries").json()[0]["document_id"]
    doc = session.get(Document, doc_id)
    doc.created_at = utcnow() - timedelta(hours=2)
    session.add(doc)
    session.commit()
    outlet.articles["geneva"].paragraphs[0] = (
        "The talks in Geneva resumed on Tuesday after a pause, officials said."
    )
    result = editor.post(f"/api/feeds/{feed['id']}/poll").json()
    assert result["status"] == "not_modified" and result["refetched"] == 1
    segs = editor.get(f"/api/documents/{doc_id}").json()["segments"]
    assert segs[1]["previous_source_text"] == PARAS[0]
    # Older than 48 hours: no longer fetched.
    session.expire_all()
    doc = session.get(Document, doc_id)
    doc.created_at = utcnow() - timedelta(hours=49)
    doc.source_checked_at = utcnow() - timedelta(hours=2)
    session.add(doc)
    session.commit()
    assert editor.post(f"/api/feeds/{feed['id']}/poll").json()["refetched"] == 0


def test_the_corrected_text_ingested_again_finds_the_refetched_document(editor, outlet):
    doc = _ingest(editor, outlet)
    corrected = [PARAS[0], "Both delegations met for six hours and agreed to meet again.", PARAS[2]]
    outlet.articles["geneva"].paragraphs = list(corrected)
    assert editor.post(f"/api/documents/{doc['id']}/refetch").json()["changed"] is True

    # The same corrected article under another address (a mirror, an AMP copy): the text matches.
    outlet.articles["geneva-mirror"] = Article("Talks in Geneva resumed", list(corrected))
    again = editor.post("/api/documents", json={"url": f"{outlet.base}/articles/geneva-mirror"})
    assert again.status_code == 200, again.text
    assert again.json()["id"] == doc["id"]
    # …and the text as it was first ingested is a new document now (it is no longer what doc holds).
    outlet.articles["geneva-old"] = Article("Talks in Geneva resumed", list(PARAS))
    old = editor.post("/api/documents", json={"url": f"{outlet.base}/articles/geneva-old"})
    assert old.status_code == 201 and old.json()["id"] != doc["id"]
