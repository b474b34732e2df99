"""A loopback outlet for feed tests: RSS 2.0 and Atom feeds with ETag/Last-Modified, article pages, and bad cases."""

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE_TEXT = [
    "The talks in Geneva resumed on Monday after a pause of three weeks, officials said.",
    "Both delegations met for four hours and agreed to continue the consultations next month.",
    "No date for a summit meeting of the heads of state has been set so far, according to sources.",
]


@dataclass
class Article:
    title: str
    paragraphs: list[str]


@dataclass
class Outlet:
    """What the server serves; tests change it between polls."""

    articles: dict[str, Article] = field(default_factory=dict)
    feed: list[str] = field(default_factory=list)  # slugs listed in the feeds, newest first
    extra_links: list[str] = field(default_factory=list)  # raw <link> values of additional entries
    feed_delay: float = 0.0
    page_delay: float = 0.0
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""

    def add(self, slug: str, title: str, paragraphs: list[str] | None = None) -> None:
        """A new article, listed first in the feeds."""
        self.articles[slug] = Article(title, list(paragraphs or [f"{title}: {p}" for p in ARTICLE_TEXT]))
        self.feed.insert(0, slug)

    def version(self) -> str:
        state = repr((self.feed, self.extra_links, [(s, self.articles[s].title) for s in self.feed]))
        return hashlib.sha256(state.encode()).hexdigest()[:16]

    def page_requests(self) -> list[str]:
        return [p for p, _ in self.requests if p.startswith("/articles/")]

    def feed_requests(self) -> list[dict[str, str]]:
        return [h for p, h in self.requests if p.endswith((".xml", "/feed"))]


def _rss(outlet: Outlet) -> str:
    items = []
    for n, slug in enumerate(outlet.feed):
        art = outlet.articles[slug]
        date = formatdate(1_700_000_000 + n * 60, usegmt=True)
        items.append(
            f"<item><title>{escape(art.title)}</title><link>{outlet.base}/articles/{slug}?utm_source=rss</link>"
            f"<guid>{slug}</guid><pubDate>{date}</pubDate></item>"
        )
    items += [
        f"<item><title>extra {i}</title><link>{escape(x)}</link></item>"
        for i, x in enumerate(outlet.extra_links)
    ]
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Outlet</title>'
        f"<link>{outlet.base}/</link><description>news</description>{''.join(items)}</channel></rss>"
    )


def _atom(outlet: Outlet) -> str:
    entries = "".join(
        f"<entry><title>{escape(outlet.articles[s].title)}</title><id>urn:x:{s}</id>"
        f'<link rel="alternate" href="{outlet.base}/articles/{s}"/><updated>2026-12-01T10:00:00Z</updated></entry>'
        for s in outlet.feed
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Outlet</title>'
        f"<id>urn:x:feed</id><updated>2026-12-01T10:00:00Z</updated>{entries}</feed>"
    )


def _many(outlet: Outlet, n: int) -> str:
    items = "".join(
        f"<item><title>n{i}</title><link>{outlet.base}/articles/none-{i}</link></item>" for i in range(n)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Many</title>{items}</channel></rss>'


def _page(art: Article) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in art.paragraphs)
    return (
        f"<!doctype html><html><head><title>{escape(art.title)}</title></head><body>"
        f"<article><h1>{escape(art.title)}</h1>{body}</article></body></html>"
    )


def _handler(outlet: Outlet) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            with outlet.lock:
                outlet.requests.append((self.path, dict(self.headers)))
                outlet.in_flight += 1
                outlet.max_in_flight = max(outlet.max_in_flight, outlet.in_flight)
            try:
                self._route()
            finally:
                with outlet.lock:
                    outlet.in_flight -= 1

        def _route(self):
            path = self.path.split("?")[0]
            if path in ("/rss.xml", "/atom.xml"):
                time.sleep(outlet.feed_delay)
                etag = f'"{outlet.version()}"'
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, "", b"", etag=etag)
                body = _rss(outlet) if path == "/rss.xml" else _atom(outlet)
                ctype = "application/rss+xml" if path == "/rss.xml" else "application/atom+xml"
                return self._send(200, ctype, body.encode(), etag=etag)
            if path.startswith("/articles/") and path[10:] in outlet.articles:
                time.sleep(outlet.page_delay)
                return self._send(200, "text/html; charset=utf-8", _page(outlet.articles[path[10:]]).encode())
            if path == "/loop":
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.send_header("Content-Length", "0")
                return self.end_headers()
            if path == "/hang":
                time.sleep(8)
            fixed = {
                "/page.html": ("text/html", b"<html><body><p>Just a page, not a feed.</p></body></html>"),
                "/broken.xml": (
                    "application/rss+xml",
                    b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>a</ti',
                ),
                "/many.xml": ("application/rss+xml", _many(outlet, 5000).encode()),
                "/data.json": ("application/json", b'{"a": 1}'),
                "/hang": ("application/rss+xml", b""),
            }
            if path in fixed:
                return self._send(200, *fixed[path])
            return self._send(404, "text/html", b"<p>not found</p>")

        def _send(self, status: int, ctype: str, body: bytes, etag: str | None = None):
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            if etag:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", formatdate(1_700_000_000, usegmt=True))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


@contextmanager
def feed_server() -> Iterator[Outlet]:
    """Serve an Outlet on 127.0.0.1 (its `base` is the URL) until the block ends."""
    outlet = Outlet()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(outlet))
    server.daemon_threads = True
    outlet.base = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield outlet
    finally:
        server.shutdown()
        server.server_close()
