"""approve-edited: one transaction, a number of statements that does not grow with the document."""

from contextlib import contextmanager

from sqlalchemy import event


def _document(client, paragraphs: int) -> dict:
    text = f"Report on {paragraphs} meetings\n\n" + "\n\n".join(
        f"Paragraph number {i} reports that the delegations met again in Geneva on Monday."
        for i in range(paragraphs)
    )
    doc = client.post("/api/documents", json={"text": text, "source_lang": "en"}).json()
    for seg in doc["segments"]:
        # Translations QA finds no error in (numbers, weekday and place kept): bulk approval skips those it does.
        german = (
            f"Bericht über {paragraphs} Treffen"
            if seg["position"] == 0
            else f"Absatz Nummer {seg['position'] - 1} meldet, dass sich die Delegationen am Montag erneut in Genf trafen."
        )
        client.patch(f"/api/segments/{seg['id']}", json={"target_text": german, "version": 1})
    return doc


@contextmanager
def _counting():
    """Statements and commits on the app's engine while the block runs."""
    from app.db import get_engine

    engine, seen = get_engine(), {"statements": 0, "commits": 0}

    def statement(*_args) -> None:
        seen["statements"] += 1

    def commit(*_args) -> None:
        seen["commits"] += 1

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", commit)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "commit", commit)


def _approve_edited(editor, doc: dict) -> tuple[dict, dict]:
    with _counting() as seen:
        r = editor.post(f"/api/documents/{doc['id']}/approve-edited")
    assert r.status_code == 200
    return r.json(), seen


def test_approve_edited_is_one_transaction_whose_statements_do_not_grow_with_segments(translator, editor):
    small, large = _document(translator, 4), _document(translator, 60)
    small_answer, small_seen = _approve_edited(editor, small)
    large_answer, large_seen = _approve_edited(editor, large)
    assert small_seen["commits"] == large_seen["commits"] == 1
    assert large_seen["statements"] <= small_seen["statements"] + 2, (small_seen, large_seen)
    for doc, answer in ((small, small_answer), (large, large_answer)):
        assert answer["status"] == "approved"
        assert {(s["status"], s["version"]) for s in answer["segments"]} == {("approved", 3)}
        for seg in doc["segments"][:3]:
            revs = translator.get(f"/api/segments/{seg['id']}/revisions").json()
            assert [(r["kind"], r["version"], r["user"]) for r in revs][-1:] == [("approve", 3, "editor")]
            assert len(revs) == 2


def test_approve_edited_skips_segments_without_text_and_recomputes_the_status_once(translator, editor):
    doc = _document(translator, 3)
    blank = doc["segments"][2]
    translator.patch(f"/api/segments/{blank['id']}", json={"target_text": " ", "version": 2})
    answer, seen = _approve_edited(editor, doc)
    assert [s["status"] for s in answer["segments"]] == ["approved", "approved", "edited", "approved"]
    assert answer["status"] == "in_review" and answer["segments_approved"] == 3 and seen["commits"] == 1
