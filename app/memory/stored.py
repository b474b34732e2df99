"""The tables of stored matches: each segment's best matches and what they were computed for.

A segment's list (`segment_match_state.matches`) holds its best `size` matches at ≥ `min_score` among
the units the memory held at change count `seq`, ranked and de-duplicated as app.memory.matching.best
does, its own unit left out; each as the API shows it, with its `unit_id`. `segment_match` names the
units of each list: a removed unit takes its row along (ON DELETE CASCADE), so a list with fewer rows
than `stored` has lost one. A write is an upsert of the states in segment order (concurrent writers of
one segment take turns on its row).
"""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from pydantic_core import from_json
from sqlalchemy import bindparam, delete, func, insert, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from app.memory.keys import digest
from app.models import SegmentMatch, SegmentMatchState, TmClock, TmUnit

CHUNK = 900  # ids per IN list: under SQLite's oldest limit on bound parameters (999)


@dataclass(frozen=True, slots=True)
class Unit:
    """A memory unit as plain data: what scoring, ranking and the API's TmMatch read of it."""

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


@dataclass
class Held:
    """A segment's stored list: its state, its matches (dicts as the API shows them, with unit_id) and
    how many of its units are still there."""

    kept: Kept
    matches: list[dict]
    present: int


def text_key(lang: str, text: str) -> str:
    """Names the text a list was computed for: another language or text needs another list."""
    return digest(f"{lang}\n{text}")


def clock(session: Session) -> int:
    """The memory's change count: every unit numbered up to it is visible (app.memory.units.tick)."""
    return session.exec(select(TmClock.seq).where(TmClock.id == 1)).first() or 0  # no row: never ticked


def _chunks(values: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


_STATE = SegmentMatchState
_PRESENT = (
    select(func.count())
    .select_from(SegmentMatch)
    .where(col(SegmentMatch.segment_id) == col(_STATE.segment_id))
    .scalar_subquery()
)
_CLOCK = select(TmClock.seq).where(TmClock.id == 1).scalar_subquery()
# Built once: building this select anew took about as long as the database needed to answer it.
_LOAD = select(
    _STATE.segment_id, _STATE.text_key, _STATE.seq, _STATE.min_score, _STATE.size, _STATE.stored,
    _STATE.matches, _PRESENT, _CLOCK,
).where(col(_STATE.segment_id).in_(bindparam("ids", expanding=True)))  # fmt: skip


def load(session: Session, segment_ids: Sequence[int]) -> tuple[dict[int, Held], int | None]:
    """(segment id → its stored list, the memory's change count read with them or None: no list),
    one query per CHUNK segments; the count and the lists come from one snapshot."""
    out: dict[int, Held] = {}
    now: int | None = None
    for part in _chunks(sorted(set(segment_ids))):
        for seg_id, key, seq, min_score, size, stored, matches, here, count in session.connection().execute(
            _LOAD, {"ids": list(part)}
        ):
            out[seg_id] = Held(Kept(key, seq, min_score, size, stored), from_json(matches), here)
            value = count or 0  # no clock row: never ticked
            now = value if now is None else min(now, value)
    return out, now


def changed_since(session: Session, *, after: int, upto: int, most: int) -> list[Unit]:
    """The units written after change `after` up to `upto` (every language); at most `most` + 1."""
    query = (
        select(*UNIT_COLUMNS)
        .where(col(TmUnit.seq) > after, col(TmUnit.seq) <= upto)
        .order_by(col(TmUnit.seq))
        .limit(most + 1)
    )
    return [Unit(*row) for row in session.connection().execute(query)]


def save(session: Session, lists: dict[int, Held], *, rewrite: set[int], had: set[int]) -> None:
    """Write the lists of these segments, and the unit rows of those in `rewrite` (uncommitted);
    `had`: the segments that may have unit rows already."""
    if not lists:
        return
    dialect = session.get_bind().dialect.name
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    names = ("text_key", "seq", "min_score", "size", "stored", "matches")
    ids = sorted(lists)
    for start in range(0, len(ids), 120):  # seven values a row: under 999 bound parameters
        rows = []
        for i in ids[start : start + 120]:
            k = lists[i].kept
            rows.append(
                dict(segment_id=i, text_key=k.text_key, seq=k.seq, min_score=k.min_score, size=k.size,
                     stored=k.stored, matches=json.dumps(lists[i].matches, ensure_ascii=False))
            )  # fmt: skip
        stmt = make(SegmentMatchState).values(rows)
        set_ = {n: getattr(stmt.excluded, n) for n in names}
        session.exec(stmt.on_conflict_do_update(index_elements=["segment_id"], set_=set_))  # type: ignore[call-overload]
    for part in _chunks(sorted(rewrite & had)):
        session.exec(delete(SegmentMatch).where(col(SegmentMatch.segment_id).in_(part)))  # type: ignore[call-overload]
    # In unit order, as app.memory.units deletes units: a reader's key-share locks on units (the
    # foreign key) and a remover's row locks come in one order, so they do not wait in a circle.
    rows = sorted(
        (
            dict(segment_id=i, unit_id=m["unit_id"], score=m["score"], kind=m["kind"])
            for i in rewrite
            for m in lists[i].matches
        ),
        key=lambda row: (row["unit_id"], row["segment_id"]),
    )
    for start in range(0, len(rows), 200):
        session.exec(insert(SegmentMatch), params=rows[start : start + 200])  # type: ignore[call-overload]


def stamp(session: Session, segment_ids: set[int], seq: int) -> None:
    """Move these lists to change count `seq` (none of the units written since matters to them)."""
    for part in _chunks(sorted(segment_ids)):
        session.exec(  # type: ignore[call-overload]
            update(SegmentMatchState).where(col(SegmentMatchState.segment_id).in_(part)).values(seq=seq)
        )
