"""The editor on a document whose match lists are not stored: the document read sends `matches` null (and
queues the precompute), and the matches panel asks the segment's own endpoint and shows the match."""

import sqlite3
import time
import uuid

from playwright.sync_api import expect

from tests.e2e.helpers import open_editor
from tests.e2e.test_memory_stats import _approve


def _forget_lists(server, doc_id: int) -> None:
    """Wait for the precompute queued at ingest, then drop the document's stored lists (as if it never ran)."""
    mine = "SELECT id FROM segment WHERE document_id = ?"
    with sqlite3.connect(server.db_path) as db:
        deadline = time.monotonic() + 30
        while not db.execute(
            f"SELECT count(*) FROM segment_match_state WHERE segment_id IN ({mine})", (doc_id,)
        ).fetchone()[0]:  # noqa: E501
            assert time.monotonic() < deadline, "the precompute did not run"
            time.sleep(0.05)
        time.sleep(0.3)  # the task stores every list in one transaction; let it return
        db.execute(f"DELETE FROM segment_match WHERE segment_id IN ({mine})", (doc_id,))
        db.execute(f"DELETE FROM segment_match_state WHERE segment_id IN ({mine})", (doc_id,))


def test_the_panel_asks_the_segment_when_the_document_read_has_no_list(new_page, server, api):
    client = api("erika")
    tag = uuid.uuid4().hex[:8]
    known = f"The central bank of Armenia said {tag} that it would keep its key rate at 8 percent in May."
    old = client.post("/api/documents", json={"text": f"Old {tag}\n\n{known}", "source_lang": "en"}).json()
    _approve(client, old["segments"][1]["id"], f"Die Zentralbank Armeniens ({tag}) belässt den Leitzins.")
    similar = known.replace("Armenia", "Georgia")
    new = client.post("/api/documents", json={"text": f"New {tag}\n\n{similar}", "source_lang": "en"}).json()
    seg_id = new["segments"][1]["id"]
    _forget_lists(server, new["id"])

    page = new_page("erika")
    read: list = []
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.on("response", lambda r: read.append(r) if "include=matches" in r.url else None)
    open_editor(page, server, new["id"])
    page.locator(f"#tgt-{seg_id}").focus()
    first = page.locator(f"#tm-{seg_id} .match").first
    expect(first.locator(".diff del")).to_have_text("Armenia")
    expect(first.locator(".diff ins")).to_have_text("Georgia")
    expect(first).to_contain_text("Die Zentralbank Armeniens")
    segments = read[0].json()["segments"]
    assert [s["matches"] for s in segments] == [None, None]  # not computed yet: the read searched nothing
    assert [u for u in asked if f"/api/segments/{seg_id}/matches" in u], asked  # the panel asked itself
    assert page.errors == []
