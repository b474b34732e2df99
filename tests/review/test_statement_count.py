"""A segment save costs at most 4 SQL statements, counted at the driver through real HTTP (issue 11).

Token → user in one query, the segment read once, the compare-and-set UPDATE … RETURNING and its
revision; the document's counters and status follow by trigger inside the database.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from sqlalchemy import event

from testkit.threaded_server import threaded_server

LIMIT = 4


@contextmanager
def statements(engine) -> Iterator[list[str]]:
    """Every statement the engine sends to the database while the block runs."""
    seen: list[str] = []
    lock = threading.Lock()

    def count(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        with lock:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_patch_of_a_segment_runs_at_most_four_statements(app, tokens):
    from app.db import get_engine

    headers = {"Authorization": f"Bearer {tokens['translator']}"}
    with threaded_server(app) as url, httpx.Client(base_url=url, headers=headers) as client:
        text = "Talks in Geneva resumed.\n\nBoth sides met on Monday.\n\nNo date was set for the next round."
        doc = client.post("/api/documents", json={"text": text}).raise_for_status().json()
        seg = doc["segments"][1]
        first = client.patch(
            f"/api/segments/{seg['id']}", json={"target_text": "Beide", "version": seg["version"]}
        )
        version = first.raise_for_status().json()["version"]
        with statements(get_engine()) as seen:
            saved = client.patch(
                f"/api/segments/{seg['id']}", json={"target_text": "Beide Seiten", "version": version}
            )
        assert saved.status_code == 200, saved.text
        assert len(seen) <= LIMIT, f"{len(seen)} statements:\n" + "\n".join(seen)
        # The counters and status the triggers kept are what a reader sees right after.
        after = client.get(f"/api/documents/{doc['id']}").json()
        assert (after["segments_edited"], after["segments_new"], after["status"]) == (1, 2, "in_review")
