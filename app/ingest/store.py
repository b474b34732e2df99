"""Storing prepared documents: duplicate lookups on the unique indexes, multi-row INSERTs per batch."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.detection.detector import KEPT_LANGS, TRANSLATED_LANGS, DocumentDetection
from app.documents.counters import mark_precounted, precount
from app.ingest.segment import Block
from app.models import Document, Revision, Segment, SegmentStatus
from app.times import utcnow


@dataclass
class Prepared:
    """A document ready to insert: its column values (no id yet), its blocks and their detection."""

    row: dict[str, Any]
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


def _segment_rows(prepared: Prepared, now: Any) -> list[dict[str, Any]]:
    """The rows of a document's segments; `document_id` is set once the document has its id."""
    row, det = prepared.row, prepared.detection
    kept = row["source_lang"] in KEPT_LANGS
    rows = []
    for pos, block in enumerate(prepared.blocks):
        own = det.paragraphs[pos].lang if pos in det.mixed else row["source_lang"]
        lang = own if (not kept and own in TRANSLATED_LANGS) else row["source_lang"]
        rows.append(
            {
                "position": pos,
                "kind": block.kind,
                "source_text": block.text,
                "source_lang": lang,
                "mixed": lang != row["source_lang"],
                "target_text": block.text if kept else None,
                "status": (SegmentStatus.approved if kept else SegmentStatus.new).value,
                "version": 1,
                "updated_at": now,
                "updated_by": row["created_by"],
            }
        )
    return rows


def insert_documents(session: Session, batch: list[Prepared]) -> list[int]:
    """Insert the documents in one statement, then all their segments in one (kept languages: with
    their ingest revisions); the new ids in order. Nothing is committed; an IntegrityError (a URL
    or text stored meanwhile) reaches the caller.
    """
    if not batch:
        return []
    for prepared in batch:
        if prepared.row["source_lang"] in KEPT_LANGS:
            prepared.row["status"] = "approved"
    now = utcnow()
    segments = [_segment_rows(prepared, now) for prepared in batch]
    precounted = session.get_bind().dialect.name == "postgresql"  # SQLite's triggers count each row
    if precounted:
        for prepared, rows in zip(batch, segments, strict=True):
            precount(prepared.row, rows)
    # Plain multi-row INSERTs (executemany), then the new ids by the uniquely indexed hash: SQLite
    # cannot return ids of a many-row INSERT in order and would run one statement per row.
    session.execute(insert(Document), [p.row for p in batch])
    hashes = [p.row["content_hash"] for p in batch]
    found = session.execute(
        select(Document.id, Document.content_hash).where(col(Document.content_hash).in_(hashes))
    )
    by_hash = {digest: doc_id for doc_id, digest in found}
    ids = [by_hash[digest] for digest in hashes]
    if precounted:
        mark_precounted(session, ids)
    plain: list[dict[str, Any]] = []
    kept: list[dict[str, Any]] = []
    for doc_id, prepared, rows in zip(ids, batch, segments, strict=True):
        for seg in rows:
            seg["document_id"] = doc_id
        (kept if prepared.row["source_lang"] in KEPT_LANGS else plain).extend(rows)
    if plain:
        session.execute(insert(Segment), plain)
    if kept:
        session.execute(insert(Segment), kept)
        # The ingest revisions, keyed by the new segments' ids (document, position is unique).
        kept_ids = {row["document_id"] for row in kept}
        found = session.execute(
            select(Segment.id, Segment.document_id, Segment.position).where(
                col(Segment.document_id).in_(kept_ids)
            )
        )
        seg_ids = {(doc_id, pos): seg_id for seg_id, doc_id, pos in found}
        revisions = [
            {
                "segment_id": seg_ids[(row["document_id"], row["position"])],
                "version": 1,
                "kind": "ingest",
                "text": row["source_text"],
                "user": row["updated_by"],
                "created_at": now,
            }
            for row in kept
        ]
        session.execute(insert(Revision), revisions)
    return ids


def store(session: Session, prepared: Prepared) -> IngestOutcome:
    """Insert and commit one document; when a concurrent ingest stored it first, that document."""
    try:
        (doc_id,) = insert_documents(session, [prepared])
        session.commit()
    except IntegrityError:  # the same URL or text stored meanwhile by a concurrent ingest
        session.rollback()
        found = find_existing(
            session, url_key=prepared.row["source_url_key"], digest=prepared.row["content_hash"]
        )
        if found is None:
            raise
        return IngestOutcome(found, False)
    doc = session.get(Document, doc_id)
    assert doc is not None  # committed by this session just now
    return IngestOutcome(doc, True)
