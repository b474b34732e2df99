"""SQLite's writers in one process queue on a lock that the committing writer releases at once.

SQLite lets one connection write at a time; a second writer waits in SQLite's busy handler, which
sleeps and polls (1, 2, 5 … up to 100 ms between tries). Under a burst of edits most of a PATCH's
time was that sleep: the file was free while the waiters slept, and whoever woke first won, so
the slowest edits waited several polls. Here a connection takes its database's process-wide lock
before its first write statement and gives it back when its transaction ends (commit, rollback,
close, or a statement that left no transaction open), so the next writer starts the moment the
last one commits. Readers never take it: WAL readers do not wait for writers. Other processes
(a CLI command beside `serve`) still meet SQLite's busy handler, as before.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading

_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|BEGIN\s+(IMMEDIATE|EXCLUSIVE))\b", re.IGNORECASE)
_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()
WAIT_SECONDS = 30.0  # then write anyway and let SQLite's own busy timeout decide


def writer_lock(database: str) -> threading.Lock | None:
    """The process-wide writer lock of a database file; None for in-memory databases."""
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    key = os.path.realpath(database)
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(key, threading.Lock())


class QueuedWriterConnection(sqlite3.Connection):
    """A sqlite3 connection whose write transactions hold the database's writer lock."""

    def __init__(self, database, *args, **kwargs) -> None:  # noqa: ANN001 - sqlite3's signature
        super().__init__(database, *args, **kwargs)
        self._writer = writer_lock(os.fspath(database))
        self._holding = False

    def cursor(self, factory=None):  # noqa: ANN001, ANN201 - sqlite3's signature
        return super().cursor(factory or QueuedWriterCursor)

    def take(self, sql: str) -> None:
        """Wait for the writer lock before the first write statement of a transaction."""
        if self._writer is not None and not self._holding and _WRITES.match(sql):
            self._holding = self._writer.acquire(timeout=WAIT_SECONDS)

    def settle(self) -> None:
        """Give the lock back once no transaction is open any more."""
        if self._holding and not self.in_transaction:
            self._holding = False
            self._writer.release()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self.settle()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.settle()

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self._holding:
                self._holding = False
                self._writer.release()


class QueuedWriterCursor(sqlite3.Cursor):
    """Cursor of a QueuedWriterConnection: statements that write wait for the writer lock."""

    def execute(self, sql, parameters=(), /):  # noqa: ANN001, ANN201 - sqlite3's signature
        self.connection.take(sql)
        try:
            return super().execute(sql, parameters)
        finally:
            self.connection.settle()

    def executemany(self, sql, seq_of_parameters, /):  # noqa: ANN001, ANN201 - sqlite3's signature
        self.connection.take(sql)
        try:
            return super().executemany(sql, seq_of_parameters)
        finally:
            self.connection.settle()
