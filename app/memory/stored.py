"""The tables of stored matches: each segment's best matches and what they were computed for.

A segment's list (`segment_match`) holds its best `size` matches at ≥ `min_score` among the units the
memory held at change count `seq` (`segment_match_state`), ranked and de-duplicated as
app.memory.matching.best does, its own unit left out. A removed unit takes its entry along (ON DELETE
CASCADE), so a list with fewer entries than `stored` has lost one. Reads here are plain rows; a write
is an upsert of the states in segment order (concurrent writers of one segment take turns on its row).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from app.memory.keys import digest
from app.memory.matching import Entry
from app.models import SegmentMatch, SegmentMatchState, TmClock, TmUnit

CHUNK = 900  # ids per IN list: under SQLite's oldest limit on bound parameters (999)


@dataclass(frozen=True, slots=True)
class Unit:
    """A memory unit as plain data: what ranking, merging and the API's TmMatch read of it."""

    id: int
    segment_id: int | None
    document_id: int | None
    source_lang: str
    source_text: str
    target_text: str
    exact_key: str
    near_key: str
    outlet: str | None
    approved_at: datetime
    approved_by: str | None
    seq: int


UNIT_COLUMNS = [getattr(TmUnit, name) for name in Unit.__dataclass_fields__]


@dataclass(frozen=True)
class Kept:
    """What a segment's stored list was computed for."""

    text_key: str
    seq: int
    min_score: int
    size: int
    stored: int


def text_key(lang: str, text: str) -> str:
    """Names the text a list was computed for: another language or text needs another list."""
    return digest(f"{lang}\n{text}")


def clock(session: Session) -> int:
    """The memory's change count: every unit numbered up to it is visible (app.memory.units.tick)."""
    return session.exec(select(TmClock.seq).where(TmClock.id == 1)).first() or 0  # no row: never ticked


def _chunks(values: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def load(session: Session, segment_ids: Sequence[int]) -> dict[int, tuple[Kept, list[Entry]]]:
    """segment id → (its state, its entries with their units), in one query per CHUNK segments."""
    state = SegmentMatchState
    out: dict[int, tuple[Kept, list[Entry]]] = {}
    for part in _chunks(sorted(set(segment_ids))):
        query = (
            select(
                state.segment_id,
                state.text_key,
                state.seq,
                state.min_score,
                state.size,
                state.stored,
                SegmentMatch.score,
                SegmentMatch.kind,
                *UNIT_COLUMNS,
            )
            .outerjoin(SegmentMatch, col(SegmentMatch.segment_id) == col(state.segment_id))
            .outerjoin(TmUnit, col(TmUnit.id) == col(SegmentMatch.unit_id))
            .where(col(state.segment_id).in_(part))
        )
        for row in session.connection().execute(query):
            seg_id, key, seq, min_score, size, stored, value, kind, *unit = row
            kept, entries = out.setdefault(seg_id, (Kept(key, seq, min_score, size, stored), []))
            if value is not None and unit[0] is not None:
                entries.append((value, kind, Unit(*unit)))
    return out


def changed_since(session: Session, *, after: int, upto: int, most: int) -> list[Unit]:
    """The units written after change `after` up to `upto` (every language); at most `most` + 1."""
    query = (
        select(*UNIT_COLUMNS)
        .where(col(TmUnit.seq) > after, col(TmUnit.seq) <= upto)
        .order_by(col(TmUnit.seq))
        .limit(most + 1)
    )
    return [Unit(*row) for row in session.connection().execute(query)]


def save(
    session: Session, lists: dict[int, tuple[Kept, list[Entry]]], *, rewrite: set[int], had: set[int]
) -> None:
    """Write the states of these segments, and the entries of those in `rewrite` (uncommitted);
    `had`: the segments that may hold entries already."""
    if not lists:
        return
    dialect = session.get_bind().dialect.name
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    ids = sorted(lists)
    for start in range(0, len(ids), 150):  # six values a row: 900 bound parameters at most
        part = ids[start : start + 150]
        rows = [
            dict(
                segment_id=i,
                text_key=k.text_key,
                seq=k.seq,
                min_score=k.min_score,
                size=k.size,
                stored=k.stored,
            )
            for i in part
            for k in (lists[i][0],)
        ]
        stmt = make(SegmentMatchState).values(rows)
        names = ("text_key", "seq", "min_score", "size", "stored")
        session.exec(  # type: ignore[call-overload]
            stmt.on_conflict_do_update(
                index_elements=["segment_id"], set_={n: getattr(stmt.excluded, n) for n in names}
            )
        )
    again = sorted(rewrite)
    for part in _chunks(sorted(rewrite & had)):
        session.exec(delete(SegmentMatch).where(col(SegmentMatch.segment_id).in_(part)))  # type: ignore[call-overload]
    entries = [
        dict(segment_id=i, unit_id=unit.id, score=value, kind=kind)
        for i in again
        for value, kind, unit in lists[i][1]
    ]
    for start in range(0, len(entries), 200):
        session.exec(insert(SegmentMatch), params=entries[start : start + 200])  # type: ignore[call-overload]
