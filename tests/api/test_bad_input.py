"""Generated inputs that used to answer 5xx: ids beyond the id columns, dates beyond the calendar."""

import re

from testkit.samples import EN

MAX_ID = 2**31 - 1  # ids are INTEGER columns: 32-bit signed on PostgreSQL
TOO_BIG = [MAX_ID + 1, 2**63, 15799025470780912537960448]


def _id_routes(app):
    spec = app.openapi()
    for path, ops in spec["paths"].items():
        if re.search(r"\{\w+_id\}", path):
            for method in ops:
                yield method, path


def test_every_path_id_is_bounded_in_the_schema(app):
    routes = list(_id_routes(app))
    assert len(routes) >= 20
    spec = app.openapi()
    for method, path in routes:
        params = [p for p in spec["paths"][path][method]["parameters"] if p["in"] == "path"]
        for p in params:
            assert p["schema"]["minimum"] == 1 and p["schema"]["maximum"] == MAX_ID, (method, path, p)


def test_out_of_range_ids_are_422_on_every_route_and_filter(admin, app):
    for bad in [0, -1, *TOO_BIG]:
        for method, path in _id_routes(app):
            url = re.sub(r"\{\w+_id\}", str(bad), path)
            r = admin.request(method.upper(), url, json={"version": 1, "revision_id": 1, "target_text": "x"})
            assert r.status_code == 422, (method, url, r.status_code, r.text)
            assert r.json()["error"]["code"] == "invalid_input"
        if bad > 0:
            for url in (f"/api/posts?document_id={bad}", f"/api/pairs/export?document_id={bad}"):
                r = admin.get(url)
                assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_input", (url, r.text)


def test_out_of_range_ids_in_bodies_are_422(admin):
    doc = admin.post("/api/documents", json={"text": EN}).json()
    seg = doc["segments"][0]
    big = TOO_BIG[0]
    bodies = [
        ("post", "/api/posts", {"document_id": big}),
        ("post", "/api/posts", {"document_id": doc["id"], "segment_ids": [big]}),
        ("patch", f"/api/segments/{seg['id']}", {"target_text": "x", "version": big}),
        ("post", f"/api/segments/{seg['id']}/approve", {"version": big}),
        ("post", f"/api/segments/{seg['id']}/reopen", {"version": big}),
        ("post", f"/api/segments/{seg['id']}/revert", {"revision_id": big, "version": 1}),
    ]
    for method, url, body in bodies:
        r = admin.request(method.upper(), url, json=body)
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_input", (url, body, r.text)


BEYOND = [
    "/api/posts?date=0001-01-01",
    "/api/posts?date=9999-12-31",
    "/api/days/0001-01-01/export",
    "/api/days/9999-12-31/export?format=json",
    "/api/pairs/export?since=0001-01-01T00:00:00",
    "/api/pairs/export?since=0001-01-01T00:30:00%2B01:00",
    "/api/pairs/export?until=9999-12-31T23:00:00-05:00",
]


def test_days_and_times_beyond_the_calendar_are_422(admin):
    for url in BEYOND:
        r = admin.get(url)
        assert r.status_code == 422 and r.json()["error"]["code"] == "date_out_of_range", (url, r.text)


def test_the_calendar_edges_that_fit_still_work(admin):
    assert admin.get("/api/posts?date=0001-01-02").json() == []
    assert admin.get("/api/posts?date=9999-12-30").json() == []
    assert admin.get("/api/days/9999-12-30/export?format=json").status_code == 200
    assert (
        admin.get("/api/pairs/export?since=0001-01-01T12:00:00&until=9999-12-31T12:00:00").status_code == 200
    )


def test_published_at_must_be_shown_in_the_site_zone(admin):
    """9999-12-31T23:30Z is 10000-01-01 in Berlin: stored, it would break every export of the post."""
    r = admin.post("/api/documents", json={"text": EN, "published_at": "9999-12-31T23:30:00Z"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "date_out_of_range", r.text


def test_a_version_whose_successor_does_not_fit_is_422(admin):
    """Saving writes version + 1: at 2**31 - 1 that overflowed PostgreSQL's INTEGER (500)."""
    seg = admin.post("/api/documents", json={"text": EN}).json()["segments"][0]
    for action, body in [
        ("", {"target_text": "x"}),
        ("/approve", {}),
        ("/reopen", {}),
        ("/revert", {"revision_id": 1}),
    ]:
        url = f"/api/segments/{seg['id']}{action}"
        r = admin.request("POST" if action else "PATCH", url, json={**body, "version": MAX_ID})
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_input", (url, r.text)


NUL_REQUESTS = [
    ("post", "/api/terms", '{"source_lang": "en", "source_term": "a\\u0000b", "target_term": "c"}'),
    ("post", "/api/documents", '{"text": "Hello\\u0000", "title": "T\\u0000"}'),
    ("get", "/api/documents?lang=%00", None),
    ("get", "/api/terms?lang=e%00n", None),
]


def test_nul_characters_are_refused_on_both_databases(admin):
    """PostgreSQL text cannot hold U+0000: it was a 500 there and stored on SQLite."""
    for method, url, body in NUL_REQUESTS:
        r = admin.request(method.upper(), url, content=body, headers={"Content-Type": "application/json"})
        assert r.status_code == 422 and r.json()["error"]["code"] == "nul_character", (url, r.text)


def test_nul_bytes_in_uploads_are_refused_and_escapes_that_are_not_nul_pass(admin):
    csv = b"source_lang,source_term,target_term\nen,a\x00b,c\n"
    r = admin.post("/api/terms/import", content=csv, headers={"Content-Type": "text/csv"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "nul_character"
    ndjson = b'{"text": "Hello\\u0000 world"}\n'
    r = admin.post("/api/documents/bulk", content=ndjson, headers={"Content-Type": "application/x-ndjson"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "nul_character"
    backslash = '{"source_lang": "en", "source_term": "C:\\\\u0000", "target_term": "\\\\\\\\u0000"}'
    r = admin.post("/api/terms", content=backslash, headers={"Content-Type": "application/json"})
    assert r.status_code == 201 and r.json()["source_term"] == "C:\\u0000", r.text
    csv_text = b"source_lang,source_term,target_term\nen,\\u0000,literal\n"
    r = admin.post("/api/terms/import", content=csv_text, headers={"Content-Type": "text/csv"})
    assert r.status_code == 200, r.text
