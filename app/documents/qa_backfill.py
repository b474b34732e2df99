"""QA of rows from before QA existed (migration 0011): filled in after an upgrade, in the background.

A segment with a German text and no stored issues (`qa IS NULL`) comes from before 0011: every text
written since stores its issues in the same statement. A read of such a segment computes and stores
them itself (app.documents.quality.fill_missing), which costs the read its QA checks; so the upgrade
hands the whole backlog to one background task (serve) or does it at once with a progress bar
(`werkbank db upgrade`, `werkbank qa backfill`). Segments without a German text have nothing to check
and stay NULL (a read shows them without issues).
"""

import logging
from collections.abc import Callable

from huey import Huey
from huey.api import TaskWrapper
from sqlalchemy import ColumnElement, and_, func
from sqlmodel import Session, col, select

from app.documents.quality import check_text, store_issues
from app.models import Segment

log = logging.getLogger("werkbank.qa")
# The rows the partial index ix_segment_qa_missing holds (migration 0018): spelled alike here and there.
MISSING: ColumnElement[bool] = and_(col(Segment.qa).is_(None), col(Segment.target_text).is_not(None))


def has_missing(*, session: Session) -> bool:
    """Whether any segment still lacks its QA (one probe of the partial index)."""
    return session.exec(select(col(Segment.id)).where(MISSING).limit(1)).first() is not None


def backfill(
    *, session: Session, batch: int = 200, progress: Callable[[int, int], None] | None = None
) -> int:
    """Compute and store the QA of every segment that has a German text and no QA yet.

    Committed per batch, so a large database shows progress and an interruption keeps what was done;
    a row edited meanwhile keeps what its edit stored (the write is guarded by the row's version).
    Returns how many segments were filled in; progress(done, total) is called after each batch.
    """
    total = session.exec(select(func.count()).select_from(Segment).where(MISSING)).one()
    done, after = 0, 0
    while True:
        rows = session.exec(
            select(Segment).where(MISSING, col(Segment.id) > after).order_by(col(Segment.id)).limit(batch)
        ).all()
        if not rows:
            return done
        for seg in rows:
            store_issues(session, seg, check_text(session=session, segment=seg, target=seg.target_text))
        after, done = rows[-1].id, done + len(rows)
        session.commit()
        if progress:
            progress(done, total)


def backfill_task() -> None:
    """The background run, progress in the log. Two servers started at once may both run it: each
    batch's writes are guarded by the rows' versions and store the same issues, so nothing is lost."""
    from app.db import get_engine

    with Session(get_engine()) as session:
        filled = backfill(
            session=session,
            progress=lambda done, total: log.info("QA backfill: %d of %d segments", done, total),
        )
    log.info("QA backfill done: %d segment(s)", filled)


def register_backfill_task(huey: Huey) -> TaskWrapper:
    """Register the task on `huey` (producer and consumers must), once per huey instance."""
    known = getattr(huey, "_werkbank_qa_backfill", None)
    if known is None:
        known = huey.task()(backfill_task)
        huey._werkbank_qa_backfill = known  # type: ignore[attr-defined]
    return known


def backfill_later(*, session: Session, huey: Huey) -> bool:
    """Queue the backfill when rows lack their QA; True when it was queued. Never raises."""
    try:
        if not has_missing(session=session):
            return False
        register_backfill_task(huey)()
    except Exception:  # noqa: BLE001 - reads compute what the backfill has not reached
        log.warning("QA backfill not queued", exc_info=True)
        return False
    return True
