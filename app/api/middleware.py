"""ASGI guards in front of every route: request ids, body size cap, cross-site refusal, NUL refusal."""

import json
import re
import uuid
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


async def _reject(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuse request bodies over `limit` bytes with 413 before they are read into memory."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared and declared.isdigit() and int(declared) > self.limit:
            await _reject(send, 413, "too_large", f"Request body over {self.limit} bytes")
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await _reject(send, 413, "too_large", f"Request body over {self.limit} bytes")


class _TooLarge(Exception):
    pass


class SameOrigin:
    """Cookie-authenticated writes must come from this site's own pages (CSRF defence).

    Bearer-token requests are not affected: a browser never adds that header cross-site.
    """

    def __init__(self, app: ASGIApp, cookie: str) -> None:
        self.app, self.cookie = app, cookie.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in UNSAFE and not self._same_origin(scope):
            await _reject(send, 403, "cross_site", "Cross-site request refused")
            return
        await self.app(scope, receive, send)

    def _same_origin(self, scope: Scope) -> bool:
        headers = dict(scope["headers"])
        if b"authorization" in headers or self.cookie + b"=" not in headers.get(b"cookie", b""):
            return True
        origin = headers.get(b"origin") or headers.get(b"referer")
        if not origin:
            return True  # non-browser clients and same-origin navigations without Origin
        host = headers.get(b"host", b"").decode()
        return urlsplit(origin.decode()).netloc == host


# A JSON \u0000 escape: preceded by an even number of backslashes (an odd one would escape the "\").
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


class NoNul:
    """Refuse a NUL character anywhere in a request with 422 nul_character.

    PostgreSQL text cannot hold U+0000 (SQLite can): refusing it here makes both databases answer
    the same, for every field, filter and upload at once. The body is read whole first, as the
    routes do anyway (BodyLimit, outside this guard, caps it).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in scope["path"] or b"%00" in scope["query_string"]:
            await _reject(send, 422, "nul_character", "NUL characters are not accepted in URLs")
            return
        chunks: list[bytes] = []
        message: Message = {"type": "http.request", "more_body": scope["method"] in UNSAFE}
        while message["type"] == "http.request" and message.get("more_body"):
            message = await receive()
            chunks.append(message.get("body", b""))
        body = b"".join(chunks)
        ctype = dict(scope["headers"]).get(b"content-type", b"")
        json_like = not ctype or b"json" in ctype  # FastAPI reads a body without a type as JSON
        if b"\x00" in body or (json_like and _JSON_NUL.search(body)):
            await _reject(send, 422, "nul_character", "NUL characters are not accepted in request bodies")
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed or not chunks:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


class SecurityHeaders:
    """Headers every response gets; frontend files are revalidated (ETag) so upgrades show at once."""

    HEADERS = [
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
    ]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = not scope["path"].startswith(("/api", "/docs", "/openapi"))

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    h for h in message.get("headers", []) if h[0].lower() != b"cache-control" or not static
                ]
                headers += self.HEADERS
                if static:
                    headers.append((b"cache-control", b"no-cache"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


_SANE_ID = re.compile(rb"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")
ErrorHandler = Callable[[Request, Exception], Awaitable[Response]]


class RequestId:
    """Give every request an id (a sane incoming X-Request-ID, else a new one) and every answer the header.

    An exception no handler took becomes `on_error`'s answer (a 500 that names the id) when nothing
    was sent yet; it is not raised further, so the server does not log it a second time without id.
    """

    def __init__(self, app: ASGIApp, on_error: ErrorHandler) -> None:
        self.app, self.on_error = app, on_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"")
        request_id = incoming.decode() if _SANE_ID.fullmatch(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        started = False

        async def with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [h for h in message.get("headers", []) if h[0].lower() != b"x-request-id"]
                message = {**message, "headers": [*headers, (b"x-request-id", request_id.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, with_id)
        except Exception as exc:
            response = await self.on_error(Request(scope), exc)
            if started:  # too late for a clean 500: the server closes the connection
                raise
            await response(scope, receive, with_id)
