"""Writing the memory: units from approved segments (kept current on reopen and re-approval) and imports."""

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from app.memory.keys import exact_key, exact_text, index_words, near_key
from app.models import Document, Segment, SegmentStatus, TmClock, TmPosting, TmUnit, TmWord

# Rows per INSERT: well under every database's limit on bound parameters.
BATCH = 500
KEPT_LANG = "de"  # German sources are excerpted, never translated: they do not feed the memory


@dataclass(frozen=True)
class NewUnit:
    """A unit to remember, as plain data."""

    source_lang: str
    source_text: str
    target_text: str
    approved_at: datetime
    approved_by: str | None = None
    document_id: int | None = None
    segment_id: int | None = None
    outlet: str | None = None
    origin: str = "review"


def tick(session: Session) -> int:
    """The memory's next change count, in the caller's transaction.

    The upsert holds the clock's row until commit, so writers of units take turns: a unit numbered n
    commits before any numbered above n, and a reader that sees the count n sees every unit up to n
    (app.memory.reads relies on it). Every writer ticks first, before any word count it locks; the
    first tick makes the row.
    """
    make = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    stmt = make(TmClock).values(id=1, seq=1)
    stmt = stmt.on_conflict_do_update(index_elements=["id"], set_={"seq": TmClock.seq + 1})
    return session.exec(stmt.returning(col(TmClock.seq))).scalar_one()  # type: ignore[call-overload]


def _row(unit: NewUnit, seq: int) -> dict:
    source, target = exact_text(unit.source_text), exact_text(unit.target_text)
    return dict(
        seq=seq,
        segment_id=unit.segment_id,
        document_id=unit.document_id,
        source_lang=unit.source_lang,
        source_text=source,
        target_text=target,
        exact_key=exact_key(source),
        near_key=near_key(source),
        outlet=unit.outlet,
        origin=unit.origin,
        approved_at=unit.approved_at,
        approved_by=unit.approved_by,
    )


def _count_words(session: Session, counts: Counter[str], sign: int) -> None:
    """Add (or take away) each word's number of units, in one upsert per batch."""
    if not counts:
        return
    if sign < 0:
        for word, n in sorted(counts.items()):  # the upserts' order: concurrent writers cannot deadlock
            session.exec(update(TmWord).where(col(TmWord.word) == word).values(units=TmWord.units - n))  # type: ignore[call-overload]
        return
    dialect = session.get_bind().dialect.name
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    items = sorted(counts.items())  # one order for every writer: concurrent upserts cannot deadlock
    for start in range(0, len(items), BATCH):
        stmt = make(TmWord).values([{"word": w, "units": n} for w, n in items[start : start + BATCH]])
        stmt = stmt.on_conflict_do_update(
            index_elements=["word"], set_={"units": TmWord.units + stmt.excluded.units}
        )
        session.exec(stmt)  # type: ignore[call-overload]


def add_units(session: Session, units: Sequence[NewUnit]) -> int:
    """Insert units with their index words, in the caller's transaction; how many were written."""
    if not units:
        return 0
    counts: Counter[str] = Counter()
    seq = tick(session)
    for start in range(0, len(units), BATCH):
        rows = [_row(u, seq) for u in units[start : start + BATCH]]
        # RETURNING in any order (an ordered one costs a statement per row on SQLite): the index
        # words of a unit depend on its source only, which comes back with its id.
        stmt = insert(TmUnit).returning(col(TmUnit.id), col(TmUnit.source_text))
        written = session.exec(stmt, params=rows).all()  # type: ignore[call-overload]
        postings = []
        for unit_id, source in written:
            words = index_words(source)
            counts.update(words)
            postings += [{"word": w, "unit_id": unit_id} for w in words]
        for p in range(0, len(postings), BATCH * 4):
            session.exec(insert(TmPosting), params=postings[p : p + BATCH * 4])  # type: ignore[call-overload]
    _count_words(session, counts, +1)
    return len(units)


def _drop_units(session: Session, unit_ids: list[int]) -> None:
    if not unit_ids:
        return
    tick(session)  # the clock before the word counts, as add_units: no two writers wait on each other
    words = session.exec(select(TmPosting.word).where(col(TmPosting.unit_id).in_(unit_ids))).all()
    _count_words(session, Counter(words), -1)
    session.exec(delete(TmPosting).where(col(TmPosting.unit_id).in_(unit_ids)))  # type: ignore[call-overload]
    session.exec(delete(TmUnit).where(col(TmUnit.id).in_(unit_ids)))  # type: ignore[call-overload]


def forget_segments(*, session: Session, segment_ids: Iterable[int]) -> None:
    """Take reopened segments out of the memory (their text is under review again)."""
    ids = list(segment_ids)
    if ids:
        units = session.exec(select(TmUnit.id).where(col(TmUnit.segment_id).in_(ids))).all()
        _drop_units(session, sorted(units))


def remember_segments(
    *, session: Session, segment_ids: Iterable[int], user: str | None, at: datetime | None
) -> int:
    """Write (or rewrite) the units of just-approved segments, in the caller's transaction.

    German-source documents and German paragraphs never feed the memory. A re-approved segment's
    unit is replaced, so the memory holds the text as approved last.
    """
    ids = list(segment_ids)
    if not ids:
        return 0
    rows = session.exec(
        select(Segment, Document)
        .join(Document, col(Document.id) == col(Segment.document_id))
        .where(col(Segment.id).in_(ids), col(Segment.status) == SegmentStatus.approved)
        .execution_options(populate_existing=True)
    ).all()
    forget_segments(session=session, segment_ids=ids)
    units = [
        NewUnit(
            source_lang=seg.source_lang,
            source_text=seg.source_text,
            target_text=seg.target_text or "",
            approved_at=at or seg.updated_at,  # no time given: when the segment was last written
            approved_by=user if at else seg.updated_by,
            document_id=seg.document_id,
            segment_id=seg.id,
            outlet=doc.outlet,
        )
        for seg, doc in rows
        if KEPT_LANG not in (doc.source_lang, seg.source_lang) and (seg.target_text or "").strip()
    ]
    return add_units(session, units)


def rebuild(*, session: Session, progress: Callable[[int, int], None] | None = None) -> int:
    """Remember every approved segment (e.g. those approved before the memory existed), in one
    transaction; imported units stay. How many units the approved segments gave."""
    ids = list(session.exec(select(Segment.id).where(Segment.status == SegmentStatus.approved)))
    written = 0
    for start in range(0, len(ids), BATCH):
        written += remember_segments(
            session=session, segment_ids=ids[start : start + BATCH], user=None, at=None
        )
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    session.commit()
    return written


def unit_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(TmUnit)).one()
