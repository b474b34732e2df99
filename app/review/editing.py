"""Human review of segments: edit, approve, reopen, revert — each a versioned revision."""

from sqlmodel import Session, col, select

from app.documents.quality import check_text, has_errors
from app.errors import Conflict, InvalidInput, NotFound, QAErrors, ReasonRequired
from app.models import (
    Revision,
    RevisionPublic,
    Segment,
    SegmentPublic,
    SegmentStatus,
    User,
    utcnow,
)
from app.review.cas import update_returning
from app.review.memory import after_write
from app.text.normalize import normalize_text

SEGMENT, REVISION = Segment.__table__, Revision.__table__  # type: ignore[attr-defined]


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


def _conflict(*, session: Session, segment_id: int, version: int) -> Conflict:
    """The 409 for a stale version, carrying the segment as it is now."""
    session.rollback()
    current = get_segment(session=session, segment_id=segment_id)
    session.refresh(current)
    return Conflict(
        f"Segment changed meanwhile (you had version {version}, it is at {current.version})",
        code="version_conflict",
        current=SegmentPublic.model_validate(current).model_dump(mode="json"),
    )


def _write(
    *,
    session: Session,
    seg: Segment,
    version: int,
    user: User,
    kind: str,
    values: dict,
    reason: str | None = None,
) -> SegmentPublic:
    """Compare-and-set on version, answered with the row it wrote; a stale version is a 409.

    The checks the callers made were made on `seg` as read; the write only goes through while the
    segment is still at that version, so they hold for what is written. QA is recomputed for the
    text being written (every edit, revert, approval and reopen).
    """
    if version != seg.version:
        raise _conflict(session=session, segment_id=seg.id, version=version)
    if "qa" not in values:
        values["qa"] = check_text(
            session=session, segment=seg, target=values.get("target_text", seg.target_text)
        )
    # Core statements on the table: the ORM's bulk UPDATE and unit of work cost more CPU than the
    # SQL (a third of a save's); `seg` is expired instead of synchronized.
    stmt = (
        SEGMENT.update()
        .where(SEGMENT.c.id == seg.id, SEGMENT.c.version == version)
        .values(**values, version=version + 1, updated_at=utcnow(), updated_by=user.username)
    )
    rows = update_returning(
        session=session,
        stmt=stmt,
        columns=list(SEGMENT.columns),
        written=[SEGMENT.c.id == seg.id, SEGMENT.c.version == version + 1],
    )
    if not rows:
        raise _conflict(session=session, segment_id=seg.id, version=version)
    session.expire(seg)
    written = SegmentPublic.model_validate(rows[0]._asdict())
    revision = REVISION.insert().values(
        segment_id=written.id, version=written.version, kind=kind, text=written.target_text
    )
    session.connection().execute(revision.values(user=user.username, reason=reason, created_at=utcnow()))
    after_write(session=session, kind=kind, segment_id=written.id, user=user.username, at=written.updated_at)
    session.commit()  # the document's counters and status follow by trigger (migration 0008)
    return written


def edit_segment(
    *, session: Session, segment_id: int, target_text: str, version: int, user: User
) -> SegmentPublic:
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


def approve_segment(
    *,
    session: Session,
    segment_id: int,
    version: int,
    user: User,
    force: bool = False,
    reason: str | None = None,
) -> SegmentPublic:
    """Approve a segment whose German text is not empty; QA errors need force and a reason."""
    seg = get_segment(session=session, segment_id=segment_id)
    if not (seg.target_text or "").strip():
        raise InvalidInput("An empty translation cannot be approved", code="empty_target")
    if version != seg.version:
        raise _conflict(session=session, segment_id=seg.id, version=version)
    issues = check_text(session=session, segment=seg, target=seg.target_text)
    reason = (reason or "").strip() or None
    if has_errors(issues):
        errors = [i for i in issues if i["severity"] == "error"]
        if not force:
            raise QAErrors(f"QA found {len(errors)} error(s); approve with force and a reason", issues=errors)
        if reason is None:
            raise ReasonRequired("Say why the segment is approved despite its QA errors", issues=errors)
    return _write(
        session=session,
        seg=seg,
        version=version,
        user=user,
        kind="approve",
        values={"status": SegmentStatus.approved, "error": None, "qa": issues},
        reason=reason if force else None,
    )


def reopen_segment(*, session: Session, segment_id: int, version: int | None, user: User) -> SegmentPublic:
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
) -> SegmentPublic:
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


def revisions_of(
    *, session: Session, segment_id: int, after: int | None = None, limit: int | None = None
) -> list[RevisionPublic]:
    """A segment's revisions, oldest first; keyset-paged on the id (`after` the last one seen)."""
    get_segment(session=session, segment_id=segment_id)
    query = select(Revision).where(Revision.segment_id == segment_id)
    if after is not None:
        query = query.where(col(Revision.id) > after)
    query = query.order_by(col(Revision.id))
    rows = session.exec(query if limit is None else query.limit(limit))
    return [RevisionPublic.model_validate(r) for r in rows]
