"""Backups: one before upgrading a populated SQLite database, none for a new one; `db backup` and `db restore`."""

import logging
import re
import sqlite3
from pathlib import Path

import pytest

from alembic import command
from app.backup import backup_database, restore_database, werkbank_revision
from app.config import get_settings
from app.db import alembic_config, get_engine, upgrade
from app.errors import Conflict, InvalidInput, WerkbankError
from testkit.live import Server, cli_env, run_cli
from tests.migrations.population import populate
from tests.migrations.snapshot import assert_kept, assert_same, snapshot

NAME = re.compile(r"werkbank-\d{8}T\d{6}Z-0003\.db")


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """The default SQLite database in a fresh data dir, as `werkbank serve` would use it."""
    monkeypatch.setenv("WERKBANK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("WERKBANK_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield tmp_path / "data"
    get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()


def _url(data_dir: Path) -> str:
    return f"sqlite:///{(data_dir / 'werkbank.db').resolve()}"


def _users(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(name for (name,) in conn.execute('SELECT username FROM "user"'))


def _said(proc) -> str:
    """stdout and stderr with the console's line wrapping undone."""
    return " ".join((proc.stdout + proc.stderr).split())


def test_upgrade_backs_up_a_populated_database_once(data_dir, caplog):
    url = _url(data_dir)
    populate(url, "0003")
    before = snapshot(url)
    logging.getLogger("werkbank.db").addHandler(caplog.handler)  # alembic's fileConfig replaced root's
    try:
        saved = upgrade()
    finally:
        logging.getLogger("werkbank.db").removeHandler(caplog.handler)
    assert saved is not None and NAME.fullmatch(saved.name)
    assert list((data_dir / "backups").iterdir()) == [saved]
    assert str(saved) in caplog.text
    assert werkbank_revision(saved) == "0003"
    assert_same(before, snapshot(f"sqlite:///{saved}"), "the backup")
    assert_kept(before, snapshot(url), "upgrade 0003→head")
    assert upgrade() is None  # at head: nothing to back up
    assert list((data_dir / "backups").iterdir()) == [saved]


def test_a_new_or_empty_database_gets_no_backup(data_dir):
    assert upgrade() is None  # new
    command.downgrade(alembic_config(_url(data_dir)), "0003")
    assert upgrade() is None  # empty, at an old revision
    assert not (data_dir / "backups").exists()


def test_backup_is_consistent_while_another_connection_writes(data_dir, tmp_path):
    upgrade()
    live = data_dir / "werkbank.db"
    writer = sqlite3.connect(live, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(
            "INSERT INTO term (source_lang, source_term, target_term, case_sensitive, created_at, "
            "updated_at) VALUES ('en', 'SCO', 'SOZ', 0, '2026-01-01', '2026-01-01')"
        )
        copy = backup_database(url=_url(data_dir), backups_dir=tmp_path / "b")
        writer.execute("COMMIT")
    finally:
        writer.close()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*) FROM term").fetchone() == (0,)  # not yet committed
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file, no -wal
    assert werkbank_revision(copy)


def test_restore_refuses_foreign_files_and_a_database_in_use(data_dir, tmp_path):
    upgrade()
    text = tmp_path / "notes.txt"
    text.write_text("not a database " * 100)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    for bad in (text, other):
        with pytest.raises(InvalidInput, match="not a Werkbank database"):
            restore_database(url=_url(data_dir), backups_dir=tmp_path / "b", file=bad)
    copy = backup_database(url=_url(data_dir), backups_dir=tmp_path / "b")
    server = sqlite3.connect(data_dir / "werkbank.db")
    try:
        server.execute("SELECT 1 FROM term").fetchall()
        with pytest.raises(Conflict, match="in use"):
            restore_database(url=_url(data_dir), backups_dir=tmp_path / "b", file=copy)
    finally:
        server.close()
    assert not (data_dir / "backups").exists()


def test_postgres_backup_and_restore_point_to_pg_dump(tmp_path):
    url = "postgresql+psycopg://werkbank@db.invalid/werkbank"
    with pytest.raises(WerkbankError, match="pg_dump") as failed:
        backup_database(url=url, backups_dir=tmp_path)
    assert failed.value.code == "not_sqlite"
    with pytest.raises(WerkbankError, match="pg_restore"):
        restore_database(url=url, backups_dir=tmp_path, file=tmp_path / "x.dump")


def test_cli_backup_and_restore_round_trip(tmp_path):
    env = cli_env(tmp_path / "data")
    live = tmp_path / "data" / "werkbank.db"
    run_cli(["user", "add", "erika", "--password-stdin"], env, stdin="geheim-geheim\n")
    first = Path(run_cli(["db", "backup"], env).stdout.split(" to ", 1)[1].strip())
    assert first.parent == (tmp_path / "data" / "backups").resolve()
    run_cli(["user", "add", "max", "--password-stdin"], env, stdin="geheim-geheim\n")
    second = tmp_path / "elsewhere" / "copy.db"
    assert str(second) in run_cli(["db", "backup", "--to", str(second)], env).stdout

    out = run_cli(["db", "restore", str(first)], env).stdout
    replaced = Path(re.search(r"replaced database to (\S+)", out)[1])
    assert _users(live) == ["erika"] and _users(replaced) == ["erika", "max"]
    run_cli(["db", "restore", str(second)], env)
    assert _users(live) == ["erika", "max"]

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\0" * 4096)
    refused = run_cli(["db", "restore", str(junk)], env, check=False)
    assert refused.returncode == 1 and "not a Werkbank database" in _said(refused)
    assert _users(live) == ["erika", "max"]
    pg = cli_env(tmp_path / "pg", WERKBANK_DATABASE_URL="postgresql+psycopg://werkbank@db.invalid/werkbank")
    proc = run_cli(["db", "backup"], pg, check=False)
    assert proc.returncode == 1 and "not_sqlite" in _said(proc) and "pg_dump" in _said(proc)


def test_db_upgrade_and_serve_say_where_the_backup_is(tmp_path):
    for name in ("cli", "serve"):
        populate(f"sqlite:///{tmp_path / name / 'werkbank.db'}", "0003")
    proc = run_cli(["db", "upgrade"], cli_env(tmp_path / "cli"))
    [saved] = (tmp_path / "cli" / "backups").iterdir()
    assert NAME.fullmatch(saved.name) and str(saved) in _said(proc)

    env = cli_env(tmp_path / "serve")
    server = Server(env)
    server.stop()
    [saved] = (tmp_path / "serve" / "backups").iterdir()
    assert f"Backed up the database to {saved}" in server.log.read_text()
    assert _users(tmp_path / "serve" / "werkbank.db") == ["admin", "erika"]
    with sqlite3.connect(tmp_path / "serve" / "werkbank.db") as conn:
        assert conn.execute("SELECT count(*) FROM segment").fetchone() == (4,)


def test_db_commands_are_documented():
    from app.cli.database import db_app

    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    operations = (root / "docs" / "operations.md").read_text(encoding="utf-8")
    for command_info in db_app.registered_commands:
        assert f"`werkbank db {command_info.name}" in readme
    assert "werkbank db backup" in operations and "werkbank db restore" in operations
    assert "pg_dump" in operations and "pg_restore" in operations
