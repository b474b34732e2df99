"""Concurrent approvals and reopenings of every segment leave the document's status right."""

import threading

import httpx

SEGMENTS, ROUNDS = 12, 4
TEXT = "Talks in Geneva continue\n\n" + "\n\n".join(
    f"Paragraph number {i} reports that the delegations met again in Geneva on Monday."
    for i in range(1, SEGMENTS)
)


def _all_at_once(live, calls: list[tuple[str, dict]]) -> list[httpx.Response]:
    """POST every (path, body) from its own client, all released together."""
    start, answers = threading.Barrier(len(calls)), [None] * len(calls)

    def post(i: int, path: str, body: dict) -> None:
        with httpx.Client(base_url=live.url, headers=live.headers, timeout=60) as http:
            start.wait()
            answers[i] = http.post(path, json=body)

    threads = [threading.Thread(target=post, args=(i, *call)) for i, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers


def test_concurrent_approvals_leave_the_document_status_matching_its_segments(live):
    with httpx.Client(base_url=live.url, headers=live.headers, timeout=60) as api:
        doc = api.post("/api/documents", json={"text": TEXT, "source_lang": "en"}).json()
        versions = {}
        for seg in doc["segments"]:
            # German QA finds no error in (the number, weekday and place are kept), so approval needs no reason.
            german = (
                "Gespräche in Genf gehen weiter"
                if seg["position"] == 0
                else f"Absatz Nummer {seg['position']} meldet, dass sich die Delegationen am Montag erneut in Genf trafen."
            )
            r = api.patch(f"/api/segments/{seg['id']}", json={"target_text": german, "version": 1})
            versions[seg["id"]] = r.json()["version"]
        assert len(versions) == SEGMENTS
        for _ in range(ROUNDS):
            for action, want in (("approve", "approved"), ("reopen", "in_review")):
                answers = _all_at_once(
                    live, [(f"/api/segments/{sid}/{action}", {"version": v}) for sid, v in versions.items()]
                )
                assert [a.status_code for a in answers] == [200] * SEGMENTS
                versions = {a.json()["id"]: a.json()["version"] for a in answers}
                now = api.get(f"/api/documents/{doc['id']}").json()
                assert {s["status"] for s in now["segments"]} == {
                    "approved" if action == "approve" else "edited"
                }
                assert now["status"] == want
