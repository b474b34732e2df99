"""Start-up chores shared by the server and local CLI commands."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlmodel import Session

from app.accounts.users import ensure_first_admin
from app.config import get_settings
from app.db import get_engine, upgrade
from app.documents.qa_backfill import backfill_later, register_backfill_task
from app.drafting.providers import get_registry
from app.drafting.tasks import register_tasks
from app.feeds.tasks import register_feed_tasks
from app.memory.tasks import register_memory_tasks
from app.queue import get_huey


def build_runtime() -> None:
    """Build the process-wide engine, job queue (job and feed tasks registered) and translator registry."""
    get_engine()
    register_tasks(get_huey())
    register_feed_tasks(get_huey())
    register_memory_tasks(get_huey())
    register_backfill_task(get_huey())
    get_registry()


def prepare_database(*, queue_qa: bool = True) -> str | None:
    """Migrate to head; create the first admin when there are no users (returns its password); queue
    the QA of rows from before QA when there are any (app.documents.qa_backfill)."""
    upgrade()
    with Session(get_engine()) as session:
        password = ensure_first_admin(session=session)
        if queue_qa:  # serve queues it; a `werkbank worker` starting beside it does not again
            backfill_later(session=session, huey=get_huey())
        return password


_migrated: set[str] = set()


@contextmanager
def local_session() -> Iterator[Session]:
    """A session on the configured database, migrated once per process (not on every call)."""
    url = get_settings().resolved_database_url
    if url not in _migrated:
        upgrade()
        _migrated.add(url)
    with Session(get_engine()) as session:
        yield session
