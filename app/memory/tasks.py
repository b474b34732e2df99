"""Match lists on the job queue: a task stores the lists of some documents (app.memory.warm).

Best effort all the way: putting the task on the queue never fails the caller (ingest, a draft job,
a TMX import), and a task that fails is logged — the editor's next read computes what it lacks.
"""

import logging
import threading
from collections.abc import Iterable
from weakref import WeakKeyDictionary

from huey import Huey
from huey.api import TaskWrapper
from sqlmodel import Session

from app.config import get_settings
from app.db import get_engine
from app.queue import get_huey

log = logging.getLogger("werkbank.memory")
_lock = threading.Lock()
_warm_tasks: WeakKeyDictionary[Huey, tuple[TaskWrapper, TaskWrapper]] = WeakKeyDictionary()


def warm_documents_task(document_ids: list[int]) -> None:
    """Store the match lists of these documents, each in its own transaction; a failure is logged."""
    from app.memory.warm import warm_document

    min_score = get_settings().tm_min_score
    with Session(get_engine()) as session:
        for document_id in document_ids:
            try:
                warm_document(session=session, document_id=document_id, min_score=min_score)
            except Exception:  # noqa: BLE001 - a lookup failing leaves the read to compute it
                session.rollback()
                log.warning("Match lists of document %s not precomputed", document_id, exc_info=True)


def warm_open_documents_task() -> None:
    """Bring the lists of the documents being worked on up to date (after a TMX import)."""
    from app.memory.warm import open_documents

    with Session(get_engine()) as session:
        ids = open_documents(session=session)
    warm_documents_task(ids)


def register_memory_tasks(huey: Huey) -> tuple[TaskWrapper, TaskWrapper]:
    """Register the two tasks on `huey` once (producer and consumers must): documents, open documents."""
    with _lock:
        tasks = _warm_tasks.get(huey)
        if tasks is None:
            tasks = _warm_tasks[huey] = (
                huey.task()(warm_documents_task),
                huey.task()(warm_open_documents_task),
            )
    return tasks


def warm_later(document_ids: Iterable[int]) -> None:
    """Queue the lists of these documents to be computed and stored; never raises (the read computes)."""
    ids = sorted(set(document_ids))
    if not ids or not get_settings().tm_precompute:
        return
    try:
        register_memory_tasks(get_huey())[0](ids)
    except Exception:  # noqa: BLE001 - a queue that is down must not fail an ingest
        log.warning("Match lists of documents %s not queued", ids, exc_info=True)


def warm_open_later() -> None:
    """Queue bringing the documents being worked on up to date (after the memory grew a lot)."""
    if not get_settings().tm_precompute:
        return
    try:
        register_memory_tasks(get_huey())[1]()
    except Exception:  # noqa: BLE001 - as warm_later
        log.warning("Match lists of open documents not queued", exc_info=True)
