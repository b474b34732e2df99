"""GET /api/documents/{id}?include=matches: every segment's matches in one read, batched, as the
per-segment endpoint gives them."""

import uuid

from tests.memory.conftest import approve_all
from tests.memory.test_matches import GERMAN, OLD, _doc, _matches
from tests.review.test_statement_count import statements

NEW = [
    "Another report",
    "The Russian foreign ministry said on Tuesday that 40 diplomats would leave the country by March 15!",
    "Moscow and Beijing agreed to expand their  cooperation in the energy sector over the next five years.",
    "The talks in Vienna lasted for more than six hours and ended without a joint statement.",
    "Heavy snowfall closed most roads in the northern provinces for the whole weekend.",
]


def _read(client, doc_id, **params):
    r = client.get(f"/api/documents/{doc_id}", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_matches_in_the_read_equal_the_segment_endpoint(translator, editor):
    old = _doc(translator, OLD)
    approve_all(translator, editor, old, GERMAN)
    new = _doc(translator, [f"{NEW[0]} {uuid.uuid4().hex[:6]}", *NEW[1:]], outlet="RIA")
    first = _read(translator, new["id"], include="matches")  # nothing stored: not computed yet, queued
    assert [s["matches"] for s in first["segments"]] == [None] * len(NEW)
    read = _read(translator, new["id"], include="matches")  # stored by the task the test queue ran
    kinds = [[(m["score"], m["kind"]) for m in s["matches"]] for s in read["segments"]]
    assert kinds[1] == [(99, "near")] and kinds[2][0] == (100, "exact")
    assert kinds[3][0][1] == "fuzzy" and 75 <= kinds[3][0][0] <= 98
    for seg in read["segments"]:
        assert seg["matches"] == _matches(translator, seg["id"], limit=3), seg["source_text"]
    assert {"match": "25", "segment": "40"} in read["segments"][1]["matches"][0]["differences"]
    # the same at other limits, and without the option nothing is looked up
    one = _read(translator, new["id"], include="matches", match_limit=1)
    assert all(len(s["matches"]) <= 1 for s in one["segments"])
    assert all(s["matches"] is None for s in _read(translator, new["id"])["segments"])


def test_an_approved_segment_does_not_match_itself_and_german_sources_have_none(translator, editor):
    old = _doc(translator, OLD)
    approve_all(translator, editor, old, GERMAN)
    _read(translator, old["id"], include="matches")  # queues the lists, which the test queue stores
    again = _read(translator, old["id"], include="matches")
    assert all(
        m["document_id"] != old["id"] for s in again["segments"] for m in s["matches"]
    )  # its own units are excluded, as GET /api/segments/{id}/matches does
    german = _doc(
        translator, [f"Bericht {uuid.uuid4().hex[:6]}", "Die Gespräche in Genf dauerten lange."], lang="de"
    )
    assert all(s["matches"] == [] for s in _read(translator, german["id"], include="matches")["segments"])


def test_the_lookup_is_batched_and_stored_then_read_by_a_join(translator, editor, monkeypatch, computed):
    """The first read searches nothing and writes nothing: it reads that no list is stored and queues the
    document once; the task looks up every segment at once (five queries) and stores the lists (two
    writes); later reads read the stored lists with the memory's change count, in one query."""
    import app.memory.reading
    from app.db import get_engine
    from app.memory.tasks import warm_soon

    old = _doc(translator, OLD)
    approve_all(translator, editor, old, GERMAN)
    many = [f"{p} Number {i} of the series, {uuid.uuid4().hex[:6]}." for i in range(40) for p in OLD[1:2]]
    new = _doc(translator, [f"Title {uuid.uuid4().hex[:6]}", *many])
    _read(translator, new["id"])  # QA of the new rows stored: the counts below are the lookup's
    with statements(get_engine()) as plain:
        _read(translator, new["id"])
    queued: list[int] = []
    monkeypatch.setattr(app.memory.reading, "warm_soon", queued.append)
    with statements(get_engine()) as first:
        read = _read(translator, new["id"], include="matches")
    assert [s["matches"] for s in read["segments"]] == [None] * 41 and queued == [new["id"]]
    assert len(first) - len(plain) == 2, "\n".join(first)  # the lists (none) and the change count
    assert not [s for s in first if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert computed == []
    with statements(get_engine()) as seen:
        warm_soon(new["id"])  # the test queue runs the task at once
    assert len(seen) <= 9 + 3, "\n".join(seen)  # the segments, the lists, the count; lookup, writes
    read = _read(translator, new["id"], include="matches")
    assert len(read["segments"]) == 41
    assert any(s["matches"] for s in read["segments"][1:])
    with statements(get_engine()) as stored:
        again = _read(translator, new["id"], include="matches")
    assert again == read
    assert len(stored) - len(plain) == 1, "\n".join(stored)  # the lists with the change count


def test_bad_include_is_a_4xx_with_a_code(translator):
    doc = _doc(translator, [f"Title {uuid.uuid4().hex[:6]}", "Some text."])
    for params in ({"include": "everything"}, {"include": "matches", "match_limit": 0}):
        r = translator.get(f"/api/documents/{doc['id']}", params=params)
        assert r.status_code == 422 and r.json()["error"]["code"], r.text


def test_the_read_with_matches_is_the_json_fastapi_would_write(translator, editor):
    """Stored lists are spliced into the document's JSON as stored: the bytes equal the response model's
    own serialization, also for a text that spells out the placeholder the splice looks for."""
    from pydantic import TypeAdapter

    from app.models import DocumentPublic

    old = _doc(translator, OLD)
    approve_all(translator, editor, old, GERMAN)
    tricky = 'He wrote "matches":null} and "matches": null in the file, then left.'
    new = _doc(translator, [f"{NEW[0]} {uuid.uuid4().hex[:6]}", *NEW[1:], tricky])
    for first in (True, False):  # not computed yet (null, queued and stored), then read as stored
        r = translator.get(f"/api/documents/{new['id']}", params={"include": "matches"})
        assert r.status_code == 200 and r.headers["content-type"] == "application/json"
        model = DocumentPublic.model_validate(r.json())
        assert TypeAdapter(DocumentPublic).dump_json(model, by_alias=True) == r.content
        assert r.json()["segments"][-1]["source_text"] == tricky
        assert any(s["matches"] is None if first else s["matches"] for s in r.json()["segments"])
    plain = _read(translator, new["id"])
    assert [{**s, "matches": None} for s in r.json()["segments"]] == plain["segments"]
