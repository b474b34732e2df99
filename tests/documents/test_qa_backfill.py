"""QA of rows from before QA (migration 0011): filled in by the upgrade, not by the editor's reads."""

import sqlite3

from sqlalchemy import create_engine, text

from testkit.database import reset_caches
from testkit.live import cli_env, run_cli
from tests.migrations.population import populate

WITH_TARGET = {"Gespräche in Genf wieder aufgenommen", "Beide Seiten kamen zusammen."}


def _qa_by_target(url: str) -> list[tuple[str | None, object]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT target_text, qa FROM segment ORDER BY id")).all()
    finally:
        engine.dispose()
    return [(target, qa) for target, qa in rows]


def _old_database(db_url: str) -> None:
    populate(db_url, "0010")  # segments with and without a German text, no QA column yet


def test_serve_start_queues_the_backfill_and_it_fills_rows_with_a_german_text(db_url, tmp_path, monkeypatch):
    _old_database(db_url)
    monkeypatch.setenv("WERKBANK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WERKBANK_DATABASE_URL", db_url)
    reset_caches()
    from app.db import get_engine
    from app.queue import get_huey
    from app.setup import prepare_database

    get_huey().immediate = True  # the queued task runs inline here; serve's worker runs it in the background
    try:
        prepare_database()
        rows = _qa_by_target(db_url)
        assert {target for target, _ in rows if target} == WITH_TARGET
        for target, qa in rows:
            if target:
                assert qa is not None, f"{target!r} kept no QA"
            else:
                assert qa is None  # nothing to check: left as it was (a read shows no issues)

        from sqlmodel import Session

        from app.documents.qa_backfill import backfill_later, has_missing

        with Session(get_engine()) as session:
            assert not has_missing(session=session)
            assert backfill_later(session=session, huey=get_huey()) is False  # nothing left: not queued
    finally:
        get_engine().dispose()
        reset_caches()


def test_db_upgrade_command_computes_the_backlog_with_progress(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _old_database(url)
    out = run_cli(["db", "upgrade"], cli_env(tmp_path / "data", WERKBANK_DATABASE_URL=url))
    assert "Database is at the newest schema." in out.stdout
    assert "QA computed for 2 segment(s)." in out.stdout
    assert all(qa is not None for target, qa in _qa_by_target(url) if target)
    again = run_cli(["qa", "backfill"], cli_env(tmp_path / "data", WERKBANK_DATABASE_URL=url))
    assert "QA computed for 0 segment(s)." in again.stdout


def test_the_backlog_probe_reads_the_partial_index(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _old_database(url)
    run_cli(["db", "upgrade"], cli_env(tmp_path / "data", WERKBANK_DATABASE_URL=url))
    with sqlite3.connect(tmp_path / "old.db") as conn:
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM segment WHERE qa IS NULL AND target_text IS NOT NULL "
            "AND id > 0 ORDER BY id LIMIT 200"
        ).fetchall()
    assert any("ix_segment_qa_missing" in row[-1] for row in plan), plan
