"""Editing, approving, reopening, reverting; versions, 409s, revisions, document status."""

from testkit.samples import EN


def _doc(client):
    return client.post("/api/documents", json={"text": EN}).json()


def test_edit_bumps_version_and_stale_version_gets_409_with_current(translator, editor):
    seg = _doc(translator)["segments"][1]
    r = translator.patch(
        f"/api/segments/{seg['id']}", json={"target_text": "Die Unruhen in Kasachstan.", "version": 1}
    )
    assert r.status_code == 200
    assert (
        r.json()["status"] == "edited" and r.json()["version"] == 2 and r.json()["updated_by"] == "translator"
    )
    stale = editor.patch(f"/api/segments/{seg['id']}", json={"target_text": "Überschrieben?", "version": 1})
    assert stale.status_code == 409
    err = stale.json()["error"]
    assert err["code"] == "version_conflict"
    assert err["current"]["target_text"] == "Die Unruhen in Kasachstan." and err["current"]["version"] == 2
    assert translator.get(f"/api/segments/{seg['id']}").json()["target_text"] == "Die Unruhen in Kasachstan."


def test_approve_needs_text_and_reviewer_role(translator, editor):
    doc = _doc(translator)
    seg = doc["segments"][1]
    empty = editor.post(f"/api/segments/{seg['id']}/approve", json={"version": 1})
    assert empty.status_code == 422 and empty.json()["error"]["code"] == "empty_target"
    translator.patch(f"/api/segments/{seg['id']}", json={"target_text": "Text.", "version": 1})
    denied = translator.post(f"/api/segments/{seg['id']}/approve", json={"version": 2})
    assert denied.status_code == 403 and denied.json()["error"]["code"] == "forbidden"
    ok = editor.post(f"/api/segments/{seg['id']}/approve", json={"version": 2})
    assert ok.status_code == 200 and ok.json()["status"] == "approved" and ok.json()["version"] == 3
    locked = translator.patch(f"/api/segments/{seg['id']}", json={"target_text": "neu", "version": 3})
    assert locked.status_code == 409 and locked.json()["error"]["code"] == "segment_approved"
    reopened = editor.post(f"/api/segments/{seg['id']}/reopen")
    assert reopened.json()["status"] == "edited" and reopened.json()["version"] == 4


def test_revisions_record_every_change_and_revert_creates_a_new_one(translator, editor):
    seg = _doc(translator)["segments"][1]
    sid = seg["id"]
    translator.patch(f"/api/segments/{sid}", json={"target_text": "Erste Fassung.", "version": 1})
    translator.patch(f"/api/segments/{sid}", json={"target_text": "Zweite Fassung.", "version": 2})
    editor.post(f"/api/segments/{sid}/approve", json={"version": 3})
    editor.post(f"/api/segments/{sid}/reopen", json={"version": 4})
    revs = translator.get(f"/api/segments/{sid}/revisions").json()
    assert [(r["kind"], r["text"], r["user"]) for r in revs] == [
        ("edit", "Erste Fassung.", "translator"),
        ("edit", "Zweite Fassung.", "translator"),
        ("approve", "Zweite Fassung.", "editor"),
        ("reopen", "Zweite Fassung.", "editor"),
    ]
    r = translator.post(f"/api/segments/{sid}/revert", json={"revision_id": revs[0]["id"], "version": 5})
    assert r.status_code == 200 and r.json()["target_text"] == "Erste Fassung." and r.json()["version"] == 6
    assert translator.get(f"/api/segments/{sid}/revisions").json()[-1]["kind"] == "revert"


def test_document_status_follows_segments(translator, editor):
    doc = _doc(translator)
    assert doc["status"] == "ingested"
    for seg in doc["segments"]:
        translator.patch(
            f"/api/segments/{seg['id']}", json={"target_text": f"DE {seg['position']}", "version": 1}
        )
    assert translator.get(f"/api/documents/{doc['id']}").json()["status"] == "in_review"
    for seg in doc["segments"]:
        editor.post(f"/api/segments/{seg['id']}/approve", json={"version": 2})
    after = translator.get(f"/api/documents/{doc['id']}").json()
    assert after["status"] == "approved" and after["segments_approved"] == after["segments_total"] == 5


def test_unknown_ids_are_404_with_codes(translator):
    assert translator.get("/api/documents/999").json()["error"]["code"] == "document_not_found"
    r = translator.patch("/api/segments/999", json={"target_text": "x", "version": 1})
    assert r.status_code == 404 and r.json()["error"]["code"] == "segment_not_found"
    assert translator.get("/api/jobs/999").status_code == 404


def test_export_json_and_markdown_hold_only_approved_pairs_in_order(translator, editor):
    doc = translator.post(
        "/api/documents", json={"text": EN, "outlet": "Global Times", "source_url": "https://gt.example/1"}
    ).json()
    segs = doc["segments"]
    for seg in (segs[0], segs[1], segs[3]):
        translator.patch(
            f"/api/segments/{seg['id']}", json={"target_text": f"Deutsch {seg['position']}", "version": 1}
        )
        editor.post(f"/api/segments/{seg['id']}/approve", json={"version": 2})
    data = translator.get(f"/api/documents/{doc['id']}/export?format=json").json()
    assert [(p["position"], p["target"]) for p in data["pairs"]] == [
        (0, "Deutsch 0"),
        (1, "Deutsch 1"),
        (3, "Deutsch 3"),
    ]
    assert data["pairs"][1]["source"] == segs[1]["source_text"]
    md = translator.get(f"/api/documents/{doc['id']}/export?format=markdown").text
    assert md.splitlines()[0] == "# Deutsch 0 (Global Times)"
    assert "Deutsch 3" in md and "Deutsch 2" not in md
    bad = translator.get(f"/api/documents/{doc['id']}/export?format=docx")
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_input"


def test_approve_all_edited_is_for_reviewers_and_skips_empty(translator, editor):
    doc = _doc(translator)
    segs = doc["segments"]
    translator.patch(f"/api/segments/{segs[1]['id']}", json={"target_text": "Eins.", "version": 1})
    translator.patch(f"/api/segments/{segs[2]['id']}", json={"target_text": "Zwei.", "version": 1})
    translator.patch(f"/api/segments/{segs[3]['id']}", json={"target_text": "  ", "version": 1})
    assert translator.post(f"/api/documents/{doc['id']}/approve-edited").status_code == 403
    after = editor.post(f"/api/documents/{doc['id']}/approve-edited").json()
    statuses = [s["status"] for s in after["segments"]]
    assert statuses == ["new", "approved", "approved", "edited", "new"]
