"""Reading documents: one with its segments, lists with keyset paging, status bookkeeping."""

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from app.errors import InvalidInput, NotFound
from app.models import (
    Document,
    DocumentPublic,
    DocumentStatus,
    DocumentSummary,
    JobStatus,
    Segment,
    SegmentPublic,
    SegmentStatus,
    TranslationJob,
    utcnow,
)


def get_document(*, session: Session, document_id: int) -> Document:
    """The document, or 404."""
    doc = session.get(Document, document_id)
    if doc is None:
        raise NotFound(f"No document {document_id}", code="document_not_found")
    return doc


def segments_of(*, session: Session, document_id: int) -> list[Segment]:
    """A document's segments in order."""
    query = select(Segment).where(Segment.document_id == document_id).order_by(Segment.position)
    return list(session.exec(query))


def document_public(*, session: Session, doc: Document) -> DocumentPublic:
    """The document with its segments, as the API shows it."""
    segs = segments_of(session=session, document_id=doc.id)
    approved = sum(1 for s in segs if s.status == SegmentStatus.approved)
    summary = DocumentSummary.model_validate(
        doc, update={"segments_total": len(segs), "segments_approved": approved}
    )
    return DocumentPublic(**summary.model_dump(), segments=[SegmentPublic.model_validate(s) for s in segs])


def read_document(*, session: Session, document_id: int) -> DocumentPublic:
    """The document with its segments as the API shows it, or 404."""
    return document_public(session=session, doc=get_document(session=session, document_id=document_id))


def list_documents(
    *,
    session: Session,
    status: str | None,
    lang: str | None,
    q: str | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[DocumentSummary], str | None]:
    """Newest first, keyset-paged by id; q searches title and source text."""
    counts = (
        select(
            Segment.document_id,
            func.count().label("total"),
            func.sum(case((Segment.status == SegmentStatus.approved, 1), else_=0)).label("approved"),
        )
        .group_by(Segment.document_id)
        .subquery()
    )
    query = select(Document, counts.c.total, counts.c.approved).outerjoin(
        counts, counts.c.document_id == Document.id
    )
    if status:
        query = query.where(Document.status == status)
    if lang:
        query = query.where(Document.source_lang == lang)
    if q:
        escaped = q.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(col(Document.search_text).like(f"%{escaped}%", escape="\\"))
    if cursor:
        if not cursor.isdigit():
            raise InvalidInput("cursor must be the next_cursor of a previous page", code="invalid_cursor")
        query = query.where(Document.id < int(cursor))
    rows = list(session.exec(query.order_by(col(Document.id).desc()).limit(limit + 1)))
    items = [
        DocumentSummary.model_validate(
            doc, update={"segments_total": total or 0, "segments_approved": int(appr or 0)}
        )
        for doc, total, appr in rows[:limit]
    ]
    next_cursor = str(rows[limit - 1][0].id) if len(rows) > limit else None
    return items, next_cursor


def refresh_status(*, session: Session, document_id: int) -> Document:
    """Derive the document's status from its segments and jobs (does not commit)."""
    doc = get_document(session=session, document_id=document_id)
    statuses = [s.status for s in segments_of(session=session, document_id=document_id)]
    active = session.exec(
        select(TranslationJob.id).where(
            TranslationJob.document_id == document_id,
            col(TranslationJob.status).in_([JobStatus.queued, JobStatus.running]),
        )
    ).first()
    if statuses and all(s == SegmentStatus.approved for s in statuses):
        new = DocumentStatus.approved
    elif active is not None:
        new = DocumentStatus.translating
    elif any(s != SegmentStatus.new for s in statuses):
        new = DocumentStatus.in_review
    else:
        new = DocumentStatus.ingested
    if doc.status != new:
        doc.status = new
        doc.updated_at = utcnow()
        session.add(doc)
    return doc
