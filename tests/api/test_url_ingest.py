"""URL ingest against a real HTTP server on 127.0.0.1."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ARTICLE = """<!doctype html><html><head><title>Kazakhstan unrest | The Cradle</title>
<meta name="author" content="Pepe Escobar"><meta property="og:site_name" content="The Cradle">
<meta property="article:published_time" content="2022-01-12T10:00:00Z"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/columns">Columns</a></li></ul></nav>
<aside class="ads">Advertisement: buy gold now, limited offer!</aside>
<article><h1>After Kazakhstan, the era of color revolution is over</h1>
<p>The year 2022 started with Kazakhstan set on fire, a serious attack against one of the key hubs of Eurasian integration. We are just starting to understand what happened and how.</p>
<h2>The tangled hybrid web</h2>
<p>Few know that last December another coup was discreetly foiled in the Kyrgyz capital Bishkek, according to intelligence sources in the region.</p>
<script>window.stolen = document.cookie;</script>
</article><footer><p>© 2022 The Cradle. All rights reserved. Privacy policy.</p></footer></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        routes = {
            "/article": (200, "text/html; charset=utf-8", ARTICLE.encode()),
            "/data.json": (200, "application/json", b'{"a": 1}'),
            "/missing": (404, "text/html", b"<p>not found</p>"),
            "/big": (200, "text/html", b"<p>" + b"x" * 300_000 + b"</p>"),
        }
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        status, ctype, body = routes.get(self.path, (404, "text/html", b""))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_url_ingest_extracts_article_and_metadata(translator, site):
    r = translator.post("/api/documents", json={"url": f"{site}/article", "outlet": "The Cradle"})
    assert r.status_code == 201, r.text
    doc = r.json()
    assert doc["title"] == "After Kazakhstan, the era of color revolution is over"
    assert doc["author"] == "Pepe Escobar" and doc["source_url"] == f"{site}/article"
    assert doc["published_at"].startswith("2022-01-12")
    assert [s["kind"] for s in doc["segments"]] == ["title", "paragraph", "heading", "paragraph"]
    text = " ".join(s["source_text"] for s in doc["segments"])
    for junk in ("Advertisement", "Columns", "stolen", "Privacy"):
        assert junk not in text
    again = translator.post("/api/documents", json={"url": f"{site}/article"})
    assert again.status_code == 200 and again.json()["id"] == doc["id"]


def test_redirect_is_followed(translator, site):
    r = translator.post("/api/documents", json={"url": f"{site}/redirect"})
    assert r.status_code == 201, r.text
    assert r.json()["title"].startswith("After Kazakhstan")


@pytest.mark.parametrize(
    ("path", "code", "status"),
    [
        ("/data.json", "not_html", 422),
        ("/missing", "fetch_failed", 422),
    ],
)
def test_url_errors(translator, site, path, code, status):
    r = translator.post("/api/documents", json={"url": f"{site}{path}"})
    assert r.status_code == status and r.json()["error"]["code"] == code


def test_size_cap_and_unreachable(translator, site, monkeypatch):
    monkeypatch.setenv("WERKBANK_FETCH_MAX_BYTES", "100000")
    from app.config import get_settings

    get_settings.cache_clear()
    r = translator.post("/api/documents", json={"url": f"{site}/big"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    dead = translator.post("/api/documents", json={"url": "http://127.0.0.1:9/x"})
    assert dead.status_code == 422 and dead.json()["error"]["code"] == "fetch_failed"


def test_private_addresses_are_refused_unless_allowed(translator, site, monkeypatch):
    monkeypatch.setenv("WERKBANK_ALLOW_PRIVATE_URLS", "0")
    from app.config import get_settings

    get_settings.cache_clear()
    r = translator.post("/api/documents", json={"url": f"{site}/article"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "private_url"
