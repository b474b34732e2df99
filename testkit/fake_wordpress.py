"""A loopback HTTP server imitating WordPress's /wp-json/wp/v2 posts, categories and tags."""

import base64
import json
import re
import threading
import time
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ROOT = "/wp-json/wp/v2/"


class FakeWordPress:
    """State of the fake site; knobs: create_delay (seconds), fail_next (HTTP status)."""

    def __init__(self, user: str = "editor", password: str = "abcd efgh ijkl") -> None:
        self.user, self.password = user, password
        self.posts: dict[int, dict[str, Any]] = {}
        self.terms: dict[str, dict[int, dict[str, Any]]] = {"categories": {}, "tags": {}}
        self.next_id = 100
        self.create_delay = 0.0
        self.fail_next: int | None = None
        self.log: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> "FakeWordPress":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def authorized(self, header: str | None) -> bool:
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        return header == f"Basic {token}"

    def unique_slug(self, slug: str, own_id: int | None = None) -> str:
        taken = {p["slug"] for i, p in self.posts.items() if i != own_id}
        candidate, n = slug, 2
        while candidate in taken:
            candidate, n = f"{slug}-{n}", n + 1
        return candidate

    def apply(self, post: dict[str, Any], data: dict[str, Any]) -> None:
        for key in ("status", "date_gmt", "categories", "tags"):
            if key in data:
                post[key] = data[key]
        if "title" in data:
            # Like WordPress: the title is stored and rendered as HTML, not escaped on the way.
            post["title"] = {"raw": data["title"], "rendered": data["title"]}
        if "content" in data:
            post["content"] = {"raw": data["content"], "rendered": data["content"]}
        if "slug" in data:
            post["slug"] = self.unique_slug(data["slug"], post["id"])
        post["link"] = f"{self.url}/{post['slug']}/"


def _handler(site: FakeWordPress) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_: object) -> None:
            pass

        def _send(self, status: int, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _route(self, method: str) -> None:
            url = urlsplit(self.path)
            site.log.append((method, self.path))
            if not site.authorized(self.headers.get("Authorization")):
                return self._send(401, {"code": "incorrect_password", "message": "Wrong pass."})
            if site.fail_next:
                status, site.fail_next = site.fail_next, None
                return self._send(status, {"code": "internal_error", "message": "Boom"})
            length = int(self.headers.get("Content-Length") or 0)
            data = json.loads(self.rfile.read(length) or b"{}") if length else {}
            route = url.path.removeprefix(ROOT)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            with site.lock:
                status, body = _dispatch(site, method, route, query, data)
            if method == "POST" and route == "posts" and site.create_delay:
                time.sleep(site.create_delay)  # created, but the answer comes too late
            self._send(status, body)

        def do_GET(self) -> None:
            self._route("GET")

        def do_POST(self) -> None:
            self._route("POST")

    return Handler


def _dispatch(site: FakeWordPress, method: str, route: str, query: dict, data: dict) -> tuple:
    if route == "users/me":
        return 200, {"id": 1, "slug": site.user, "roles": ["editor"]}
    if route in ("categories", "tags"):
        return _terms(site, site.terms[route], method, query, data)
    if route == "posts" and method == "GET":
        wanted = {"publish"} if query.get("status", "publish") == "publish" else None
        if wanted is None and query.get("context") != "edit":
            return 400, {"code": "rest_invalid_param", "message": "status needs context=edit"}
        found = [
            p
            for p in site.posts.values()
            if (not query.get("slug") or p["slug"] == query["slug"])
            and (wanted is None or p["status"] in wanted)
            and p["status"] != "trash"
        ]
        return 200, found
    if route == "posts" and method == "POST":
        post = {"id": site._new_id(), "slug": "", "status": "draft", "categories": [], "tags": []}
        site.posts[post["id"]] = post
        site.apply(post, data)
        return 201, post
    match = re.fullmatch(r"posts/(\d+)", route)
    if match and int(match.group(1)) in site.posts:
        post = site.posts[int(match.group(1))]
        if method == "POST":
            site.apply(post, data)
        return 200, post
    return 404, {"code": "rest_post_invalid_id", "message": "Invalid post ID."}


def _terms(site: FakeWordPress, terms: dict, method: str, query: dict, data: dict) -> tuple:
    if method == "GET":
        needle = query.get("search", "").lower()
        return 200, [t for t in terms.values() if needle in t["name"].lower()]
    name = escape(data["name"], quote=False)
    for term in terms.values():
        if term["name"] == name:
            return 400, {
                "code": "term_exists",
                "message": "A term with the name provided already exists.",
                "data": {"status": 400, "term_id": term["id"]},
            }
    term_id = site._new_id()
    terms[term_id] = {"id": term_id, "name": name, "slug": f"term-{term_id}"}
    return 201, terms[term_id]
