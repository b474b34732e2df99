"""A small process pool for ingest's CPU-bound work, so the server's event loop keeps the GIL.

Children are spawned (not forked: a fork would copy the server's memory and its open database
connections) and import only app.ingest.work. Sized by `ingest_processes` (0: work in the calling
thread). A pool that cannot start or breaks is dropped and the work runs here instead. The
children run at a lower CPU priority (`ingest_nice`): on two cores a bulk ingest's detection
would otherwise take turns with the server's event loop, and `/api/health` or an editor's save
would wait for a time slice behind it.
"""

import logging
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from app.ingest.work import Source, Worked, warm, work_many

log = logging.getLogger(__name__)
Results = list[Worked | Exception]
CHUNK = 10  # sources per task: fewer round trips, and a batch still spreads over the workers

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_shape = (0, 0)  # the pool's size and niceness


def start_child(nice: int) -> None:
    """A child's initializer: lower its priority by `nice`, then load the detection model."""
    if nice and hasattr(os, "nice"):
        os.nice(nice)
    warm()


def _get(size: int, nice: int) -> ProcessPoolExecutor | None:
    global _pool, _shape
    if size < 1:
        return None
    with _lock:
        if _pool is None or _shape != (size, nice):
            if _pool is not None:
                _pool.shutdown(wait=False, cancel_futures=True)
            try:
                context = multiprocessing.get_context("spawn")
                _pool = ProcessPoolExecutor(
                    size, mp_context=context, initializer=start_child, initargs=(nice,)
                )
                _shape = (size, nice)
            except (OSError, ValueError) as exc:
                log.warning("ingest process pool unavailable, working in-process: %s", exc)
                _pool = None
        return _pool


def _drop(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)


def submit(sources: list[Source], *, processes: int, nice: int = 0) -> list[Future[Results]]:
    """Start the work on `sources` in chunks, in children `nice` lower; in-process without a pool."""
    pool = _get(processes, nice)
    futures: list[Future[Results]] = []
    for start in range(0, len(sources), CHUNK):
        chunk = sources[start : start + CHUNK]
        future: Future[Results] | None = None
        if pool is not None:
            try:
                future = pool.submit(work_many, chunk)
            except (BrokenProcessPool, RuntimeError) as exc:
                log.warning("ingest process pool broken, working in-process: %s", exc)
                _drop(pool)
                pool = None
        if future is None:
            future = Future()
            future.set_result(work_many(chunk))
        futures.append(future)
    return futures


def chunk_result(future: Future[Results], chunk: list[Source]) -> Results:
    """One task's results; a chunk lost with a broken pool is redone in-process."""
    try:
        return future.result()
    except BrokenProcessPool as exc:
        log.warning("ingest process pool broke, redoing a chunk in-process: %s", exc)
        with _lock:
            broken = _pool
        if broken is not None:
            _drop(broken)
        return work_many(chunk)


def collect(futures: list[Future[Results]], sources: list[Source]) -> Results:
    """The results of `submit`, in order; a chunk lost with a broken pool is redone in-process."""
    out: Results = []
    for n, future in enumerate(futures):
        out.extend(chunk_result(future, sources[n * CHUNK : (n + 1) * CHUNK]))
    return out


def run(sources: list[Source], *, processes: int, nice: int = 0) -> Results:
    """`work` on every source, in the pool when there is one; results in order."""
    return collect(submit(sources, processes=processes, nice=nice), sources)


def shutdown() -> None:
    """Stop the pool's processes (the app's lifespan ends); the next ingest starts a new one."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
