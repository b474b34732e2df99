"""Reading documents: one with its segments, lists with keyset paging and full-text search."""

from pydantic import TypeAdapter
from sqlmodel import Session, col, select

from app.documents.quality import document_qa, fill_missing
from app.documents.search import search
from app.errors import NotFound
from app.models import (
    Document,
    DocumentPublic,
    DocumentQA,
    DocumentSummary,
    FeedEntry,
    Segment,
    SegmentPublic,
)
from app.models.paging import decode_cursor, encode_cursor


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
    summary = DocumentSummary.model_validate(doc)
    qa = fill_missing(session=session, segments=segs)
    segments = [SegmentPublic.model_validate(s, update={"qa": qa[s.id]}) for s in segs]
    return DocumentPublic(**summary.model_dump(), segments=segments)


def read_document(*, session: Session, document_id: int, commit: bool = True) -> DocumentPublic:
    """The document with its segments as the API shows it, or 404 (QA missing on old rows is stored).

    commit=False leaves the transaction open for a caller that reads on and commits it (one transaction
    for the whole read: on PostgreSQL a second one costs a pool check-out, BEGIN and ROLLBACK)."""
    answer = document_public(session=session, doc=get_document(session=session, document_id=document_id))
    if commit:
        session.commit()
    return answer


def segment_public(*, session: Session, segment: Segment) -> SegmentPublic:
    """One segment as the API shows it (QA missing on an old row is computed and stored)."""
    qa = fill_missing(session=session, segments=[segment])
    answer = SegmentPublic.model_validate(segment, update={"qa": qa[segment.id]})
    session.commit()
    return answer


# What document_qa reads of a segment: columns, not Segment entities (no identity map or instance state
# per row), and no draft, notes or earlier source text the checks never see.
_QA_COLUMNS = (
    Segment.id,
    Segment.position,
    Segment.status,
    Segment.version,
    Segment.source_text,
    Segment.source_lang,
    Segment.target_text,
    Segment.qa,
)


def read_document_qa(*, session: Session, document_id: int) -> DocumentQA:
    """Every segment's QA issues, checked afresh (a termbase change shows at once), or 404."""
    query = select(*_QA_COLUMNS).where(Segment.document_id == document_id).order_by(Segment.position)
    segments = session.exec(query).all()
    if not segments:  # one statement for a document with segments; a missing one is told apart here
        get_document(session=session, document_id=document_id)
    answer = document_qa(session=session, segments=segments, document_id=document_id)
    session.commit()
    return answer


SUMMARY_COLUMNS = [
    getattr(Document, name) for name in DocumentSummary.model_fields if name in Document.model_fields
]
# One validator call for the whole page: SQLModel's model_validate per row costs ~3× as much CPU,
# which is most of a full page's price (a rare word's page is full at 100,000 documents).
_SUMMARIES = TypeAdapter(list[DocumentSummary])


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
    """Newest first, keyset-paged by id; q searches title and text (app.documents.search).

    One indexed query that reads the page's rows and the summary's columns only: the counters
    are columns, the text is never fetched.
    """
    query = select(*SUMMARY_COLUMNS)
    key = col(Document.id)
    if status:
        query = query.where(Document.status == status)
    if lang:
        query = query.where(Document.source_lang == lang)
    if feed_id is not None:
        from_feed = select(FeedEntry.document_id).where(col(FeedEntry.feed_id) == feed_id)
        query = query.where(col(Document.id).in_(from_feed))
    if q and q.strip():  # an empty search box filters nothing
        query, key = search(query, dialect=session.get_bind().dialect.name, q=q, session=session)
    after = decode_cursor(cursor)
    if after:
        query = query.where(key < after[0])
    rows = session.exec(query.order_by(key.desc()).limit(limit + 1)).all()
    items = _SUMMARIES.validate_python([row._asdict() for row in rows[:limit]])
    next_cursor = encode_cursor(items[-1].id) if len(rows) > limit else None
    return items, next_cursor
