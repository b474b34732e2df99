"""Human review of segments: edit, approve, reopen, revert — each a versioned revision."""

from sqlalchemy import update
from sqlmodel import Session, col, select

from app.documents.reading import document_public, get_document, refresh_status
from app.errors import Conflict, InvalidInput, NotFound
from app.models import (
    DocumentPublic,
    Revision,
    RevisionPublic,
    Segment,
    SegmentPublic,
    SegmentStatus,
    User,
    utcnow,
)
from app.text.normalize import normalize_text


def get_segment(*, session: Session, segment_id: int) -> Segment:
    """The segment, or 404."""
    seg = session.get(Segment, segment_id)
    if seg is None:
        raise NotFound(f"No segment {segment_id}", code="segment_not_found")
    return seg


def _unlocked(seg: Segment) -> Segment:
    """Approved segments are locked against edits until reopened."""
    if seg.status == SegmentStatus.approved:
        raise Conflict("Approved segments are locked; reopen it first", code="segment_approved")
    return seg


def _write(*, session: Session, seg: Segment, version: int, user: User, kind: str, values: dict) -> Segment:
    """Compare-and-set on version: a stale version is a 409 carrying the current segment."""
    now = utcnow()
    stmt = (
        update(Segment)
        .where(col(Segment.id) == seg.id, col(Segment.version) == version)
        .values(**values, version=version + 1, updated_at=now, updated_by=user.username)
    )
    if session.exec(stmt).rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        current = get_segment(session=session, segment_id=seg.id)
        session.refresh(current)
        raise Conflict(
            f"Segment changed meanwhile (you had version {version}, it is at {current.version})",
            code="version_conflict",
            current=SegmentPublic.model_validate(current).model_dump(mode="json"),
        )
    text = values.get("target_text", seg.target_text)
    session.add(Revision(segment_id=seg.id, version=version + 1, kind=kind, text=text, user=user.username))
    refresh_status(session=session, document_id=seg.document_id)
    session.commit()
    session.refresh(seg)
    return seg


def edit_segment(*, session: Session, segment_id: int, target_text: str, version: int, user: User) -> Segment:
    """Store the translator's German text; status becomes edited (approved segments are locked)."""
    seg = _unlocked(get_segment(session=session, segment_id=segment_id))
    text = normalize_text(target_text)
    return _write(
        session=session,
        seg=seg,
        version=version,
        user=user,
        kind="edit",
        values={"target_text": text, "status": SegmentStatus.edited, "error": None},
    )


def approve_segment(*, session: Session, segment_id: int, version: int, user: User) -> Segment:
    """Approve a segment whose German text is not empty."""
    seg = get_segment(session=session, segment_id=segment_id)
    if not (seg.target_text or "").strip():
        raise InvalidInput("An empty translation cannot be approved", code="empty_target")
    return _write(
        session=session,
        seg=seg,
        version=version,
        user=user,
        kind="approve",
        values={"status": SegmentStatus.approved, "error": None},
    )


def reopen_segment(*, session: Session, segment_id: int, version: int | None, user: User) -> Segment:
    """Take an approved segment back into review."""
    seg = get_segment(session=session, segment_id=segment_id)
    status = SegmentStatus.edited if seg.target_text else SegmentStatus.new
    return _write(
        session=session,
        seg=seg,
        version=seg.version if version is None else version,
        user=user,
        kind="reopen",
        values={"status": status},
    )


def revert_segment(
    *, session: Session, segment_id: int, revision_id: int, version: int, user: User
) -> Segment:
    """Make an earlier revision's text current again, as a new revision (approved segments are locked)."""
    seg = _unlocked(get_segment(session=session, segment_id=segment_id))
    rev = session.get(Revision, revision_id)
    if rev is None or rev.segment_id != seg.id:
        raise NotFound(f"No revision {revision_id} of segment {segment_id}", code="revision_not_found")
    return _write(
        session=session,
        seg=seg,
        version=version,
        user=user,
        kind="revert",
        values={"target_text": rev.text, "status": SegmentStatus.edited},
    )


def revisions_of(*, session: Session, segment_id: int) -> list[RevisionPublic]:
    """Every revision of a segment, oldest first."""
    get_segment(session=session, segment_id=segment_id)
    rows = session.exec(select(Revision).where(Revision.segment_id == segment_id).order_by(col(Revision.id)))
    return [RevisionPublic.model_validate(r) for r in rows]


def approve_all_edited(*, session: Session, document_id: int, user: User) -> int:
    """Approve every edited segment of a document that has German text; return how many."""
    rows = session.exec(
        select(Segment).where(Segment.document_id == document_id, Segment.status == SegmentStatus.edited)
    ).all()
    count = 0
    for seg in rows:
        if (seg.target_text or "").strip():
            try:
                approve_segment(session=session, segment_id=seg.id, version=seg.version, user=user)
                count += 1
            except Conflict:
                continue  # changed meanwhile: leave it for a human look
    return count


def approve_edited_segments(*, session: Session, document_id: int, user: User) -> DocumentPublic:
    """Approve a document's edited segments that have German text; the document as the API shows it."""
    get_document(session=session, document_id=document_id)
    approve_all_edited(session=session, document_id=document_id, user=user)
    return document_public(session=session, doc=get_document(session=session, document_id=document_id))
