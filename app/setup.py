"""Start-up chores shared by the server and local CLI commands."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlmodel import Session

from app.accounts.users import ensure_first_admin
from app.config import get_settings
from app.db import get_engine, upgrade
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
    get_registry()


def prepare_database() -> str | None:
    """Migrate to head; create the first admin when there are no users (returns its password)."""
    upgrade()
    with Session(get_engine()) as session:
        return ensure_first_admin(session=session)


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
