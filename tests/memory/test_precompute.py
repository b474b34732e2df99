"""Match lists precomputed in the background: after ingest (single and bulk), a draft job and a TMX
import the lists are stored, so the editor's first read computes nothing (SQLite and PostgreSQL)."""

import uuid

from sqlmodel import Session, col, select

from app.models import Segment, SegmentMatchState
from tests.memory.conftest import approve_all
from tests.memory.test_matches import GERMAN, OLD, _doc
from tests.memory.test_stored_matches import _fresh, _read

NEW = [
    "The Russian foreign ministry said on Tuesday that 40 diplomats would leave the country by March 15!",
    "Moscow and Beijing agreed to expand their  cooperation in the energy sector over the next five years.",
    "The talks in Vienna lasted for more than six hours and ended without a joint statement.",
]


def _states(doc_id: int) -> dict[int, tuple[int, str]]:
    """segment id → (change count, stored matches) of the document's stored lists."""
    from app.db import get_engine

    query = (
        select(SegmentMatchState.segment_id, SegmentMatchState.seq, SegmentMatchState.matches)
        .join(Segment, col(Segment.id) == col(SegmentMatchState.segment_id))
        .where(Segment.document_id == doc_id)
    )
    with Session(get_engine()) as session:
        return {sid: (seq, matches) for sid, seq, matches in session.exec(query)}


def _remembered(translator, editor) -> None:
    old = _doc(translator, OLD)
    approve_all(translator, editor, old, GERMAN)


def test_ingest_stores_the_lists_and_the_first_read_computes_nothing(
    precompute, translator, editor, computed
):
    _remembered(translator, editor)
    computed.clear()
    new = _doc(translator, [f"Report {uuid.uuid4().hex[:6]}", *NEW])
    ids = [s["id"] for s in new["segments"]]
    assert sorted(computed) == sorted(ids)  # the precompute, all segments in one batch lookup
    stored = _states(new["id"])
    assert set(stored) == set(ids)
    assert any(matches != "[]" for _, matches in stored.values())
    computed.clear()
    assert _read(translator, new["id"]) == _fresh(new, 3)
    assert computed == []  # a stored read: nothing looked up
    assert _states(new["id"]) == stored  # and nothing rewritten


def test_the_precompute_is_idempotent(precompute, translator, editor):
    from app.memory.tasks import warm_documents_task

    _remembered(translator, editor)
    new = _doc(translator, [f"Report {uuid.uuid4().hex[:6]}", *NEW])
    first = _states(new["id"])
    warm_documents_task([new["id"]])
    warm_documents_task([new["id"]])
    assert _states(new["id"]) == first


def test_a_failing_precompute_never_fails_ingest(precompute, translator, editor, monkeypatch, caplog):
    import app.memory.warm

    _remembered(translator, editor)

    def broken(**_: object) -> None:
        raise RuntimeError("lookup broke")

    monkeypatch.setattr(app.memory.warm, "current_lists", broken)
    r = translator.post("/api/documents", json={"text": f"Report {uuid.uuid4().hex[:6]}\n\n{NEW[0]}"})
    assert r.status_code == 201, r.text
    assert "not precomputed" in caplog.text
    doc = r.json()
    assert _states(doc["id"]) == {}
    monkeypatch.undo()
    assert _read(translator, doc["id"]) == _fresh(doc, 3)  # the read computes what is missing


def test_a_queue_that_is_down_never_fails_ingest(precompute, translator, monkeypatch, caplog):
    import app.memory.tasks

    def down() -> None:
        raise ConnectionError("queue down")

    monkeypatch.setattr(app.memory.tasks, "get_huey", down)
    r = translator.post("/api/documents", json={"text": f"Report {uuid.uuid4().hex[:6]}\n\n{NEW[1]}"})
    assert r.status_code == 201, r.text
    assert "not queued" in caplog.text


def test_german_sources_and_a_disabled_precompute_store_nothing(precompute, translator, monkeypatch):
    from app.config import get_settings

    german = _doc(translator, [f"Bericht {uuid.uuid4().hex[:6]}", "Die Gespräche dauerten lange."], lang="de")
    assert _states(german["id"]) == {}
    monkeypatch.setenv("WERKBANK_TM_PRECOMPUTE", "0")
    get_settings.cache_clear()
    off = _doc(translator, [f"Report {uuid.uuid4().hex[:6]}", NEW[2]])
    assert _states(off["id"]) == {}


def test_bulk_ingest_stores_the_lists(precompute, translator, editor, computed):
    _remembered(translator, editor)
    items = [{"text": f"Report {uuid.uuid4().hex[:6]}\n\n{text}", "source_lang": "en"} for text in NEW]
    r = translator.post("/api/documents/bulk", json=items)
    assert r.status_code == 200, r.text
    for result in r.json()["results"]:
        doc = translator.get(f"/api/documents/{result['document_id']}").json()
        assert set(_states(doc["id"])) == {s["id"] for s in doc["segments"]}
        computed.clear()
        assert _read(translator, doc["id"]) == _fresh(doc, 3)
        assert computed == []


def test_a_tmx_import_brings_open_documents_up_to_date(precompute, translator, editor, computed):
    from app.db import get_engine
    from app.memory.stored import clock

    new = _doc(translator, [f"Report {uuid.uuid4().hex[:6]}", *NEW])
    assert all(matches == "[]" for _, matches in _states(new["id"]).values())  # an empty memory
    tmx = (
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" '
        'adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>'
        f'<tu><tuv xml:lang="en"><seg>{NEW[2]}</seg></tuv><tuv xml:lang="de"><seg>Die Gespräche in Wien.</seg>'
        "</tuv></tu></body></tmx>"
    )
    r = editor.post("/api/tm/import", content=tmx, headers={"content-type": "application/xml"})
    assert r.status_code == 200, r.text
    with Session(get_engine()) as session:
        now = clock(session)
    stored = _states(new["id"])
    assert {seq for seq, _ in stored.values()} == {now}  # merged at import, in the background
    computed.clear()
    read = _read(translator, new["id"])
    assert read == _fresh(new, 3) and read[new["segments"][3]["id"]][0]["score"] == 100
    assert computed == []


def test_a_draft_job_brings_its_document_up_to_date(libre, precompute, translator, editor, monkeypatch):
    from app.config import get_settings

    monkeypatch.setenv("WERKBANK_TM_PRECOMPUTE", "0")  # ingested without: the job's task stores them
    get_settings.cache_clear()
    new = _doc(translator, [f"Report {uuid.uuid4().hex[:6]}", *NEW])
    assert _states(new["id"]) == {}
    monkeypatch.setenv("WERKBANK_TM_PRECOMPUTE", "1")
    get_settings.cache_clear()
    r = translator.post(f"/api/documents/{new['id']}/translate", json={"provider": "libretranslate"})
    assert r.status_code in (200, 201, 202), r.text
    assert translator.get(f"/api/jobs/{r.json()['id']}").json()["status"] == "done"
    assert set(_states(new["id"])) == {s["id"] for s in new["segments"]}


def test_a_read_after_the_precompute_costs_what_a_stored_read_costs(precompute, translator, editor, computed):
    """Same statements as the next (stored) read, none of them a write, nothing looked up or merged."""
    from app.db import get_engine
    from tests.review.test_statement_count import statements

    _remembered(translator, editor)
    new = _doc(translator, [f"Report {uuid.uuid4().hex[:6]}", *NEW])
    translator.get(f"/api/documents/{new['id']}").raise_for_status()  # QA of the new rows stored first
    computed.clear()
    with statements(get_engine()) as first:
        answer = _read(translator, new["id"])
    with statements(get_engine()) as stored:
        again = _read(translator, new["id"])
    assert again == answer == _fresh(new, 3)
    assert first == stored, "\n".join(first)
    assert not [s for s in first if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert computed == []
