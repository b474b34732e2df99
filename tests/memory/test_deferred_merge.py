"""With the precompute on, a read that only merges answers from the merged lists and leaves storing them to
a background writer: its answer equals a fresh lookup, it writes nothing itself, and the writer stores what a
read would have stored (SQLite and PostgreSQL)."""

import uuid
from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from app.memory.units import NewUnit, add_units
from tests.memory.test_matches import _doc
from tests.memory.test_precompute import _states
from tests.memory.test_stored_matches import Texts, _fresh, _import, _read
from tests.review.test_statement_count import statements

WRITES = ("INSERT", "UPDATE", "DELETE")


def _writes(seen: list[str]) -> list[str]:
    return [s for s in seen if s.lstrip().upper().startswith(WRITES)]


def _reader(translator, session, seed: int) -> tuple[dict, Texts]:
    import random

    texts = Texts(random.Random(seed), bases=4)
    _import(session, texts, 12, datetime(2026, 11, 1, tzinfo=UTC))
    reader = _doc(translator, [f"Leser {uuid.uuid4().hex[:6]}"] + [texts.variant() for _ in range(8)])
    translator.get(f"/api/documents/{reader['id']}").raise_for_status()
    return reader, texts


def test_a_merging_read_writes_nothing_and_queues_its_document(
    precompute, translator, session, computed, monkeypatch
):
    import app.memory.reading
    from app.db import get_engine
    from app.memory.stored import clock

    reader, texts = _reader(translator, session, 5)
    assert _read(translator, reader["id"]) == _fresh(reader, 3)
    stored = _states(reader["id"])
    queued: list[int] = []
    monkeypatch.setattr(app.memory.reading, "store_later", queued.append)
    for step in range(4):
        _import(session, texts, 2, datetime(2026, 11, 2, tzinfo=UTC) + timedelta(days=step))
        computed.clear()
        with statements(get_engine()) as seen:
            answer = _read(translator, reader["id"])
        assert answer == _fresh(reader, 3), f"step {step}"
        assert _writes(seen) == [], "\n".join(seen)
        assert computed == []  # merged, not looked up
        assert queued[-1] == reader["id"]
    assert _states(reader["id"]) == stored  # nothing stored yet: the writer was not called
    from app.memory.writeback import drain, store_later

    store_later(reader["id"])
    drain()
    with Session(get_engine()) as other:
        now = clock(other)
    assert {seq for seq, _ in _states(reader["id"]).values()} == {now}
    with statements(get_engine()) as plain:
        translator.get(f"/api/documents/{reader['id']}").raise_for_status()
    with statements(get_engine()) as seen:
        answer = _read(translator, reader["id"])
    assert answer == _fresh(reader, 3)
    assert len(seen) - len(plain) == 1  # a stored read again


def test_the_write_back_stores_what_a_read_would_store(precompute, translator, session, monkeypatch):
    """The same stored lists whether the read stored its merge (precompute off) or the writer did (on)."""
    from app.config import get_settings
    from app.memory.writeback import drain

    reader, texts = _reader(translator, session, 9)
    paragraphs = [s["source_text"] for s in reader["segments"][1:]]
    twin = _doc(translator, [f"Zwilling {uuid.uuid4().hex[:6]}", *paragraphs])
    _read(translator, reader["id"]), _read(translator, twin["id"])
    add_units(session, [NewUnit("en", texts.variant(), "Neu.", datetime(2026, 11, 5, tzinfo=UTC))])
    session.commit()
    assert _read(translator, reader["id"]) == _fresh(reader, 3)
    drain()  # stored by the writer
    monkeypatch.setenv("WERKBANK_TM_PRECOMPUTE", "0")
    get_settings.cache_clear()
    assert _read(translator, twin["id"]) == _fresh(twin, 3)  # stored by the read itself
    mine = [state for _, state in sorted(_states(reader["id"]).items())][1:]
    theirs = [state for _, state in sorted(_states(twin["id"]).items())][1:]
    assert mine == theirs and any(matches != "[]" for _, matches in mine)


def test_a_failing_write_back_leaves_the_next_read_merging_again(
    precompute, translator, session, monkeypatch, caplog
):
    import app.memory.writeback

    reader, texts = _reader(translator, session, 13)
    _read(translator, reader["id"])
    stored = _states(reader["id"])

    def broken(document_id: int) -> None:
        raise RuntimeError("database gone")

    monkeypatch.setattr(app.memory.writeback, "_store", broken)
    _import(session, texts, 3, datetime(2026, 11, 3, tzinfo=UTC))
    assert _read(translator, reader["id"]) == _fresh(reader, 3)
    app.memory.writeback.drain()
    assert "not stored" in caplog.text
    assert _states(reader["id"]) == stored  # not written
    assert _read(translator, reader["id"]) == _fresh(reader, 3)  # merged again: still right
    app.memory.writeback.drain()
