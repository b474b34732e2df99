"""Per-document counters (segments by status, words) and the document status derived from them.

The counters are columns of `document`, kept by database triggers (migration 0008) by delta in
the transaction of every segment write: ingest, edits, approvals, drafts, deletes. The status is
derived from them and the document's active jobs, by those triggers when a segment changes and by
`refresh_status` when a job starts or ends. `recount` rebuilds everything from the segments.
"""

from collections import Counter
from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, text, update
from sqlmodel import Session, col, select

from app.models import Document, DocumentStatus, JobStatus, Segment, SegmentStatus, TranslationJob, utcnow

STATUS_COUNTERS = {status: f"segments_{status.value}" for status in SegmentStatus}
COUNTERS = ("segments_total", *STATUS_COUNTERS.values(), "words")


def words_of(text: ColumnElement[str]) -> ColumnElement[int]:
    """Whitespace-separated words of a stored segment (stored collapsed: words = spaces + 1)."""
    spaces = func.length(text) - func.length(func.replace(text, " ", ""))
    return case((text == "", 0), else_=spaces + 1)


def derived_status() -> ColumnElement[str]:
    """The status rule over a document row's counters and its active jobs.

    All segments approved (or removed from the source by a refetch) → approved; else an active
    job → translating; else any segment past new → in_review; else ingested. The triggers of
    migration 0008 spell the same rule in SQL.
    """
    active = select(TranslationJob.id).where(
        col(TranslationJob.document_id) == Document.id,
        col(TranslationJob.status).in_([JobStatus.queued, JobStatus.running]),
    )
    total = col(Document.segments_total)
    return case(
        (
            and_(total > 0, col(Document.segments_approved) + col(Document.segments_source_removed) == total),
            DocumentStatus.approved.value,
        ),
        (active.exists(), DocumentStatus.translating.value),
        (total > col(Document.segments_new), DocumentStatus.in_review.value),
        else_=DocumentStatus.ingested.value,
    )


def refresh_status(*, session: Session, document_id: int) -> None:
    """Derive the document's status after a job was created or settled, in the caller's transaction.

    The document row is locked first (FOR NO KEY UPDATE on PostgreSQL; SQLite lets one writer in
    at a time), then one statement derives the status from the counters and the active jobs. That
    statement sees every transaction that committed before the lock was granted.
    """
    lock = select(Document.id).where(col(Document.id) == document_id).with_for_update(key_share=True)
    session.exec(lock).first()
    status = derived_status()
    session.exec(
        update(Document)
        .where(col(Document.id) == document_id, col(Document.status) != status)
        .values(status=status, updated_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )


def counted() -> dict[str, ColumnElement]:
    """Each counter as a correlated count over the segments, for an UPDATE of `document`."""

    def over(expr: ColumnElement[int]) -> ColumnElement[int]:
        return (
            select(func.coalesce(func.sum(expr), 0))
            .where(col(Segment.document_id) == Document.id)
            .scalar_subquery()
        )

    values: dict[str, ColumnElement] = {"segments_total": over(case((col(Segment.id).is_not(None), 1)))}
    for status, name in STATUS_COUNTERS.items():
        values[name] = over(case((col(Segment.status) == status.value, 1), else_=0))
    values["words"] = over(words_of(col(Segment.source_text)))
    return values


def recount(*, session: Session, batch: int = 500, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild every document's counters and status from its segments, in batches; documents done."""
    ids = list(session.exec(select(Document.id).order_by(col(Document.id))))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        where = col(Document.id).in_(chunk)
        session.exec(update(Document).where(where).values(**counted()))
        status = derived_status()
        session.exec(
            update(Document)
            .where(where, col(Document.status) != status)
            .values(status=status, updated_at=utcnow())
        )
        session.commit()
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    return len(ids)


def settle_counters(*, session: Session) -> None:
    """Apply this transaction's pending counter updates now, so it can read its own counts.

    PostgreSQL defers the counter trigger to COMMIT (migration 0008); SQLite applies it at once.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.exec(text("SET CONSTRAINTS segment_counts IMMEDIATE"))  # type: ignore[call-overload]


def precount(row: dict[str, Any], segments: list[dict[str, Any]]) -> None:
    """Write a new document's counters and status into its row, from the segment rows it will get.

    The same rules as the trigger and `recount`: words are spaces + 1 of each (collapsed) text,
    the status is derived as `derived_status` derives it for a document with no job yet. With no
    segment the row keeps the status ingest gave it, as the trigger (which never fires) would.
    """
    by_status = Counter(seg["status"] for seg in segments)
    total, new = len(segments), by_status[SegmentStatus.new.value]
    row["segments_total"] = total
    for status, name in STATUS_COUNTERS.items():
        row[name] = by_status[status.value]
    row["words"] = sum(seg["source_text"].count(" ") + 1 for seg in segments if seg["source_text"])
    if not total:
        return
    done = by_status[SegmentStatus.approved.value] + by_status[SegmentStatus.source_removed.value]
    status = DocumentStatus.approved if done == total else DocumentStatus.in_review if total > new else None
    row["status"] = (status or DocumentStatus.ingested).value


def mark_precounted(session: Session, document_ids: list[int]) -> None:
    """Tell PostgreSQL's counter trigger that these new documents' segments are counted already.

    A transaction setting (migration 0015), added to for every batch of the transaction; the
    deferred trigger reads it at COMMIT and skips the INSERT of their segments. The transaction must
    insert these documents' segments only through ingest (`app.ingest.store.insert_documents`).
    """
    ids = ",".join(str(i) for i in document_ids)
    session.exec(  # type: ignore[call-overload]
        text(
            "SELECT set_config('werkbank.precounted', "
            "coalesce(current_setting('werkbank.precounted', true), '') || ',' || :ids, true)"
        ).bindparams(ids=ids)
    )
