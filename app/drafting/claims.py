"""Which worker runs a job: the compare-and-set claim, the heartbeat interval, letting go."""

import os
import socket
from datetime import datetime, timedelta

from sqlalchemy import and_, func, literal, or_, update
from sqlmodel import Session, col

from app.config import get_settings
from app.models import JobStatus, TranslationJob, utcnow
from app.models.types import UTCDateTime

# A working job's heartbeat moves at least this often (more often when the stale limit is short),
# so it is never mistaken for a dead worker's job however long one engine call takes.
HEARTBEAT_SECONDS = 5.0


class JobLost(Exception):
    """This worker's claim on a job ended: another worker took it over, or it was settled."""


def worker_id() -> str:
    """Host and process that run a job (asked at claim time, so a forked process names itself)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def stale_cutoff() -> datetime:
    """Heartbeats older than this belong to a worker presumed dead (WERKBANK_JOB_STALE_SECONDS)."""
    return utcnow() - timedelta(seconds=get_settings().job_stale_seconds)


def heartbeat_interval() -> float:
    """Seconds between heartbeats: a few, and well under the stale limit."""
    return min(HEARTBEAT_SECONDS, get_settings().job_stale_seconds / 4)


def stale(cutoff: datetime):  # noqa: ANN201 - SQL expression
    """A running job whose heartbeat stopped before `cutoff` (or never started)."""
    beat = col(TranslationJob.heartbeat_at)
    return and_(col(TranslationJob.status) == JobStatus.running, or_(beat.is_(None), beat < cutoff))


def owned(job_id: int, attempt: int) -> tuple:
    """The job is still running under this claim (`attempts` counts claims, so it names one)."""
    return (
        col(TranslationJob.id) == job_id,
        col(TranslationJob.status) == JobStatus.running,
        col(TranslationJob.attempts) == attempt,
    )


def claim(session: Session, job_id: int) -> TranslationJob | None:
    """Take a queued job, or a running one whose heartbeat is stale; None if another worker has it.

    One UPDATE compares and sets, and returns the row it wrote: of two workers racing for one
    job exactly one gets a row back.
    """
    now = utcnow()
    stmt = (
        update(TranslationJob)
        .where(
            col(TranslationJob.id) == job_id,
            or_(col(TranslationJob.status) == JobStatus.queued, stale(stale_cutoff())),
        )
        .values(
            status=JobStatus.running,
            heartbeat_at=now,
            attempts=TranslationJob.attempts + 1,
            worker=worker_id(),
            started_at=func.coalesce(TranslationJob.started_at, literal(now, UTCDateTime())),
        )
        .returning(TranslationJob)
        .execution_options(populate_existing=True)
    )
    job = session.scalars(stmt).first()
    if job is not None:
        session.expunge(job)  # keeps what this claim wrote (`attempts` names it); a commit would expire it
    session.commit()
    return job


def let_go(session: Session, job_id: int, attempt: int) -> None:
    """Mark the heartbeat stale at once, so a retry or the next recovery takes the job over now."""
    session.rollback()
    session.exec(update(TranslationJob).where(*owned(job_id, attempt)).values(heartbeat_at=None))
    session.commit()
