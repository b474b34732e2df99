"""Issue 10, finding 5: one URL ingested by many clients at once makes one document (SQLite and PostgreSQL)."""

import itertools
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from testkit.concurrent import at_once, live_admin


def article(views: int) -> str:
    """A news page whose view counter changes on every fetch, as real pages' dynamic bits do."""
    return f"""<!doctype html><html><head><title>Talks in Geneva | Example News</title>
<meta property="og:site_name" content="Example News"></head><body><article>
<h1>Talks in Geneva resumed after a long pause</h1>
<p>The delegations of both countries met again in Geneva on Monday, officials said after the meeting.</p>
<p>Both sides agreed to continue the talks next month, although no date has been set so far.</p>
<p>This article has been read {views} times since it was published this morning.</p>
</article></body></html>"""


class _Page(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = article(next(self.server.views)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    server.daemon_threads = True
    server.views = itertools.count(1000)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_twenty_concurrent_ingests_of_one_url_make_one_document(tmp_path, db_url, site):
    with live_admin(tmp_path / "data", db_url) as (_, api):
        answers = at_once(20, lambda _: api.post("/api/documents", json={"url": f"{site}/news/geneva"}))
        codes = sorted(r.status_code for r in answers)
        assert codes == [200] * 19 + [201], [r.text for r in answers if r.status_code >= 300]
        assert len({r.json()["id"] for r in answers}) == 1
        listed = api.get("/api/documents").json()["items"]
        assert [d["id"] for d in listed] == [answers[0].json()["id"]]
        assert listed[0]["source_url"] == f"{site}/news/geneva"


def test_one_article_under_two_spellings_of_its_url_is_one_document(translator, site):
    """Each fetch differs (the counter), so only the URL can tell it is the same article."""
    port = site.rsplit(":", 1)[1]
    first = translator.post("/api/documents", json={"url": f"HTTP://LocalHost:{port}/a?utm_source=x#frag"})
    again = translator.post("/api/documents", json={"url": f"http://localhost:{port}/a"})
    assert (first.status_code, again.status_code) == (201, 200), again.text
    assert again.json()["id"] == first.json()["id"]
    assert first.json()["source_url"] == f"HTTP://LocalHost:{port}/a?utm_source=x#frag"  # kept as given


def test_same_source_url_spelled_two_ways_with_pasted_html_is_one_document(translator):
    pasted = {"html": article(1), "source_url": "HTTP://Example.COM:80/a?utm_source=x&utm_medium=tg#frag"}
    first = translator.post("/api/documents", json=pasted)
    again = translator.post("/api/documents", json={"html": article(2), "source_url": "http://example.com/a"})
    other = translator.post(
        "/api/documents", json={"html": article(3), "source_url": "http://example.com/a?page=2"}
    )
    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 201)
    assert again.json()["id"] == first.json()["id"] != other.json()["id"]
