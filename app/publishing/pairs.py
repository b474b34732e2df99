"""Approved source/German segment pairs for TMX, XLIFF, CSV and JSONL export."""

from datetime import datetime

from sqlmodel import Session, col, select

from app.exporters.types import SegmentPair
from app.models import Document, Segment, SegmentStatus


def approved_pairs(
    *,
    session: Session,
    document_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    include_german: bool = False,
) -> list[SegmentPair]:
    """Approved pairs, oldest document first; German sources (never translated) are left out."""
    query = (
        select(Segment, Document)
        .join(Document, col(Document.id) == col(Segment.document_id))
        .where(Segment.status == SegmentStatus.approved)
    )
    if not include_german:
        query = query.where(Document.source_lang != "de")
    if document_id is not None:
        query = query.where(Segment.document_id == document_id)
    if since is not None:
        query = query.where(col(Segment.updated_at) >= since)
    if until is not None:
        query = query.where(col(Segment.updated_at) < until)
    rows = session.exec(query.order_by(col(Segment.document_id), col(Segment.position)))
    return [
        SegmentPair(
            document_id=seg.document_id,
            position=seg.position,
            source_lang=seg.source_lang,
            target_lang="de",
            source=seg.source_text,
            machine_draft=seg.draft_text,
            target=seg.target_text or "",
            status=str(seg.status),
            editor=seg.updated_by,
            updated_at=seg.updated_at,
        )
        for seg, _doc in rows
    ]
