"""Huey tasks: the queue-facing side of translation jobs, registered onto a queue by register_tasks()."""

import threading
from weakref import WeakKeyDictionary

from huey import Huey, crontab
from huey.api import TaskWrapper
from sqlmodel import Session

from app.db import get_engine
from app.queue import get_huey

_lock = threading.Lock()
_job_tasks: WeakKeyDictionary[Huey, TaskWrapper] = WeakKeyDictionary()


def run_translation_job(job_id: int) -> None:
    """Run (or resume) one translation job."""
    from app.drafting.runner import run_job
    from app.memory.tasks import warm_later

    with Session(get_engine()) as session:
        job = run_job(session=session, job_id=job_id)
    if job is not None:  # its document is open in the editor next: its lists brought up to date
        warm_later([job.document_id])


def recover_stale_jobs() -> list[int]:
    """Re-queue running jobs whose heartbeat is stale (their worker died); a live worker's job stays."""
    from app.drafting.jobs import stale_jobs

    with Session(get_engine()) as session:
        ids = stale_jobs(session=session)
    for job_id in ids:
        enqueue_job(job_id)
    return ids


def register_tasks(huey: Huey) -> TaskWrapper:
    """Register the job task (and the recovery every minute) on `huey` once; producer and consumers must."""
    with _lock:
        task = _job_tasks.get(huey)
        if task is None:
            # Registered under the module-qualified function name, as the @huey.task decorator did.
            task = _job_tasks[huey] = huey.task(retries=2, retry_delay=5)(run_translation_job)
            # A job whose worker died after the last start-up recovery is picked up within a
            # minute of going stale, without waiting for the next restart.
            huey.periodic_task(crontab())(recover_stale_jobs)
    return task


def enqueue_job(job_id: int) -> None:
    """Put a job on the process-wide queue."""
    register_tasks(get_huey())(job_id)
