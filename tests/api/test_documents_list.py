"""GET /api/documents: filters, search, keyset paging; bulk ingest."""

import json

from testkit.samples import DE, EN, FR, RU


def _make(client, n):
    ids = []
    for i in range(n):
        text = f"Report number {i} on talks\n\nDelegations met in Geneva on day {i} and agreed to continue the consultations next week."
        ids.append(client.post("/api/documents", json={"text": text, "source_lang": "en"}).json()["id"])
    return ids


def test_keyset_paging_newest_first_without_gaps(translator):
    ids = _make(translator, 7)
    seen, cursor = [], None
    while True:
        page = translator.get(
            "/api/documents", params={"limit": 3, **({"cursor": cursor} if cursor else {})}
        ).json()
        seen += [d["id"] for d in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == sorted(ids, reverse=True)
    bad = translator.get("/api/documents", params={"cursor": "abc"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_cursor"


def test_filters_and_search(translator):
    translator.post("/api/documents", json={"text": EN})
    translator.post("/api/documents", json={"text": RU})
    translator.post("/api/documents", json={"text": DE})
    langs = {d["source_lang"] for d in translator.get("/api/documents?lang=ru").json()["items"]}
    assert langs == {"ru"}
    approved = translator.get("/api/documents?status=approved").json()["items"]
    assert [d["source_lang"] for d in approved] == ["de"]
    found = translator.get("/api/documents", params={"q": "pipeline"}).json()["items"]
    assert [d["source_lang"] for d in found] == ["en"]
    found = translator.get("/api/documents", params={"q": "ЖЕНЕВА"}).json()["items"]
    assert [d["source_lang"] for d in found] == ["ru"]
    item = translator.get("/api/documents?lang=en").json()["items"][0]
    assert item["segments_total"] == 5 and item["segments_approved"] == 0


def test_bulk_json_array_processes_every_item(translator):
    items = [{"text": EN}, {"text": FR}, {"text": EN}, {"html": "<p>x</p>", "text": "y"}, 5, {"text": RU}]
    r = translator.post("/api/documents/bulk", json=items)
    assert r.status_code == 200
    results = r.json()["results"]
    assert [x["result"] for x in results] == ["created", "error", "existing", "error", "error", "created"]
    assert results[1]["error"]["code"] == "unsupported_language"
    assert results[3]["error"]["code"] == "ambiguous_source"
    assert r.json()["created"] == 2 and r.json()["errors"] == 3
    assert len(translator.get("/api/documents").json()["items"]) == 2


def test_bulk_ndjson_with_a_broken_line(translator):
    body = "\n".join([json.dumps({"text": EN}), "{not json", json.dumps({"text": DE})]) + "\n"
    r = translator.post(
        "/api/documents/bulk", content=body.encode(), headers={"Content-Type": "application/x-ndjson"}
    )
    results = r.json()["results"]
    assert [x["result"] for x in results] == ["created", "error", "created"]
    assert results[1]["error"]["code"] == "malformed_json"
    whole = translator.post(
        "/api/documents/bulk", content=b"[{", headers={"Content-Type": "application/json"}
    )
    assert whole.status_code == 422 and whole.json()["error"]["code"] == "malformed_json"
