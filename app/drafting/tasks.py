"""Huey tasks: the queue-facing side of translation jobs."""

from sqlmodel import Session

from app.db import get_engine
from app.queue import huey


@huey.task(retries=2, retry_delay=5)
def run_translation_job(job_id: int) -> None:
    """Run (or resume) one translation job."""
    from app.drafting.runner import run_job

    with Session(get_engine()) as session:
        run_job(session=session, job_id=job_id)


def enqueue_job(job_id: int) -> None:
    """Put a job on the queue."""
    run_translation_job(job_id)


def recover_jobs(*, stale_after: float) -> list[int]:
    """Re-queue jobs whose worker died mid-run."""
    from app.drafting.jobs import stale_jobs

    with Session(get_engine()) as session:
        ids = stale_jobs(session=session, stale_after=stale_after)
    for job_id in ids:
        enqueue_job(job_id)
    return ids
