"""Reading documents: one with its segments, lists with keyset paging; the status derived in SQL."""

from sqlalchemy import ColumnElement, and_, case, func, update
from sqlmodel import Session, col, select

from app.documents.quality import document_qa, fill_missing
from app.errors import InvalidInput, NotFound
from app.models import (
    Document,
    DocumentPublic,
    DocumentQA,
    DocumentStatus,
    DocumentSummary,
    FeedEntry,
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
    qa = fill_missing(session=session, segments=segs)
    segments = [SegmentPublic.model_validate(s, update={"qa": qa[s.id]}) for s in segs]
    return DocumentPublic(**summary.model_dump(), segments=segments)


def read_document(*, session: Session, document_id: int) -> DocumentPublic:
    """The document with its segments as the API shows it, or 404 (QA missing on old rows is stored)."""
    answer = document_public(session=session, doc=get_document(session=session, document_id=document_id))
    session.commit()
    return answer


def segment_public(*, session: Session, segment: Segment) -> SegmentPublic:
    """One segment as the API shows it (QA missing on an old row is computed and stored)."""
    qa = fill_missing(session=session, segments=[segment])
    answer = SegmentPublic.model_validate(segment, update={"qa": qa[segment.id]})
    session.commit()
    return answer


def read_document_qa(*, session: Session, document_id: int) -> DocumentQA:
    """Every segment's QA issues, checked afresh (a termbase change shows at once), or 404."""
    get_document(session=session, document_id=document_id)
    answer = document_qa(
        session=session,
        segments=segments_of(session=session, document_id=document_id),
        document_id=document_id,
    )
    session.commit()
    return answer


def list_documents(
    *,
    session: Session,
    status: str | None,
    lang: str | None,
    q: str | None,
    cursor: str | None,
    limit: int,
    feed_id: int | None = None,
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
    if feed_id is not None:
        from_feed = select(FeedEntry.document_id).where(col(FeedEntry.feed_id) == feed_id)
        query = query.where(col(Document.id).in_(from_feed))
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


def _derived_status(*, document_id: int) -> ColumnElement[str]:
    """The status rule as one SQL expression over the document's segments and active jobs.

    All segments approved (or removed from the source) → approved; else an active job →
    translating; else any segment past new → in_review; else ingested.
    """
    segments = select(Segment.id).where(col(Segment.document_id) == document_id)
    active = select(TranslationJob.id).where(
        col(TranslationJob.document_id) == document_id,
        col(TranslationJob.status).in_([JobStatus.queued, JobStatus.running]),
    )
    # A paragraph gone from the source (refetch) needs no approval.
    done = [SegmentStatus.approved, SegmentStatus.source_removed]
    unapproved = segments.where(col(Segment.status).not_in(done))
    touched = segments.where(col(Segment.status) != SegmentStatus.new)
    return case(
        (and_(segments.exists(), ~unapproved.exists()), DocumentStatus.approved.value),
        (active.exists(), DocumentStatus.translating.value),
        (touched.exists(), DocumentStatus.in_review.value),
        else_=DocumentStatus.ingested.value,
    )


def refresh_status(*, session: Session, document_id: int) -> None:
    """Derive the document's status from its segments and jobs, in the caller's transaction.

    Call it after the transaction's own segment or job writes; it does not commit. The document
    row is locked first (FOR NO KEY UPDATE on PostgreSQL; SQLite lets one writer in at a time),
    then one statement derives and stores the status. That statement sees the writes of every
    transaction that refreshed before this one, so whichever refreshes last sees everybody's.
    """
    lock = select(Document.id).where(col(Document.id) == document_id).with_for_update(key_share=True)
    session.exec(lock).first()
    status = _derived_status(document_id=document_id)
    session.exec(
        update(Document)
        .where(col(Document.id) == document_id, col(Document.status) != status)
        .values(status=status, updated_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
