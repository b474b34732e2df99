"""A loopback imitation of an OpenAI-compatible chat-completions server that records every request.

The "model" reads the segments JSON at the end of the user message and answers
`{"translations": [{"id", "text": "de:" + text}]}`, replacing each termbase entry the request
lists ("X" → "Y") unless the text contains DROP. A text with BOOM gets HTTP 400 (a content
filter). `server.script` queues one-shot behaviours per request: "429" (with Retry-After),
"500", "hang", "merge" (the last two segments come back as one), "prose" (no JSON at all), "ok".
`server.delay` makes every answer take that long; `most_in_flight` counts concurrent requests.
Usage is reported as prompt_tokens = characters of the messages // 4, completion_tokens =
characters of the answer // 4, and kept per request in `server.usages`.
"""

import json
import re
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TERM = re.compile(r'^- "(.+)" → "(.+)"$', re.MULTILINE)


@dataclass
class ChatRequest:
    path: str
    headers: dict[str, str]
    body: dict

    @property
    def system(self) -> str:
        return next(m["content"] for m in self.body["messages"] if m["role"] == "system")

    @property
    def user(self) -> str:
        return next(m["content"] for m in self.body["messages"] if m["role"] == "user")

    @property
    def segments(self) -> list[dict]:
        return json.loads(self.user.rpartition("Segments:\n")[2])

    @property
    def texts(self) -> list[str]:
        return [s["text"] for s in self.segments]


class FakeLLM(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, key: str | None = None, retry_after: str = "0.2") -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.key = key
        self.retry_after = retry_after
        self.script: list[str] = []
        self.requests: list[ChatRequest] = []
        self.times: list[float] = []  # monotonic arrival time of each request
        self.usages: list[tuple[int, int]] = []
        self.delay = 0.0  # seconds every answer takes (a slow model)
        self.in_flight = 0
        self.most_in_flight = 0  # the most requests the server had at the same time
        self.released = threading.Event()
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        """The base URL a user would configure (…/v1)."""
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def next_action(self) -> str:
        with self.lock:
            return self.script.pop(0) if self.script else "ok"

    def texts(self) -> list[str]:
        return [t for r in self.requests for t in r.texts]


def model_answer(request: ChatRequest) -> list[dict]:
    """What the imitated model translates: "de:" + text with the listed termbase entries applied."""
    terms = TERM.findall(request.user.rpartition("Segments:\n")[0])
    out = []
    for segment in request.segments:
        text = segment["text"]
        if "DROP" not in text:
            for source, target in terms:
                text = text.replace(source, target)
        out.append({"id": segment["id"], "text": "de:" + text})
    return out


class _Handler(BaseHTTPRequestHandler):
    server: FakeLLM

    def log_message(self, *args: object) -> None:
        pass

    def _leave(self) -> None:
        """The request is no longer in flight (before its answer is sent: the client may go on at once)."""
        if getattr(self, "counted", False):
            self.counted = False
            with self.server.lock:
                self.server.in_flight -= 1

    def _reply(self, status: int, body: object, headers: dict[str, str] | None = None) -> None:
        self._leave()
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if not self.path.endswith("/v1/chat/completions"):
            return self._reply(404, {"error": {"message": f"no route {self.path}"}})
        if self.server.key and self.headers.get("Authorization") != f"Bearer {self.server.key}":
            return self._reply(401, {"error": {"message": "Incorrect API key provided"}})
        request = ChatRequest(self.path, dict(self.headers.items()), json.loads(raw))
        with self.server.lock:
            self.server.requests.append(request)
            self.server.times.append(time.monotonic())
            self.server.in_flight += 1
            self.server.most_in_flight = max(self.server.most_in_flight, self.server.in_flight)
        self.counted = True
        try:
            self._answer(request, self.server.next_action())
        finally:
            self._leave()

    def _answer(self, request: ChatRequest, action: str) -> None:
        if self.server.delay:
            time.sleep(self.server.delay)
        if action == "hang":
            self.server.released.wait(10)
            return None
        if action == "429":
            return self._reply(
                429, {"error": {"message": "Rate limit"}}, {"Retry-After": self.server.retry_after}
            )
        if action == "500":
            return self._reply(500, {"error": {"message": "scripted 500"}})
        if any("BOOM" in t for t in request.texts):
            return self._reply(400, {"error": {"message": "content filter"}})
        items = model_answer(request)
        if action == "merge" and len(items) > 1:
            items[-2]["text"] += " " + items.pop()["text"]
        content = (
            "Gern, hier ist die Übersetzung." if action == "prose" else json.dumps({"translations": items})
        )
        prompt = sum(len(m["content"]) for m in request.body["messages"]) // 4
        usage = (prompt, len(content) // 4)
        with self.server.lock:
            self.server.usages.append(usage)
        self._reply(
            200,
            {
                "id": f"chatcmpl-{len(self.server.requests)}",
                "object": "chat.completion",
                "model": request.body.get("model"),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": content},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {
                    "prompt_tokens": usage[0],
                    "completion_tokens": usage[1],
                    "total_tokens": sum(usage),
                },
            },
        )


def start(key: str | None = None) -> FakeLLM:
    server = FakeLLM(key)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    return server


def stop(server: FakeLLM) -> None:
    server.released.set()
    server.shutdown()
    server.server_close()
