"""Every row of every table, and the rules for comparing two snapshots across a migration step.

Rules (the same for every step, up or down):
- A table the step removes is not compared: its rows go with it by design.
- A column the step removes or adds is not compared: dropped values are gone by design, and a
  re-added column holds NULL or its server default. (After a step down and up, the walk refills
  the revision's own data through its hook and then demands that everything is exactly equal.)
- Every other row must still be there, found by primary key, with every shared column unchanged.
Values are compared as the driver returns them (raw text on SQLite), so a changed encoding shows.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import create_engine, inspect

from app.db import SEARCH_INDEX_NAMES


@dataclass(frozen=True)
class TableRows:
    columns: frozenset[str]
    rows: dict[tuple, dict[str, Any]]


Snapshot = dict[str, TableRows]


def snapshot(url: str) -> Snapshot:
    """Every row of every table but alembic_version and the search index, keyed by primary key."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            insp = inspect(conn)
            out: Snapshot = {}
            for table in insp.get_table_names():
                if table == "alembic_version" or table.startswith(SEARCH_INDEX_NAMES):
                    continue  # the search index is derived from document.search_text, which is compared
                pk = insp.get_pk_constraint(table)["constrained_columns"]
                result = conn.exec_driver_sql(
                    f"SELECT * FROM {conn.dialect.identifier_preparer.quote(table)}"
                )
                columns = frozenset(result.keys())
                rows = {tuple(row[c] for c in pk): dict(row) for row in result.mappings()}
                out[table] = TableRows(columns, rows)
            return out
    finally:
        engine.dispose()


def assert_kept(before: Snapshot, after: Snapshot, step: str) -> None:
    """Every row of `before` is still in `after`, unchanged in the columns both have."""
    problems: list[str] = []
    for table, old in before.items():
        new = after.get(table)
        if new is None:
            continue
        shared = old.columns & new.columns
        missing = [key for key in old.rows if key not in new.rows]
        if missing:
            problems.append(f"{table}: {len(missing)} of {len(old.rows)} rows gone (keys {missing[:5]})")
        for key, row in old.rows.items():
            other = new.rows.get(key)
            changed = {c: (row[c], other[c]) for c in sorted(shared) if other and row[c] != other[c]}
            if changed:
                problems.append(f"{table} {key}: {changed}")
    assert not problems, f"{step} lost or changed rows:\n" + "\n".join(problems[:20])


def assert_same(expected: Snapshot, actual: Snapshot, step: str) -> None:
    """The same tables, columns and rows, value for value."""
    assert sorted(actual) == sorted(expected), f"{step}: tables differ"
    for table, want in expected.items():
        got = actual[table]
        assert got.columns == want.columns, f"{step}: columns of {table} differ"
        assert got.rows == want.rows, f"{step}: rows of {table} differ"


def counts(snap: Snapshot) -> dict[str, int]:
    return {table: len(t.rows) for table, t in sorted(snap.items())}
