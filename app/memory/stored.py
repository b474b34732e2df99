"""The tables of stored matches: each segment's best matches and what they were computed for.

A segment's list (`segment_match_state.matches`) holds its best `size` matches at ≥ `min_score` among
the units the memory held at change count `seq`, ranked and de-duplicated as app.memory.matching.best
does, its own unit left out; each as the API shows it, with its `unit_id`. `segment_match` names the
units of each list: a removed unit takes its row along (ON DELETE CASCADE), so a list with fewer rows
than `stored` has lost one. A write is an upsert of the states in segment order (concurrent writers of
one segment take turns on its row).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from pydantic_core import from_json, to_json
from sqlalchemy import bindparam, delete, func, insert, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert
from sqlmodel import Session, col, select

from app.memory.keys import digest
from app.memory.shown import Rendered, remember, render, rendered
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
    """A segment's stored list: its state, how many of its units are still there, and its matches (dicts
    as the API shows them, with unit_id), parsed from `raw` (the stored text) only when asked for; `raw`
    None: not stored yet."""

    kept: Kept
    present: int
    raw: str | None = None
    parsed: list[dict] | None = None

    @property
    def matches(self) -> list[dict]:
        if self.parsed is None:
            self.parsed = from_json(self.raw or "[]")
        return self.parsed

    def view(self) -> Rendered:
        """The list as rendered for reads (parsed once per process and stored text): its units and scores
        are what a merge asks of every list, and most lists it leaves as they are."""
        return rendered(self.raw) if self.raw is not None else render(self.matches)


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
            out[seg_id] = Held(Kept(key, seq, min_score, size, stored), here, raw=matches)
            value = count or 0  # no clock row: never ticked
            now = value if now is None else min(now, value)
    return out, now


# Built once, as _LOAD: a merge runs on every read after a write to the memory.
_CHANGED = (
    select(*UNIT_COLUMNS)
    .where(col(TmUnit.seq) > bindparam("after"), col(TmUnit.seq) <= bindparam("upto"))
    .order_by(col(TmUnit.seq))
    .limit(bindparam("rows"))
)


def changed_since(session: Session, *, after: int, upto: int, most: int) -> list[Unit]:
    """The units written after change `after` up to `upto` (every language); at most `most` + 1."""
    params = {"after": after, "upto": upto, "rows": most + 1}
    return [Unit(*row) for row in session.connection().execute(_CHANGED, params)]


@lru_cache
def _upsert(dialect: str) -> Insert:
    """The upsert of one state row, built once per dialect (executed with many rows: compiled once)."""
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = make(SegmentMatchState)
    set_ = {
        n: getattr(stmt.excluded, n) for n in ("text_key", "seq", "min_score", "size", "stored", "matches")
    }
    return stmt.on_conflict_do_update(index_elements=["segment_id"], set_=set_)


_ROW = SegmentMatch.__table__  # type: ignore[attr-defined]
_INSERT_ROW = insert(_ROW)
_DELETE_ROW = delete(_ROW).where(
    _ROW.c.segment_id == bindparam("s_id"), _ROW.c.unit_id == bindparam("u_id")
)  # fmt: skip


def _rows(lists: dict[int, Held], before: dict[int, list[dict]]) -> tuple[list[dict], list[dict]]:
    """(unit rows to delete, unit rows to insert) of the lists whose earlier matches are `before`."""
    gone, new = [], []
    for i, earlier in before.items():
        now = {m["unit_id"]: m for m in lists[i].matches}
        was = {m["unit_id"] for m in earlier}
        gone += [dict(s_id=i, u_id=u) for u in was - now.keys()]
        new += [
            dict(segment_id=i, unit_id=u, score=now[u]["score"], kind=now[u]["kind"])
            for u in now.keys() - was
        ]
    return gone, new


def _state(segment_id: int, held: Held) -> dict:
    k = held.kept
    matches = to_json(held.matches).decode()  # several times faster than json.dumps; read by from_json
    remember(matches, held.matches)  # a read in this process serves it without parsing it
    held.raw = matches  # ... nor rendering it again: the text it is rendered by (see Held)
    return dict(segment_id=segment_id, text_key=k.text_key, seq=k.seq, min_score=k.min_score, size=k.size,
                stored=k.stored, matches=matches)  # fmt: skip


def save(
    session: Session,
    lists: dict[int, Held],
    *,
    rewrite: set[int],
    had: set[int],
    before: dict[int, list[dict]] | None = None,
) -> None:
    """Write the lists of these segments, and the unit rows of those in `rewrite` (uncommitted);
    `had`: the segments that may have unit rows already; `before`: of some in `rewrite`, the matches
    their rows hold now (only the difference is written)."""
    if not lists:
        return
    conn = session.connection()
    states = [_state(i, lists[i]) for i in sorted(lists)]
    conn.execute(_upsert(session.get_bind().dialect.name), states)  # in segment order
    before = {i: m for i, m in (before or {}).items() if i in rewrite and i in had}
    whole = sorted(rewrite - before.keys())
    for part in _chunks(sorted(set(whole) & had)):
        conn.execute(delete(_ROW).where(_ROW.c.segment_id.in_(part)))
    gone, rows = _rows(lists, before)
    rows += [
        dict(segment_id=i, unit_id=m["unit_id"], score=m["score"], kind=m["kind"])
        for i in whole
        for m in lists[i].matches
    ]
    # In unit order, as app.memory.units deletes units: a reader's key-share locks on units (the
    # foreign key) and a remover's row locks come in one order, so they do not wait in a circle.
    if gone:
        conn.execute(_DELETE_ROW, sorted(gone, key=lambda row: (row["u_id"], row["s_id"])))
    if rows:
        conn.execute(_INSERT_ROW, sorted(rows, key=lambda row: (row["unit_id"], row["segment_id"])))


def stamp(session: Session, segment_ids: set[int], seq: int) -> None:
    """Move these lists to change count `seq` (none of the units written since matters to them)."""
    for part in _chunks(sorted(segment_ids)):
        session.connection().execute(
            update(SegmentMatchState).where(col(SegmentMatchState.segment_id).in_(part)).values(seq=seq)
        )
