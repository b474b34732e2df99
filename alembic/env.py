"""Alembic environment: Werkbank's models, its configured URL, batch mode for SQLite with foreign keys off."""

from collections.abc import Iterator
from contextlib import contextmanager
from logging.config import fileConfig

from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import app.models  # noqa: F401 - registers every table on SQLModel.metadata
from alembic import context
from app.config import get_settings
from app.db import in_models, make_engine
from app.errors import MigrationFailed
from app.models.types import render_item

config = context.config
if config.config_file_name and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = SQLModel.metadata
UPGRADE_LOCK = 0x5765726B  # "Werk": the PostgreSQL advisory lock every schema upgrade holds


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or get_settings().resolved_database_url


def run_migrations_offline() -> None:
    context.configure(
        url=_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        compare_type=True,
        render_item=render_item,
        include_name=in_models,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_url())
    try:
        with engine.connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


def _run(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        with sqlite_foreign_keys_off(connection):
            _migrate(connection)
    else:
        _migrate(connection)


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=render_item,
        include_name=in_models,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Two machines upgrading at once: the second waits here, then finds the schema at head.
            # (SQLite gets the same from BEGIN IMMEDIATE in sqlite_foreign_keys_off.)
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({UPGRADE_LOCK})")
        context.run_migrations()


@contextmanager
def sqlite_foreign_keys_off(connection: Connection) -> Iterator[None]:
    """Run the body in one SQLite transaction with foreign keys off; commit only if they all hold.

    Batch mode rebuilds a table by copying it and dropping the original, and with foreign keys
    on that DROP cascades into every referencing table (issue 10). `PRAGMA foreign_keys` is a
    no-op inside a transaction, so it is switched here, outside one. pysqlite's implicit
    transactions are suspended so that the whole upgrade, DDL included, is a single
    BEGIN IMMEDIATE … COMMIT: a failure or a dangling reference rolls every step back.
    """
    dbapi = connection.connection.driver_connection
    if dbapi.in_transaction:
        raise MigrationFailed("SQLite migrations need a connection without an open transaction.")
    was_on = connection.exec_driver_sql("PRAGMA foreign_keys").scalar()
    saved_isolation = dbapi.isolation_level
    dbapi.isolation_level = None  # no implicit BEGIN/COMMIT from the driver: ours only
    try:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        # A batch rebuild renames its copy over the original; with the modern ALTER TABLE rules
        # SQLite re-parses every trigger then, and a trigger naming the table being rebuilt (the
        # counter triggers of 0008 read translation_job) fails the rename. Legacy rules rename only.
        connection.exec_driver_sql("PRAGMA legacy_alter_table=ON")
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # takes the write lock before reading the version
        try:
            yield
            _check_foreign_keys(connection)
        except BaseException:
            connection.rollback()
            raise
        connection.commit()
    finally:
        connection.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if was_on else 'OFF'}")
        connection.exec_driver_sql("PRAGMA legacy_alter_table=OFF")
        connection.commit()
        dbapi.isolation_level = saved_isolation


def _check_foreign_keys(connection: Connection) -> None:
    """Raise when any row points at a parent row that does not exist."""
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if not broken:
        return
    shown = "; ".join(f"{table} rowid {rowid} → {parent}" for table, rowid, parent, _fk in broken[:5])
    more = f" and {len(broken) - 5} more" if len(broken) > 5 else ""
    rows = "1 row" if len(broken) == 1 else f"{len(broken)} rows"
    raise MigrationFailed(
        f"Migration rolled back, the database is unchanged: {rows} would point at missing rows "
        f"({shown}{more}). Fix or delete them, then upgrade again.",
        violations=len(broken),
    )


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
