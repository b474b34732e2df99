"""Keyset paging of the lists that grow: posts, terms, revisions (array + X-Next-Cursor) and jobs (page object)."""

from testkit.samples import DE, EN


def _walk(client, path, params, limit):
    """Every page of an array list, following X-Next-Cursor; (items, pages)."""
    items, pages, cursor = [], 0, None
    while True:
        r = client.get(path, params={**params, "limit": limit, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        assert len(r.json()) <= limit
        items += r.json()
        pages += 1
        cursor = r.headers.get("X-Next-Cursor")
        if not cursor:
            assert "Link" not in r.headers
            return items, pages
        assert r.headers["Link"].endswith('rel="next"') and f"cursor={cursor}" in r.headers["Link"]


def test_posts_of_a_day_page_in_order_and_stay_stable_under_inserts(translator):
    doc = translator.post("/api/documents", json={"text": DE}).json()
    times = [f"2026-03-0{d}T{h:02d}:00:00Z" for d, h in [(2, 9), (2, 9), (2, 8), (3, 7), (2, 10)]]
    made = [
        translator.post("/api/posts", json={"document_id": doc["id"], "published_at": t}).json()
        for t in times
    ]
    everything = translator.get("/api/posts").json()
    assert [p["id"] for p in everything] == [
        p["id"] for p in sorted(made, key=lambda p: (p["published_at"], p["id"]))
    ]
    first = translator.get("/api/posts", params={"limit": 2})
    later = translator.post(
        "/api/posts", json={"document_id": doc["id"], "published_at": "2026-03-04T07:00:00Z"}
    ).json()
    seen = [p["id"] for p in first.json()]
    cursor = first.headers["X-Next-Cursor"]
    while cursor:
        page = translator.get("/api/posts", params={"limit": 2, "cursor": cursor})
        seen += [p["id"] for p in page.json()]
        cursor = page.headers.get("X-Next-Cursor")
    assert seen == [p["id"] for p in everything] + [later["id"]]  # nothing repeated or skipped
    items, pages = _walk(translator, "/api/posts", {"date": "2026-03-02"}, 1)
    assert len(items) == 4 and pages == 4
    bad = translator.get("/api/posts", params={"cursor": "bm90LWEtY3Vyc29y"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_cursor"


def test_terms_page_by_language_and_term(editor):
    for lang, term in [("ru", "ШОС"), ("en", "CSTO"), ("en", "NATO"), ("ru", "ОДКБ"), ("en", "EU")]:
        assert (
            editor.post(
                "/api/terms", json={"source_lang": lang, "source_term": term, "target_term": term}
            ).status_code
            == 201
        )
    items, pages = _walk(editor, "/api/terms", {}, 2)
    assert [(t["source_lang"], t["source_term"]) for t in items] == [
        ("en", "CSTO"),
        ("en", "EU"),
        ("en", "NATO"),
        ("ru", "ОДКБ"),
        ("ru", "ШОС"),
    ]
    assert pages == 3
    found, _ = _walk(editor, "/api/terms", {"q": "шос"}, 1)
    assert [t["source_term"] for t in found] == ["ШОС"]
    assert editor.get("/api/terms", params={"cursor": "abc"}).status_code == 422


def test_revisions_page_oldest_first(translator):
    doc = translator.post("/api/documents", json={"text": EN}).json()
    seg = doc["segments"][1]
    version = seg["version"]
    for n in range(5):
        version = translator.patch(
            f"/api/segments/{seg['id']}", json={"target_text": f"Text {n}", "version": version}
        ).json()["version"]
    items, pages = _walk(translator, f"/api/segments/{seg['id']}/revisions", {}, 2)
    assert [r["text"] for r in items] == [f"Text {n}" for n in range(5)] and pages == 3


def test_jobs_list_newest_first_with_cursor(translator):
    docs = [translator.post("/api/documents", json={"text": EN + f"\n\nTeil {n}."}).json() for n in range(3)]
    jobs = [
        translator.post(f"/api/documents/{d['id']}/translate", json={"provider": "none"}).json() for d in docs
    ]
    page = translator.get("/api/jobs", params={"limit": 2}).json()
    assert [j["id"] for j in page["items"]] == [jobs[2]["id"], jobs[1]["id"]]
    rest = translator.get("/api/jobs", params={"limit": 2, "cursor": page["next_cursor"]}).json()
    assert [j["id"] for j in rest["items"]] == [jobs[0]["id"]] and rest["next_cursor"] is None
    mine = translator.get("/api/jobs", params={"document_id": docs[1]["id"]}).json()["items"]
    assert [j["id"] for j in mine] == [jobs[1]["id"]]
