"""Approving every edited segment of a document at once: one transaction, one revision each."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, insert, tuple_, update
from sqlmodel import Session, col, select

from app.documents.counters import settle_counters
from app.documents.quality import TermCache, has_errors, issues_for
from app.documents.reading import document_public, get_document
from app.models import DocumentPublic, Revision, Segment, SegmentStatus, User, utcnow
from app.review.cas import update_returning
from app.review.memory import approved as after_approval

# Segments approved per UPDATE: keeps the (id, version) pairs well under every database's limit
# on bound parameters, so a document of any length costs a handful of statements.
BATCH = 500


def _approve(
    *, session: Session, pairs: Sequence[tuple[int, int]], user: User, now: datetime
) -> Sequence[Row]:
    """Approve segments still edited at the version they were read at; (id, version, text) of each."""
    at_read_version = tuple_(col(Segment.id), col(Segment.version)).in_(pairs)
    stmt = (
        update(Segment)
        .where(at_read_version, col(Segment.status) == SegmentStatus.edited)
        .values(
            status=SegmentStatus.approved,
            error=None,
            version=col(Segment.version) + 1,
            updated_at=now,
            updated_by=user.username,
        )
        .execution_options(synchronize_session=False)
    )
    written = [
        tuple_(col(Segment.id), col(Segment.version)).in_([(sid, v + 1) for sid, v in pairs]),
        col(Segment.status) == SegmentStatus.approved,
    ]
    columns = [col(Segment.id), col(Segment.version), col(Segment.target_text)]
    return update_returning(session=session, stmt=stmt, columns=columns, written=written)


def approve_edited_segments(*, session: Session, document_id: int, user: User) -> DocumentPublic:
    """Approve a document's edited segments that have German text; the document as committed.

    A segment another request is writing right now (its row is locked) is left for a human look,
    as is one changed after it was read: the UPDATE matches each segment's id and version. So is
    one whose QA finds errors: that needs a one-by-one approval with a reason.
    """
    get_document(session=session, document_id=document_id)
    candidates = session.exec(
        select(Segment.id, Segment.version, Segment.target_text, Segment.source_text, Segment.source_lang)
        .where(col(Segment.document_id) == document_id, col(Segment.status) == SegmentStatus.edited)
        .order_by(col(Segment.id))
        .with_for_update(skip_locked=True, key_share=True)
    ).all()
    terms = TermCache(session)
    ready = [
        (sid, version)
        for sid, version, text, source, lang in candidates
        if (text or "").strip()
        and not has_errors(issues_for(source=source, target=text, source_lang=lang, terms=terms(lang)))
    ]
    now, approved = utcnow(), []
    for start in range(0, len(ready), BATCH):
        approved += _approve(session=session, pairs=ready[start : start + BATCH], user=user, now=now)
    if approved:
        revisions = [
            dict(segment_id=sid, version=v, kind="approve", text=text, user=user.username, created_at=now)
            for sid, v, text in approved
        ]
        session.exec(insert(Revision), params=revisions)  # type: ignore[call-overload]
        ids = [sid for sid, _, _ in approved]
        after_approval(session=session, segment_ids=ids, user=user.username, at=now)
    settle_counters(session=session)  # the counters and status the triggers derive, before the answer
    session.expire_all()  # what this transaction wrote, read back before it commits
    answer = document_public(session=session, doc=get_document(session=session, document_id=document_id))
    session.commit()
    return answer
