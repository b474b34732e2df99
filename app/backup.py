"""SQLite backups: consistent copies before an upgrade and on request, and restoring one."""

import os
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from app.config import Settings
from app.errors import Conflict, InvalidInput, NotFound, WerkbankError

PG_DUMP = (
    "The database is PostgreSQL: back it up with pg_dump, e.g. "
    "`pg_dump --format=custom --file=werkbank.dump postgresql://USER@HOST/DB` (docs/operations.md)."
)
PG_RESTORE = (
    "The database is PostgreSQL: restore a pg_dump file with pg_restore, e.g. "
    "`pg_restore --clean --if-exists --dbname=postgresql://USER@HOST/DB werkbank.dump` (docs/operations.md)."
)


@dataclass(frozen=True)
class Restored:
    """What `restore_database` did: the schema revision it restored and where the old database went."""

    revision: str
    backup: Path | None


def backups_dir(settings: Settings) -> Path:
    """Where automatic and default backups go: <data_dir>/backups."""
    return settings.data_dir.resolve() / "backups"


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def backup_before_upgrade(*, url: str, heads: Sequence[str], backups_dir: Path) -> Path | None:
    """Copy a SQLite database that holds rows and is not at `heads`; None when nothing was copied."""
    path = sqlite_path(url)
    if path is None or not path.is_file():
        return None
    with closing(_open_read_only(path)) as conn:
        revisions = _revisions(conn)
        if sorted(revisions) == sorted(heads) or not _has_rows(conn):
            return None
        return _copy(conn, _backup_name(backups_dir, revisions), like=path)


def backup_database(*, url: str, backups_dir: Path, to: Path | None = None) -> Path:
    """A consistent copy of the SQLite database (safe while the server writes); returns its path."""
    path = _require_sqlite(url, PG_DUMP)
    if not path.is_file():
        raise NotFound(f"There is no database at {path}.")
    if to is not None and to.resolve() == path.resolve():
        raise InvalidInput("The backup cannot overwrite the database itself.")
    with closing(_open_read_only(path)) as conn:
        return _copy(conn, to or _backup_name(backups_dir, _revisions(conn)), like=path)


def restore_database(*, url: str, backups_dir: Path, file: Path) -> Restored:
    """Replace the SQLite database with a Werkbank database FILE; the current one is backed up first."""
    target = _require_sqlite(url, PG_RESTORE)
    revision = werkbank_revision(file)
    saved = None
    if target.is_file():
        if target.resolve() == file.resolve():
            raise InvalidInput(f"{file} is the database itself.")
        _claim(target)
        saved = backup_database(url=url, backups_dir=backups_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(_open_read_only(file)) as source, closing(sqlite3.connect(target)) as dest:
        source.backup(dest)
    return Restored(revision=revision, backup=saved)


def werkbank_revision(file: Path) -> str:
    """The schema revision of a Werkbank SQLite database; InvalidInput for anything else."""
    if not file.is_file():
        raise NotFound(f"No such file: {file}.")
    refusal = f"{file} is not a Werkbank database (no alembic_version table); nothing was changed."
    try:
        with closing(_open_read_only(file)) as conn:
            revisions = _revisions(conn)
            healthy = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(refusal) from exc
    if not revisions:
        raise InvalidInput(refusal)
    if not healthy:
        raise InvalidInput(f"{file} is damaged (PRAGMA quick_check failed); nothing was changed.")
    return "+".join(revisions)


def _require_sqlite(url: str, postgres_hint: str) -> Path:
    path = sqlite_path(url)
    if path is not None:
        return path
    if make_url(url).get_backend_name() == "postgresql":
        raise WerkbankError(postgres_hint, code="not_sqlite")
    raise WerkbankError("Backups are made for SQLite databases only.", code="not_sqlite")


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that can neither create nor change the file."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)


def _revisions(conn: sqlite3.Connection) -> list[str]:
    """The database's Alembic revisions; [] when it has no alembic_version table."""
    try:
        return sorted(row[0] for row in conn.execute("SELECT version_num FROM alembic_version"))
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return []
        raise


def _has_rows(conn: sqlite3.Connection) -> bool:
    """Whether any table besides alembic_version holds a row."""
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        if name != "alembic_version"
    ]
    quoted = (name.replace('"', '""') for name in tables)
    return any(conn.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone() for name in quoted)  # noqa: S608


def _backup_name(folder: Path, revisions: Sequence[str]) -> Path:
    """<folder>/werkbank-<UTC timestamp>-<revision>.db, numbered when that name is taken."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    stem = f"werkbank-{stamp}-{'+'.join(revisions) or 'base'}"
    path, n = folder / f"{stem}.db", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.db"
    return path


def _copy(source: sqlite3.Connection, dest: Path, *, like: Path) -> Path:
    """Copy through SQLite's backup API (one consistent snapshot) into a file renamed into place.

    The copy gets the permissions of the database file `like`: it holds the same password hashes.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(f".{dest.name}.part")
    part.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(part)) as target:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        part.chmod(like.stat().st_mode & 0o777)
        os.replace(part, dest)
    finally:
        part.unlink(missing_ok=True)
    return dest.resolve()


def _claim(target: Path) -> None:
    """Fail unless no other process has the database open (leaving WAL mode needs it to ourselves)."""
    try:
        with closing(sqlite3.connect(target, timeout=2)) as conn:
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except sqlite3.OperationalError as exc:
        mode = str(exc)
    if mode != "delete":
        raise Conflict(
            f"The database {target} is in use: stop `werkbank serve` and every worker, then restore again.",
            code="database_in_use",
        )
