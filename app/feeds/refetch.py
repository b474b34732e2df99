"""Source updates: fetch a document's article again and apply a paragraph diff to its segments."""

import logging
from datetime import timedelta

from pydantic import BaseModel
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from app.config import Settings
from app.detection.detector import KEPT_LANGS
from app.documents.counters import settle_counters
from app.documents.reading import get_document, segments_of
from app.documents.search import search_text
from app.errors import Conflict, InvalidInput, NotFound, WerkbankError
from app.feeds.diffing import ParagraphOp, diff_paragraphs, has_changes
from app.ingest.pipeline import content_hash, fetch_article
from app.ingest.segment import Block
from app.models import (
    Document,
    FeedEntry,
    Revision,
    Segment,
    SegmentStatus,
    SourceChange,
    SourceChangePublic,
    User,
    utcnow,
)

log = logging.getLogger("werkbank.feeds")


class RefetchResult(BaseModel):
    document_id: int
    changed: bool
    change: SourceChangePublic | None = None


def refetch_document(
    *, session: Session, document_id: int, settings: Settings, user: User | None = None
) -> RefetchResult:
    """Fetch the source again; when its text changed, record the diff and mark the segments."""
    doc = get_document(session=session, document_id=document_id)
    if not doc.source_url:
        raise InvalidInput("This document did not come from a URL", code="no_source_url")
    blocks = fetch_article(url=doc.source_url, settings=settings)
    if not any(b.kind != "title" for b in blocks):
        raise InvalidInput("The page has no article text any more", code="empty_text")
    segs = segments_of(session=session, document_id=doc.id)
    live = [s for s in segs if s.status != SegmentStatus.source_removed]
    ops = diff_paragraphs([(s.kind, s.source_text) for s in live], [(b.kind, b.text) for b in blocks])
    now = utcnow()
    if not has_changes(ops):
        doc.source_checked_at = now
        session.add(doc)
        session.commit()
        return RefetchResult(document_id=doc.id, changed=False)
    change = _apply(session, doc, segs, live, blocks, ops, user)
    doc.source_checked_at = doc.source_changed_at = now
    doc.search_text = search_text([b.text for b in blocks])
    _rehash(session, doc, blocks)
    session.add(doc)
    session.flush()
    settle_counters(session=session)  # counters and status follow the segments by trigger (0008)
    session.commit()
    session.refresh(change)
    return RefetchResult(document_id=doc.id, changed=True, change=SourceChangePublic.model_validate(change))


def _rehash(session: Session, doc: Document, blocks: list[Block]) -> None:
    """The document now holds the corrected text: ingesting that text again must find it.

    If another document already holds exactly that text (someone ingested the correction on its
    own), the hash stays the old one: the hash is unique, and that other document is the match.
    """
    digest = content_hash(blocks)
    taken = session.exec(select(Document.id).where(Document.content_hash == digest, Document.id != doc.id))
    if taken.first() is None:
        doc.content_hash = digest
    else:
        log.info("Document %s: its corrected text is also document %s; hash kept", doc.id, digest[:12])


def _apply(
    session: Session,
    doc: Document,
    segs: list[Segment],
    live: list[Segment],
    blocks: list[Block],
    ops: list[ParagraphOp],
    user: User | None,
) -> SourceChange:
    """Mark changed and removed segments, insert added ones in place, renumber; the diff as a row."""
    who = user.username if user else None
    kept_lang = doc.source_lang in KEPT_LANGS
    # Segments removed by an earlier refetch stay where they were: after the live one before them.
    dead_after: dict[int, list[Segment]] = {}
    last = -1
    for seg in segs:
        if seg.status == SegmentStatus.source_removed:
            dead_after.setdefault(last, []).append(seg)
        else:
            last = live.index(seg)
    order: list[Segment | Block] = list(dead_after.get(-1, []))
    changes: list[tuple[dict, Segment | None]] = []
    for op in ops:
        if op.op == "added":
            block = blocks[op.new]
            order.append(block)
            changes.append(({"op": "added", "kind": block.kind, "old": None, "new": block.text}, None))
            continue
        seg = live[op.old]
        order.append(seg)
        order.extend(dead_after.get(op.old, []))
        if op.op == "changed":
            new = blocks[op.new]
            item = {"op": "changed", "kind": new.kind, "old": seg.source_text, "new": new.text}
            changes.append((item, seg))
            _mark(session, seg, text=new.text, kind=new.kind, who=who, removed=False)
        elif op.op == "removed":
            changes.append(({"op": "removed", "kind": seg.kind, "old": seg.source_text, "new": None}, seg))
            _mark(session, seg, text=seg.source_text, kind=seg.kind, who=who, removed=True)
    session.flush()
    added = _renumber(session, doc, order, kept_lang, who)
    rows = []
    for item, seg in changes:
        target = seg if seg is not None else added.pop(0)
        rows.append({**item, "segment_id": target.id, "position": _position(order, target)})
    record = SourceChange(document_id=doc.id, changes=rows, summary=_summary(rows), created_by=who)
    session.add(record)
    return record


def _position(order: list, target: Segment) -> int:
    return next(i for i, x in enumerate(order) if x is target)


def _mark(session: Session, seg: Segment, *, text: str, kind: str, who: str | None, removed: bool) -> None:
    """A changed or removed source paragraph: the German stays (also in the history); the status says why.

    Compare-and-set on the version read: an edit saved meanwhile makes the whole refetch a 409
    (nothing written), so it never overwrites what a translator just saved.
    """
    untouched = seg.status == SegmentStatus.new and not seg.target_text and not seg.draft_text
    status = seg.status
    if removed:
        status = SegmentStatus.source_removed
    elif not untouched:
        status = SegmentStatus.source_changed
    stmt = (
        update(Segment)
        .where(col(Segment.id) == seg.id, col(Segment.version) == seg.version)
        .values(
            previous_source_text=seg.source_text,
            source_text=text,
            kind=kind,
            status=status,
            version=seg.version + 1,
            updated_at=utcnow(),
            updated_by=who,
        )
        .execution_options(synchronize_session=False)
    )
    if session.exec(stmt).rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise Conflict(
            "A segment was saved meanwhile; fetch again", code="refetch_conflict", segment_id=seg.id
        )
    session.add(
        Revision(
            segment_id=seg.id, version=seg.version + 1, kind="source_change", text=seg.target_text, user=who
        )
    )


def _renumber(
    session: Session, doc: Document, order: list[Segment | Block], kept_lang: bool, who: str | None
) -> list[Segment]:
    """Positions 0… in `order`: first every position out of the way (the pair is unique), then set."""
    session.exec(
        update(Segment).where(col(Segment.document_id) == doc.id).values(position=-1 - col(Segment.position))
    )
    added: list[Segment] = []
    for pos, item in enumerate(order):
        if isinstance(item, Segment):
            session.exec(update(Segment).where(col(Segment.id) == item.id).values(position=pos))
            continue
        seg = Segment(
            document_id=doc.id,
            position=pos,
            kind=item.kind,
            source_text=item.text,
            source_lang=doc.source_lang,
            target_text=item.text if kept_lang else None,
            status=SegmentStatus.approved if kept_lang else SegmentStatus.new,
            updated_by=who,
        )
        session.add(seg)
        session.flush()
        order[pos] = seg  # the block's place now holds its segment
        added.append(seg)
    session.expire_all()
    return added


def _summary(rows: list[dict]) -> str:
    counts = {op: sum(1 for r in rows if r["op"] == op) for op in ("changed", "added", "removed")}
    return ", ".join(f"{n} {op}" for op, n in counts.items() if n)


def source_changes(*, session: Session, document_id: int) -> list[SourceChangePublic]:
    """The recorded source changes of a document, newest first."""
    get_document(session=session, document_id=document_id)
    query = select(SourceChange).where(SourceChange.document_id == document_id)
    rows = session.exec(query.order_by(col(SourceChange.id).desc()))
    return [SourceChangePublic.model_validate(c) for c in rows]


def refetch_listed(*, session: Session, feed_id: int, settings: Settings) -> int:
    """Re-fetch the documents this feed still lists: younger than feed_refetch_hours, at most once per
    feed_refetch_every_minutes. Returns how many were fetched; a failure is logged and waits its turn."""
    now = utcnow()
    young = now - timedelta(hours=settings.feed_refetch_hours)
    checked = func.coalesce(col(Document.source_checked_at), col(Document.created_at))
    query = (
        select(Document.id)
        .join(FeedEntry, col(FeedEntry.document_id) == col(Document.id))
        .where(
            col(FeedEntry.feed_id) == feed_id,
            col(FeedEntry.listed).is_(True),
            col(Document.source_url).is_not(None),
            col(Document.created_at) >= young,
            checked < now - timedelta(minutes=settings.feed_refetch_every_minutes),
        )
    )
    done = 0
    for doc_id in list(session.exec(query)):
        try:
            refetch_document(session=session, document_id=doc_id, settings=settings)
        except (WerkbankError, NotFound) as exc:
            session.rollback()
            log.info("Refetch of document %s failed: %s", doc_id, exc)
            session.exec(update(Document).where(col(Document.id) == doc_id).values(source_checked_at=now))
            session.commit()
        done += 1
    return done
