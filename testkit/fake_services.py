"""A loopback HTTP server imitating the APIs of Google, Microsoft, LibreTranslate, MyMemory, DeepL.

"Translation" is `de:` + text. Texts containing BOOM get HTTP 500, texts containing DROP lose
their glossary placeholders. `server.script` queues one-shot behaviours per request:
"429", "500", "hang", "ok". `server.delay` makes every request take that many seconds (a slow engine).
"""

import html
import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PLACEHOLDER = re.compile(r"\[X\d+X\]")


def fake_translate(text: str, glossary: dict[str, str] | None = None) -> str:
    if "DROP" in text:
        text = PLACEHOLDER.sub("", text)
    for source, target in (glossary or {}).items():
        text = text.replace(source, target)
    return "de:" + text


class FakeServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, key: str | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.key = key
        self.script: list[str] = []
        self.delay = 0.0
        self.requests: list[tuple[str, list[str]]] = []
        self.glossaries: dict[str, dict[str, str]] = {}
        self.released = threading.Event()
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def next_action(self) -> str:
        with self.lock:
            return self.script.pop(0) if self.script else "ok"

    def texts(self) -> list[str]:
        return [t for _, texts in self.requests for t in texts]


def refused_url() -> str:
    """A loopback URL nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class _Handler(BaseHTTPRequestHandler):
    server: FakeServer

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _reply(self, status: int, body: object, content_type: str = "application/json") -> None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _dispatch(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = json.loads(raw) if raw and "json" in (self.headers.get("Content-Type") or "") else {}
        route = {
            "/m": self._google,
            "/get": self._mymemory,
            "/v2/translate": self._deepl,
            "/v2/glossaries": self._deepl_glossary,
        }.get(parts.path)
        if parts.path == "/translate":
            route = self._microsoft if "api-version" in query else self._libre
        if route is None:
            return self._reply(404, {"error": "no such endpoint"})
        texts = self._texts(parts.path, query, body)
        self.server.requests.append((parts.path, texts))
        action = self.server.next_action()
        if action == "hang":
            self.server.released.wait(10)
            return None
        if self.server.delay:
            time.sleep(self.server.delay)
        if action in ("429", "500"):
            return self._reply(int(action), {"error": f"scripted {action}"})
        if any("BOOM" in t for t in texts):
            return self._reply(500, {"error": "boom"})
        return route(query, body, texts)

    def _texts(self, path: str, query: dict, body: object) -> list[str]:
        if path == "/v2/translate":
            return list(body.get("text", []))
        if path == "/translate" and "api-version" in query:
            return [item["text"] for item in body]
        if path == "/v2/glossaries":
            return []
        return [query.get("q", "")]

    def _key_ok(self, given: str | None) -> bool:
        return self.server.key is None or given == self.server.key

    def _google(self, query: dict, body: object, texts: list[str]) -> None:
        page = f'<html><div class="result-container">{html.escape(fake_translate(texts[0]))}</div>'
        self._reply(200, page, "text/html")

    def _mymemory(self, query: dict, body: object, texts: list[str]) -> None:
        if not self._key_ok(query.get("de")):
            return self._reply(
                200,
                {
                    "responseData": {"translatedText": "INVALID EMAIL"},
                    "responseStatus": 403,
                    "responseDetails": "INVALID EMAIL",
                },
            )
        if query.get("langpair") not in ("en-GB|de-DE", "ru-RU|de-DE"):
            return self._reply(400, {"error": f"bad langpair {query.get('langpair')}"})
        data = {"translatedText": fake_translate(texts[0])}
        self._reply(200, {"responseData": data, "responseStatus": 200, "matches": []})

    def _libre(self, query: dict, body: object, texts: list[str]) -> None:
        if not self._key_ok(query.get("api_key")):
            return self._reply(403, {"error": "Invalid API key"})
        self._reply(200, {"translatedText": fake_translate(texts[0])})

    def _microsoft(self, query: dict, body: object, texts: list[str]) -> None:
        if not self._key_ok(self.headers.get("Ocp-Apim-Subscription-Key")):
            return self._reply(401, {"error": {"code": 401000, "message": "bad key"}})
        out = [{"translations": [{"text": fake_translate(t), "to": query["to"]}]} for t in texts]
        self._reply(200, out)

    def _deepl_key_ok(self) -> bool:
        return self._key_ok(self.headers.get("Authorization", "").removeprefix("DeepL-Auth-Key "))

    def _deepl(self, query: dict, body: dict, texts: list[str]) -> None:
        if not self._deepl_key_ok():
            return self._reply(403, {"message": "Wrong key"})
        glossary = self.server.glossaries.get(body.get("glossary_id") or "", {})
        out = [
            {
                "detected_source_language": "EN",
                "text": fake_translate(t, glossary),
                "billed_characters": len(t),
            }
            for t in texts
        ]
        self._reply(200, {"translations": out})

    def _deepl_glossary(self, query: dict, body: dict, texts: list[str]) -> None:
        if not self._deepl_key_ok():
            return self._reply(403, {"message": "Wrong key"})
        entries = dict(line.split("\t") for line in body["entries"].splitlines() if line)
        glossary_id = f"g{len(self.server.glossaries) + 1}"
        self.server.glossaries[glossary_id] = entries
        self._reply(
            201,
            {
                "glossary_id": glossary_id,
                "name": body["name"],
                "ready": True,
                "source_lang": body["source_lang"].lower(),
                "target_lang": body["target_lang"].lower(),
                "creation_time": "2024-01-01T00:00:00.000Z",
                "entry_count": len(entries),
            },
        )


def start(key: str | None = None) -> FakeServer:
    server = FakeServer(key)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    return server


def stop(server: FakeServer) -> None:
    server.released.set()
    server.shutdown()
    server.server_close()
    time.sleep(0)
