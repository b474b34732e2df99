"""What an approval leaves behind beside the segment: its memory unit and its post-edit figures."""

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session

from app.memory.units import forget_segments, remember_segments
from app.stats.postedit import forget_post_edits, record_post_edits

CHUNK = 500  # segments per statement group: bound parameters stay under every database's limit


def approved(*, session: Session, segment_ids: Iterable[int], user: str, at: datetime) -> None:
    """Just approved (in the caller's transaction): remember the translations, score the drafts."""
    ids = list(segment_ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        remember_segments(session=session, segment_ids=chunk, user=user, at=at)
        record_post_edits(session=session, segment_ids=chunk, user=user, at=at)


def reopened(*, session: Session, segment_ids: Iterable[int]) -> None:
    """Back in review: the memory forgets the text and the approval's figures no longer count."""
    ids = list(segment_ids)
    forget_segments(session=session, segment_ids=ids)
    forget_post_edits(session=session, segment_ids=ids)


def after_write(*, session: Session, kind: str, segment_id: int, user: str, at: datetime) -> None:
    """The hook of a single-segment write (approve, reopen; other kinds leave nothing behind)."""
    if kind == "approve":
        approved(session=session, segment_ids=[segment_id], user=user, at=at)
    elif kind == "reopen":
        reopened(session=session, segment_ids=[segment_id])
