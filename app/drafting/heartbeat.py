"""Heartbeats of running jobs: one timer thread per process moves every claimed job's heartbeat."""

import logging
import os
import threading
import time
from types import TracebackType

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.drafting.claims import JobLost, heartbeat_interval, owned
from app.models import TranslationJob, utcnow

log = logging.getLogger("werkbank.jobs")


class Heartbeat:
    """Moves a claimed job's heartbeat on a timer, in its own connection, until closed.

    `lost` is set when the claim has ended under it (the job was taken over after a stall, or
    settled elsewhere); the runner then stops calling the engine. The timer is the process's one
    heartbeat thread, started once: a job starts and ends without a thread of its own to start and
    join, which on a busy machine costs a wait for the scheduler each time.
    """

    def __init__(self, engine: Engine, job_id: int, attempt: int) -> None:
        self.engine, self.job_id, self.attempt = engine, job_id, attempt
        self.interval = heartbeat_interval()
        self.lost = threading.Event()
        self.due = 0.0  # monotonic time of the next beat (kept by the timer)
        self._lock = threading.Lock()  # held during a beat: closing waits for one under way
        self._closed = False

    def __enter__(self) -> "Heartbeat":
        _timer().add(self)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        _timer().discard(self)
        with self._lock:  # no beat of this claim lands after it is closed (e.g. after let_go)
            self._closed = True

    def check(self) -> None:
        """Raise JobLost when the claim has ended."""
        if self.lost.is_set():
            raise JobLost(f"job {self.job_id} is no longer this worker's")

    def beat(self) -> bool:
        """Move the heartbeat once; False when the claim has ended (or this heartbeat is closed)."""
        with self._lock:
            if self._closed:
                return False
            try:
                with Session(self.engine) as session:
                    stmt = update(TranslationJob).where(*owned(self.job_id, self.attempt))
                    moved = session.exec(stmt.values(heartbeat_at=utcnow())).rowcount  # type: ignore[attr-defined]
                    session.commit()
            except Exception:  # noqa: BLE001 - a database hiccup: try again at the next tick
                log.warning("Heartbeat of job %s failed", self.job_id, exc_info=True)
                return True
            if moved != 1:
                self.lost.set()
            return moved == 1


class _Timer:
    """The process's heartbeat thread: sleeps until the next heartbeat is due, then moves it."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.beats: set[Heartbeat] = set()
        self.thread: threading.Thread | None = None
        self.wakes = 0.0  # when the thread wakes up next by itself (monotonic)

    def add(self, beat: Heartbeat) -> None:
        with self.cond:
            beat.due = time.monotonic() + beat.interval
            self.beats.add(beat)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="job-heartbeats", daemon=True)
                self.thread.start()
            elif beat.due < self.wakes:  # else it wakes in time anyway: no hand-off to it now
                self.cond.notify()

    def discard(self, beat: Heartbeat) -> None:
        with self.cond:
            self.beats.discard(beat)

    def _due(self) -> list[Heartbeat]:
        """Wait until some heartbeats are due; those, with their next time set."""
        with self.cond:
            while True:
                now = time.monotonic()
                due = [b for b in self.beats if b.due <= now]
                if due:
                    for beat in due:
                        beat.due = now + beat.interval
                    return due
                # Idle, it looks again after the shortest interval, so a new job never needs a wake-up.
                self.wakes = min((b.due for b in self.beats), default=now + heartbeat_interval())
                self.cond.wait(self.wakes - now)

    def _run(self) -> None:
        while True:
            for beat in self._due():
                if not beat.beat():
                    self.discard(beat)


_TIMER = _Timer()


def _timer() -> _Timer:
    return _TIMER


def _fresh_timer_in_child() -> None:
    """A forked process has none of its parent's threads (nor a usable copy of their lock)."""
    global _TIMER
    _TIMER = _Timer()


os.register_at_fork(after_in_child=_fresh_timer_in_child)
