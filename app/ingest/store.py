"""Storing prepared documents: duplicate lookups on the unique indexes, segments in one INSERT each."""

from dataclasses import dataclass

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.detection.detector import KEPT_LANGS, TRANSLATED_LANGS, DocumentDetection
from app.ingest.segment import Block
from app.models import Document, Revision, Segment, SegmentStatus
from app.times import utcnow


@dataclass
class Prepared:
    """A document ready to insert: its row (not yet added), its blocks and their detection."""

    doc: Document
    blocks: list[Block]
    detection: DocumentDetection


@dataclass
class IngestOutcome:
    """The stored document and whether this request created it."""

    document: Document
    created: bool


def find_existing(session: Session, *, url_key: str | None, digest: str | None) -> Document | None:
    """The stored document with this URL key or content hash (both uniquely indexed), if any."""
    if url_key:
        doc = session.exec(select(Document).where(Document.source_url_key == url_key)).first()
        if doc:
            return doc
    if digest:
        return session.exec(select(Document).where(Document.content_hash == digest)).first()
    return None


def known_by_url_key(session: Session, keys: list[str]) -> dict[str, Document]:
    """Stored documents by URL key, for many keys in one indexed query."""
    if not keys:
        return {}
    rows = session.exec(select(Document).where(col(Document.source_url_key).in_(set(keys))))
    return {doc.source_url_key or "": doc for doc in rows}


def known_by_digest(session: Session, digests: list[str]) -> dict[str, Document]:
    """Stored documents by content hash, for many hashes in one indexed query."""
    if not digests:
        return {}
    rows = session.exec(select(Document).where(col(Document.content_hash).in_(set(digests))))
    return {doc.content_hash: doc for doc in rows}


def insert_document(session: Session, prepared: Prepared) -> Document:
    """Insert the document, then all its segments in one statement (kept languages: their revisions too).

    Nothing is committed; an IntegrityError (the URL or text stored meanwhile) reaches the caller.
    """
    doc, det = prepared.doc, prepared.detection
    kept = doc.source_lang in KEPT_LANGS
    if kept:
        doc.status = "approved"
    session.add(doc)
    session.flush()
    now = utcnow()
    rows = []
    for pos, block in enumerate(prepared.blocks):
        own = det.paragraphs[pos].lang if pos in det.mixed else doc.source_lang
        lang = own if (not kept and own in TRANSLATED_LANGS) else doc.source_lang
        rows.append(
            {
                "document_id": doc.id,
                "position": pos,
                "kind": block.kind,
                "source_text": block.text,
                "source_lang": lang,
                "mixed": lang != doc.source_lang,
                "target_text": block.text if kept else None,
                "status": (SegmentStatus.approved if kept else SegmentStatus.new).value,
                "version": 1,
                "updated_at": now,
                "updated_by": doc.created_by,
            }
        )
    if not kept:
        session.execute(insert(Segment), rows)
        return doc
    # One INSERT … RETURNING for all segments; the ids, in order, key the ingest revisions.
    ids = session.scalars(insert(Segment).returning(Segment.id, sort_by_parameter_order=True), rows).all()
    revisions = [
        {
            "segment_id": seg_id,
            "version": 1,
            "kind": "ingest",
            "text": row["source_text"],
            "user": doc.created_by,
            "created_at": now,
        }
        for seg_id, row in zip(ids, rows, strict=True)
    ]
    session.execute(insert(Revision), revisions)
    return doc


def store(session: Session, prepared: Prepared) -> IngestOutcome:
    """Insert and commit one document; when a concurrent ingest stored it first, that document."""
    try:
        doc = insert_document(session, prepared)
        session.commit()
    except IntegrityError:  # the same URL or text stored meanwhile by a concurrent ingest
        session.rollback()
        found = find_existing(session, url_key=prepared.doc.source_url_key, digest=prepared.doc.content_hash)
        if found is None:
            raise
        return IngestOutcome(found, False)
    session.refresh(doc)
    return IngestOutcome(doc, True)
