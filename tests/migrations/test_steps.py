"""Every migration, stepped down and up on a populated database (SQLite and PostgreSQL), keeps every row.

New revisions are walked automatically; one that adds a table or column needs a hook in
population.HOOKS, and `test_every_table_and_column_holds_data` says so.
"""

import sqlite3

import pytest

from alembic import command
from app.db import alembic_config
from app.errors import MigrationFailed
from tests.migrations.population import BASE, POSTS, fill, populate, revisions
from tests.migrations.snapshot import assert_kept, assert_same, counts, snapshot


def test_every_step_down_and_up_keeps_every_row(db_url):
    cfg = alembic_config(db_url)
    revs = revisions(db_url)
    command.upgrade(cfg, revs[0])
    fill(db_url, revs[0], base=True)
    full = snapshot(db_url)
    assert all(full[table].rows for table in BASE)
    # The first migration's downgrade drops every table; test_downgrade_to_base_and_up_again covers it.
    for prev, rev in zip(revs, revs[1:], strict=False):
        command.upgrade(cfg, rev)
        assert_kept(full, snapshot(db_url), f"upgrade {prev}→{rev}")
        fill(db_url, rev)
        full = snapshot(db_url)

        command.downgrade(cfg, prev)
        down = snapshot(db_url)
        assert_kept(full, down, f"downgrade {rev}→{prev}")
        command.upgrade(cfg, rev)
        assert_kept(down, snapshot(db_url), f"upgrade {prev}→{rev} after stepping down")
        fill(db_url, rev)  # what the downgrade dropped by design: this revision's own tables and columns
        assert_same(full, snapshot(db_url), f"{rev} stepped down, up and refilled")


def test_upgrade_from_0003_to_head_keeps_every_row(db_url):
    """Issue 10: on SQLite the rebuild of `document` in 0004 cascaded into every child table."""
    populate(db_url, "0003")
    before = snapshot(db_url)
    command.upgrade(alembic_config(db_url), "head")
    after = snapshot(db_url)
    assert_kept(before, after, "upgrade 0003→head")
    # Tables created after 0003 (memory, feeds, …) start empty; every table that was there keeps its count.
    assert counts(after) == {**dict.fromkeys(after, 0), **counts(before)}
    expected = {
        "document": 2,
        "segment": 4,
        "revision": 4,
        "translation_job": 2,
        "post": len(POSTS),
        "publish_record": 1,
    }
    assert {table: len(after[table].rows) for table in expected} == expected


def test_every_table_and_column_holds_data(tmp_path):
    """Each revision's tables and columns get rows and values, so the walk above compares something."""
    url = f"sqlite:///{tmp_path / 'full.db'}"
    cfg = alembic_config(url)
    introduced: dict[tuple[str, str], str] = {}
    seen: set[tuple[str, str]] = set()
    for i, rev in enumerate(revisions(url)):
        command.upgrade(cfg, rev)
        now = {(t, c) for t, rows in snapshot(url).items() for c in rows.columns}
        introduced.update({col: rev for col in now - seen})
        seen = now
        fill(url, rev, base=i == 0)
    full = snapshot(url)
    empty = [
        f"{table}.{column} (added by {introduced[(table, column)]})"
        for table, rows in full.items()
        for column in sorted(rows.columns)
        if all(row[column] is None for row in rows.rows.values())
    ]
    assert not empty, "no row has a value in " + ", ".join(empty) + ": fill it in population.HOOKS"


def test_a_dangling_reference_rolls_the_whole_upgrade_back(tmp_path):
    """foreign_key_check runs before COMMIT; a violation undoes every step, the batch rebuilds included."""
    db = tmp_path / "werkbank.db"
    url = f"sqlite:///{db}"
    populate(url, "0003")
    with sqlite3.connect(db) as conn:  # a plain connection: foreign keys off
        conn.execute("UPDATE revision SET segment_id = 99 WHERE id = 4")
    before = snapshot(url)
    with pytest.raises(MigrationFailed, match=r"rolled back.*1 row .*revision rowid 4 → segment"):
        command.upgrade(alembic_config(url), "head")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0003",)]
    assert_same(before, snapshot(url), "a rolled-back upgrade")  # document.source_text is back, too
