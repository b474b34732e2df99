"""Match lists on the job queue: a task stores the lists of some documents (app.memory.warm).

Best effort all the way: putting the task on the queue never fails the caller (ingest, a draft job,
a TMX import, a document read that found lists missing), and a task that fails is logged — the
editor's next read queues it again, and GET /api/segments/{id}/matches computes what it asks for.
A read queues its document at most once at a time: a mark in the queue's storage (shared by every
process on the queue) is set when the task is queued and cleared when it has run.
"""

import logging
import threading
import time
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
_warm_tasks: WeakKeyDictionary[Huey, tuple[TaskWrapper, TaskWrapper, TaskWrapper]] = WeakKeyDictionary()
MARK_SECONDS = 600  # a mark older than this is a task lost (its worker stopped): queued again


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


def _mark(document_id: int) -> str:
    return f"werkbank.memory.warm.{document_id}"


def warm_read_task(document_id: int) -> None:
    """A read's request for a document's lists: stored as warm_documents_task stores them, then the
    document's mark is cleared (a read after that queues it again if lists are still missing)."""
    try:
        warm_documents_task([document_id])
    finally:
        get_huey().delete(_mark(document_id))


def register_memory_tasks(huey: Huey) -> tuple[TaskWrapper, TaskWrapper, TaskWrapper]:
    """Register the tasks on `huey` once (producer and consumers must): documents, open documents, a
    read's document."""
    with _lock:
        tasks = _warm_tasks.get(huey)
        if tasks is None:
            tasks = _warm_tasks[huey] = (
                huey.task()(warm_documents_task),
                huey.task()(warm_open_documents_task),
                huey.task()(warm_read_task),
            )
    return tasks


def _marked(huey: Huey, key: str) -> bool:
    """Whether the document's task is queued or running already; else mark it (atomically)."""
    if huey.put_if_empty(key, time.time()):
        return False
    since = huey.get(key, peek=True)
    if since is not None and time.time() - since < MARK_SECONDS:
        return True
    huey.put(key, time.time())  # a lost task's mark: two readers may both queue it, which is harmless
    return False


def warm_soon(document_id: int) -> None:
    """Queue computing and storing the lists of a document a read found without some, unless that is
    queued or running already (whatever WERKBANK_TM_PRECOMPUTE says: the read asked); never raises."""
    key = _mark(document_id)
    try:
        huey = get_huey()
        task = register_memory_tasks(huey)[2]
        if not _marked(huey, key):
            task(document_id)
    except Exception:  # noqa: BLE001 - a queue that is down must not fail a read
        log.warning("Match lists of document %s not queued", document_id, exc_info=True)


def warm_later(document_ids: Iterable[int]) -> None:
    """Queue the lists of these documents to be computed and stored; never raises (a read queues them)."""
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
