"""The scale benchmark's ingest figure: one new document into the big archive ÷ into an empty database.

Both through `POST /api/documents` of a real `werkbank serve`, in interleaved rounds (stats.interleave)
whose one subject alternates the two databases document by document; per round and database the
median of `PER_ROUND` single-document ingests. The documents written into
the cached archive are deleted afterwards (`forget`), so the archive stays the one scale_data built.
"""

import itertools
import statistics
import time
from pathlib import Path

import httpx
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from benchmarks.news_articles import article

GOAL_INGEST = 1.2
PER_ROUND = 7
_numbers = itertools.count(5_000_000)  # never an article the archive holds


def empty_url(kind: str, tmp: Path, pg_admin: str | None) -> str:
    """A fresh, empty database (schema by `werkbank serve`'s migrations); PostgreSQL: created here."""
    if kind == "sqlite":
        return f"sqlite:///{tmp / 'scale-empty.db'}"
    url = make_url(pg_admin).set(database="wbbench_scale_empty").render_as_string(hide_password=False)
    admin = create_engine(pg_admin, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{make_url(url).database}"'))
    admin.dispose()
    return url


def drop_empty(kind: str, url: str, pg_admin: str | None) -> None:
    if kind == "postgres":
        admin = create_engine(pg_admin, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
        admin.dispose()


def _one(client: httpx.Client) -> float:
    """ms of one new document (201)."""
    item = article(next(_numbers))
    start = time.perf_counter()
    r = client.post("/api/documents", json=item)
    ms = 1000 * (time.perf_counter() - start)
    assert r.status_code == 201, r.text[:300]
    return ms


def one_document(big: httpx.Client, empty: httpx.Client) -> dict[str, float]:
    """Median ms of PER_ROUND new documents into each database, alternating (and which goes first)."""
    times: dict[str, list[float]] = {"big": [], "empty": []}
    for i in range(PER_ROUND):
        pair = (("big", big), ("empty", empty))
        for name, client in pair if i % 2 else pair[::-1]:
            times[name].append(_one(client))
    return {name: statistics.median(ms) for name, ms in times.items()}


def forget(url: str, n: int) -> None:
    """Delete what the run ingested into the archive of n documents (ids above n; cascades)."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", lambda conn, _: conn.execute("PRAGMA foreign_keys = ON"))
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM document WHERE id > :n"), {"n": n})
    engine.dispose()
