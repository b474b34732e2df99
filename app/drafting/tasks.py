"""Huey tasks: the queue-facing side of translation jobs, registered onto a queue by register_tasks()."""

import threading
from weakref import WeakKeyDictionary

from huey import Huey
from huey.api import TaskWrapper
from sqlmodel import Session

from app.db import get_engine
from app.queue import get_huey

_lock = threading.Lock()
_job_tasks: WeakKeyDictionary[Huey, TaskWrapper] = WeakKeyDictionary()


def run_translation_job(job_id: int) -> None:
    """Run (or resume) one translation job."""
    from app.drafting.runner import run_job

    with Session(get_engine()) as session:
        run_job(session=session, job_id=job_id)


def register_tasks(huey: Huey) -> TaskWrapper:
    """Register the job task on `huey` once; the producer and every consumer must have done so."""
    with _lock:
        task = _job_tasks.get(huey)
        if task is None:
            # Registered under the module-qualified function name, as the @huey.task decorator did.
            task = _job_tasks[huey] = huey.task(retries=2, retry_delay=5)(run_translation_job)
    return task


def enqueue_job(job_id: int) -> None:
    """Put a job on the process-wide queue."""
    register_tasks(get_huey())(job_id)
