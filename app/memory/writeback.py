"""Merged match lists stored after the read that merged them, by one writer thread per process.

A read that only merged units written since (app.memory.reading) answers at once and hands its document
here; the writer merges and stores the lists as a read would (app.memory.warm), in its own transaction.
Best effort, as the lists are: a write that fails, or never runs (the process ends), leaves the next
read merging again. Not the job queue: enqueueing on the SQLite queue syncs its file to disk, which cost
a merging read more than the write it saves, and a write-back needs no durability.
"""

import logging
import queue
import threading

from sqlmodel import Session

from app.config import get_settings
from app.db import get_engine

log = logging.getLogger("werkbank.memory")
_todo: queue.Queue[int] = queue.Queue()
_queued: set[int] = set()  # documents waiting: a second read before the write queues nothing more
_lock = threading.Lock()
_writer: threading.Thread | None = None


def store_later(document_id: int) -> None:
    """Have this document's lists merged and stored in the background (never raises)."""
    global _writer
    with _lock:
        if document_id in _queued:
            return
        _queued.add(document_id)
        if _writer is None or not _writer.is_alive():
            _writer = threading.Thread(target=_run, name="werkbank-match-writer", daemon=True)
            _writer.start()
    _todo.put(document_id)


def _run() -> None:
    while True:
        document_id = _todo.get()
        with _lock:
            _queued.discard(document_id)
        try:
            _store(document_id)
        except Exception:  # noqa: BLE001 - the next read merges again
            log.warning("Merged match lists of document %s not stored", document_id, exc_info=True)
        finally:
            _todo.task_done()


def _store(document_id: int) -> None:
    from app.memory.warm import warm_document

    with Session(get_engine()) as session:
        warm_document(session=session, document_id=document_id, min_score=get_settings().tm_min_score)


def drain() -> None:
    """Wait until every document handed over so far is written (tests, shutdown)."""
    _todo.join()
