"""A merged read writes what changed: each list's unit rows stay exactly its units (only the difference
is written), a merge that changes no list only moves the counts, and the answers equal a fresh lookup."""

import random
import uuid
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from app.models import Segment, SegmentMatch, SegmentMatchState
from tests.memory.test_matches import _doc
from tests.memory.test_stored_matches import Texts, _fresh, _import, _read
from tests.review.test_statement_count import statements


def _rows_agree(doc_id: int) -> int:
    """Assert every stored list's unit rows are its units with their scores; the lists' total length."""
    from pydantic_core import from_json

    from app.db import get_engine

    mine = select(Segment.id).where(Segment.document_id == doc_id)
    total = 0
    with Session(get_engine()) as session:
        states = session.exec(select(SegmentMatchState).where(col(SegmentMatchState.segment_id).in_(mine)))
        rows = session.exec(select(SegmentMatch).where(col(SegmentMatch.segment_id).in_(mine))).all()
        held = {(r.segment_id, r.unit_id): (r.score, r.kind) for r in rows}
        listed = {}
        for state in states:
            for m in from_json(state.matches):
                listed[(state.segment_id, m["unit_id"])] = (m["score"], m["kind"])
            assert state.stored == len(from_json(state.matches))
            total += state.stored
    assert held == listed
    return total


def test_merges_keep_the_unit_rows_exact(translator, session, computed):
    rng = random.Random(7)
    texts = Texts(rng, bases=4)
    at = datetime(2026, 11, 1, tzinfo=UTC)
    _import(session, texts, 12, at)
    reader = _doc(translator, [f"Leser {uuid.uuid4().hex[:6]}"] + [texts.variant() for _ in range(10)])
    assert _read(translator, reader["id"], 5) == _fresh(reader, 5)
    assert _rows_agree(reader["id"]) > 0
    merged = 0
    for step in range(12):
        computed.clear()
        _import(session, texts, rng.randint(1, 2), at + timedelta(days=step + 1))
        assert _read(translator, reader["id"], 5) == _fresh(reader, 5), f"step {step}"
        merged += not computed
        _rows_agree(reader["id"])
    assert merged >= 8  # these were merges, not fresh lookups


def test_a_merge_that_changes_no_list_only_moves_the_counts(translator, session, computed):
    from app.db import get_engine

    rng = random.Random(11)
    texts = Texts(rng, bases=3)
    at = datetime(2026, 11, 1, tzinfo=UTC)
    _import(session, texts, 6, at)
    reader = _doc(translator, [f"Leser {uuid.uuid4().hex[:6]}"] + [texts.variant() for _ in range(6)])
    first = _read(translator, reader["id"])
    computed.clear()
    other = Texts(random.Random(99), bases=1)  # other words: matches no segment
    _import(session, other, 1, at + timedelta(days=1))
    with statements(get_engine()) as seen:
        assert _read(translator, reader["id"]) == first
    writes = [s for s in seen if s.lstrip().upper().startswith(("INSERT", "DELETE", "UPDATE"))]
    assert len(writes) == 1 and "segment_match_state" in writes[0], "\n".join(seen)
    assert computed == []
