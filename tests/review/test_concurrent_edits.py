"""32 real clients edit a handful of segments at once: no lost edit, no wrong echo, no 5xx."""

import random
import threading
import time
from dataclasses import dataclass

import httpx

from testkit.samples import EN

CLIENTS, EDITS = 32, 64


@dataclass(frozen=True)
class Attempt:
    segment_id: int
    text: str
    sent_version: int
    status: int
    body: dict


def _edit_loop(live, n: int, segment_ids: list[int], start: threading.Barrier, out: list[Attempt]) -> None:
    """One client: EDITS compare-and-set edits, learning versions from the answers.

    After a 409 the client tries the same segment again at once with the version the 409 carried,
    like an autosave would; after a 200 it moves on to a random segment.
    """
    rng, known = random.Random(n), dict.fromkeys(segment_ids, 1)
    with httpx.Client(base_url=live.url, headers=live.headers, timeout=60) as http:
        start.wait()
        sid = rng.choice(segment_ids)
        for i in range(EDITS):
            text = f"Fassung {i} von Client {n}."
            r = http.patch(f"/api/segments/{sid}", json={"target_text": text, "version": known[sid]})
            body = r.json() if r.headers.get("content-type", "").startswith("application/json") else {}
            out.append(Attempt(sid, text, known[sid], r.status_code, body))
            if r.status_code == 200:
                known[sid] = body["version"]
                sid = rng.choice(segment_ids)
            elif r.status_code == 409 and "current" in body.get("error", {}):
                known[sid] = body["error"]["current"]["version"]


def _run_clients(live, segment_ids: list[int]) -> tuple[list[Attempt], float]:
    attempts: list[Attempt] = []
    start = threading.Barrier(CLIENTS)
    threads = [
        threading.Thread(target=_edit_loop, args=(live, n, segment_ids, start, attempts))
        for n in range(CLIENTS)
    ]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return attempts, time.monotonic() - began


def test_concurrent_compare_and_set_edits_lose_nothing_and_answer_what_they_wrote(live):
    with httpx.Client(base_url=live.url, headers=live.headers, timeout=60) as api:
        doc = api.post("/api/documents", json={"text": EN}).json()
        segment_ids = [s["id"] for s in doc["segments"]]
        attempts, seconds = _run_clients(live, segment_ids)
        oks = [a for a in attempts if a.status == 200]
        conflicts = [a for a in attempts if a.status == 409]
        print(  # noqa: T201 - the numbers go into the report
            f"\n{len(attempts)} edits by {CLIENTS} clients on {len(segment_ids)} segments in {seconds:.1f}s: "
            f"{len(oks)} saved, {len(conflicts)} conflicts"
        )
        assert len(attempts) == CLIENTS * EDITS
        assert [a for a in attempts if a.status >= 500] == []
        assert {a.status for a in attempts} <= {200, 409}
        assert conflicts and len(oks) >= len(segment_ids), "conflicts must really happen, and edits succeed"
        wrong_echoes = [
            a for a in oks if (a.body["target_text"], a.body["version"]) != (a.text, a.sent_version + 1)
        ]
        assert wrong_echoes == []
        for sid in segment_ids:
            saved = [a for a in oks if a.segment_id == sid]
            history = [r for r in api.get(f"/api/segments/{sid}/revisions").json() if r["kind"] == "edit"]
            written = {(r["version"], r["text"]) for r in history}
            lost = [a for a in saved if (a.body["version"], a.text) not in written]
            assert lost == []
            assert len(history) == len(saved), "every stored edit was answered 200, and only those"
            final = api.get(f"/api/segments/{sid}").json()
            last = max(saved, key=lambda a: a.body["version"], default=None)
            if last is not None:
                assert (final["target_text"], final["version"]) == (last.text, last.body["version"])
        assert api.get(f"/api/documents/{doc['id']}").json()["status"] == "in_review"
