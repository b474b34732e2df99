"""Database engine factory, SQLite pragmas, health probe, sessions and the migrations runner."""

import logging
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from app.backup import backup_before_upgrade, backups_dir
from app.config import get_settings
from app.sqlite_writer import QueuedWriterConnection

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("werkbank.db")


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API connection
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys, a busy timeout and queued writers (app.sqlite_writer),
    others a pool sized by settings."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30, "factory": QueuedWriterConnection}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    settings = get_settings()
    return create_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout,
        pool_recycle=settings.db_pool_recycle,
        pool_pre_ping=settings.db_pool_pre_ping,
    )


# Search indexes that migration 0008 creates in SQL, not from the models (SQLite's FTS5 table
# and its shadow tables, PostgreSQL's generated tsvector column and its GIN index): autogenerate
# and checks leave them alone.
SEARCH_INDEX_NAMES = ("document_fts", "ix_document_search", "search_vector")


def in_models(name: str | None, type_: str, parent_names: dict) -> bool:
    """Alembic `include_name`: False for the search indexes that live outside the models."""
    return not (name or "").startswith(SEARCH_INDEX_NAMES)


@lru_cache
def get_engine() -> Engine:
    """The process-wide engine for the configured database."""
    return make_engine(get_settings().resolved_database_url)


def database_status() -> str:
    """Whether the configured database answers a trivial query: "ok" or "error: <exception type>"."""
    try:
        with get_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any driver error means unreachable
        return f"error: {type(exc).__name__}"
    return "ok"


def get_session() -> Iterator[Session]:
    """One session per request."""
    with Session(get_engine()) as session:
        yield session


def alembic_config(url: str | None = None):  # noqa: ANN201 - alembic Config
    """Alembic configuration pointing at this checkout's migrations."""
    from alembic.config import Config

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.set_main_option("sqlalchemy.url", url or get_settings().resolved_database_url)
    return cfg


def upgrade(url: str | None = None) -> Path | None:
    """Bring the schema to the newest migration; returns the backup made first, if any.

    A SQLite database that holds rows and is not at the newest revision is copied to
    <data_dir>/backups/werkbank-<UTC time>-<revision>.db before it is touched.
    """
    from alembic.script import ScriptDirectory

    from alembic import command

    settings = get_settings()
    cfg = alembic_config(url or settings.resolved_database_url)
    saved = backup_before_upgrade(
        url=cfg.get_main_option("sqlalchemy.url") or "",
        heads=ScriptDirectory.from_config(cfg).get_heads(),
        backups_dir=backups_dir(settings),
    )
    if saved:
        log.warning("Backed up the database to %s before migrating it to the newest schema.", saved)
    command.upgrade(cfg, "head")
    return saved
