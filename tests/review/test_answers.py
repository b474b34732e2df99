"""Every segment write answers with what it committed, even if another write commits right after it."""

import pytest
from sqlalchemy import update
from sqlmodel import Session

from testkit.samples import EN


@pytest.fixture
def intruder(monkeypatch):
    """Arm it with a segment id: right after the next commit, another session edits that segment."""
    from app.db import get_engine
    from app.models import Segment

    real_commit, armed = Session.commit, []

    def commit_then_intrude(self: Session) -> None:
        real_commit(self)
        if armed:
            segment_id = armed.pop()
            with Session(get_engine()) as other:
                other.exec(
                    update(Segment)
                    .where(Segment.id == segment_id)
                    .values(target_text="Fremde Fassung.", status="edited", version=Segment.version + 1)
                )
                real_commit(other)

    monkeypatch.setattr(Session, "commit", commit_then_intrude)
    return armed


def _segment(client) -> dict:
    return client.post("/api/documents", json={"text": EN}).json()["segments"][1]


def test_edit_answers_its_own_text_and_version(translator, intruder):
    sid = _segment(translator)["id"]
    intruder.append(sid)
    r = translator.patch(f"/api/segments/{sid}", json={"target_text": "Meine Fassung.", "version": 1})
    assert r.status_code == 200
    assert (r.json()["target_text"], r.json()["version"], r.json()["status"]) == (
        "Meine Fassung.",
        2,
        "edited",
    )
    assert translator.get(f"/api/segments/{sid}").json()["version"] == 3  # the intruder did write after it


def test_approve_reopen_and_revert_answer_their_own_state(translator, editor, intruder):
    sid = _segment(translator)["id"]
    translator.patch(f"/api/segments/{sid}", json={"target_text": "Erste.", "version": 1})
    intruder.append(sid)
    r = editor.post(f"/api/segments/{sid}/approve", json={"version": 2})
    assert (r.json()["status"], r.json()["version"], r.json()["target_text"]) == ("approved", 3, "Erste.")
    current = editor.get(f"/api/segments/{sid}").json()
    editor.post(f"/api/segments/{sid}/approve", json={"version": current["version"]})
    intruder.append(sid)
    r = editor.post(f"/api/segments/{sid}/reopen", json={"version": current["version"] + 1})
    assert (r.json()["status"], r.json()["version"]) == ("edited", current["version"] + 2)
    assert r.json()["target_text"] == "Fremde Fassung."
    first = translator.get(f"/api/segments/{sid}/revisions").json()[0]
    version = translator.get(f"/api/segments/{sid}").json()["version"]
    intruder.append(sid)
    r = translator.post(f"/api/segments/{sid}/revert", json={"revision_id": first["id"], "version": version})
    assert (r.json()["target_text"], r.json()["version"]) == ("Erste.", version + 1)


def test_approve_edited_answers_the_document_it_committed(translator, editor, intruder):
    doc = translator.post("/api/documents", json={"text": EN}).json()
    for seg in doc["segments"]:
        translator.patch(
            f"/api/segments/{seg['id']}", json={"target_text": f"DE {seg['position']}", "version": 1}
        )
    intruder.append(doc["segments"][0]["id"])
    r = editor.post(f"/api/documents/{doc['id']}/approve-edited")
    assert r.status_code == 200 and r.json()["status"] == "approved"
    assert [(s["status"], s["version"], s["target_text"]) for s in r.json()["segments"]] == [
        ("approved", 3, f"DE {s['position']}") for s in doc["segments"]
    ]
    assert editor.get(f"/api/segments/{doc['segments'][0]['id']}").json()["version"] == 4  # it did intrude


def test_without_update_returning_writes_still_answer_what_they_wrote(
    translator, editor, intruder, monkeypatch
):
    """SQLite before 3.35 has no UPDATE … RETURNING: the rows are read back before the commit."""
    from app.db import get_engine

    monkeypatch.setattr(get_engine().dialect, "update_returning", False)
    doc = translator.post("/api/documents", json={"text": EN}).json()
    first, second = doc["segments"][0]["id"], doc["segments"][1]["id"]
    intruder.append(first)
    r = translator.patch(f"/api/segments/{first}", json={"target_text": "Meine Fassung.", "version": 1})
    assert (r.json()["target_text"], r.json()["version"]) == ("Meine Fassung.", 2)
    stale = translator.patch(f"/api/segments/{first}", json={"target_text": "Zu spät.", "version": 2})
    assert stale.status_code == 409 and stale.json()["error"]["current"]["target_text"] == "Fremde Fassung."
    translator.patch(f"/api/segments/{second}", json={"target_text": "Zweite.", "version": 1})
    answer = editor.post(f"/api/documents/{doc['id']}/approve-edited").json()
    assert [(s["id"], s["status"], s["version"]) for s in answer["segments"][:2]] == [
        (first, "approved", 4),
        (second, "approved", 3),
    ]
    assert answer["status"] == "in_review" and answer["segments_approved"] == 2
