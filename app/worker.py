"""Running the job consumer: inside `werkbank serve` (embedded) or as `werkbank worker`."""

import logging
from collections.abc import Callable

from huey import Huey
from huey.consumer import Consumer

from app.config import get_settings
from app.drafting.tasks import recover_stale_jobs, register_tasks
from app.feeds.tasks import register_feed_tasks
from app.memory.tasks import register_memory_tasks
from app.queue import get_huey

log = logging.getLogger("werkbank.worker")
# huey backs off to 10 s between polls of an idle queue; an editor who clicks "translate" after a
# quiet spell should not wait that long. A poll of the SQLite queue costs next to nothing.
POLLING = {"initial_delay": 0.1, "backoff": 1.15, "max_delay": 1.0}


class EmbeddedConsumer(Consumer):
    """A consumer that leaves signal handling to uvicorn."""

    def _set_signal_handlers(self) -> None:
        return None


def _queue() -> Huey:
    """The process-wide queue with the job task registered, so consumers know every task name."""
    huey = get_huey()
    register_tasks(huey)
    register_feed_tasks(huey)
    register_memory_tasks(huey)
    return huey


def _recover() -> None:
    # Whatever the queue, another process may be running jobs on this database (a `werkbank
    # worker` next to `serve`, a second server): only jobs with a stale heartbeat are orphaned.
    requeued = recover_stale_jobs()
    if requeued:
        log.info("Re-queued %d interrupted job(s)", len(requeued))


def start_embedded_worker() -> Callable[[], None]:
    """Start consumer threads in this process; return the function that stops them."""
    huey = _queue()
    settings = get_settings()
    _recover()
    consumer = EmbeddedConsumer(
        huey, workers=settings.worker_threads, worker_type="thread", periodic=True, **POLLING
    )
    consumer.start()

    def stop() -> None:
        consumer.stop(graceful=True)

    return stop


def run_worker(workers: int) -> None:
    """Run a standalone consumer until interrupted (`werkbank worker`)."""
    huey = _queue()
    _recover()
    Consumer(huey, workers=workers, worker_type="thread", periodic=True, **POLLING).run()
