"""HTTP plumbing for online engines: timed requests for deep-translator and one status mapping.

deep-translator 1.11.4 calls `requests.get/post` without a timeout and lets raw `requests`
exceptions escape. Each of its engine modules gets `TimedRequests` in place of the `requests`
module: calls go through a per-translator session with the translator's timeout, and every
transport error or non-2xx status becomes a typed translator error before deep-translator's
own (partly broken) handling sees the response.
"""

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import requests

from app.translators.errors import TranslatorRejected, TranslatorTransient, TranslatorUnavailable

MAX_RETRY_AFTER = 30.0


def fmt_seconds(value: float) -> str:
    return f"{value:g}"


def status_error(
    status: int, provider: str, *, detail: str = "", retry_after: str | None = None
) -> Exception | None:
    """The typed error for an HTTP status, or None when the status is a success."""
    if 200 <= status < 300:
        return None
    suffix = f": {detail[:200]}" if detail else ""
    if status == 429:
        return TranslatorTransient(
            f"rate limited by {provider} (HTTP 429)", retry_after=_retry_after(retry_after)
        )
    if status in (401, 403):
        return TranslatorUnavailable(f"{provider} rejected the API key (HTTP {status}){suffix}")
    if status == 456:
        return TranslatorUnavailable(f"{provider} quota exceeded (HTTP 456)")
    if status >= 500:
        return TranslatorTransient(f"{provider} server error (HTTP {status})", abort_rest=False)
    return TranslatorRejected(f"{provider} refused the text (HTTP {status}){suffix}")


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: delay-seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds()
        except (TypeError, ValueError):
            return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def timeout_error(provider: str, timeout: float) -> TranslatorTransient:
    return TranslatorTransient(f"timeout after {fmt_seconds(timeout)} s ({provider})")


def connection_error(provider: str, url: str) -> TranslatorUnavailable:
    host = urlsplit(url).netloc or url
    return TranslatorUnavailable(f"cannot connect to {host} ({provider})")


@dataclass
class HttpContext:
    """Who is calling and with which session, timeout and response check."""

    provider: str
    timeout: float
    session: requests.Session = field(default_factory=requests.Session)
    inspect: Callable[[requests.Response], None] | None = None


_current: contextvars.ContextVar[HttpContext | None] = contextvars.ContextVar("werkbank_http", default=None)
_FALLBACK = HttpContext("deep-translator", 30.0)


@contextlib.contextmanager
def http_context(context: HttpContext) -> Iterator[HttpContext]:
    """Route deep-translator's requests through `context` for the duration of the block."""
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


def checked_call(
    provider: str, timeout: float, url: str, call: Callable[[], requests.Response]
) -> requests.Response:
    """Run one request; transport failures and error statuses become typed translator errors."""
    try:
        response = call()
    except requests.Timeout as exc:
        raise timeout_error(provider, timeout) from exc
    except requests.ConnectionError as exc:
        raise connection_error(provider, url) from exc
    except requests.RequestException as exc:
        raise TranslatorUnavailable(f"{provider} request failed: {exc}") from exc
    error = status_error(
        response.status_code, provider, detail=response.text, retry_after=response.headers.get("Retry-After")
    )
    if error:
        raise error
    return response


def send(method: str, url: str, **kwargs: Any) -> requests.Response:
    """One timed request; raises typed translator errors instead of returning failures."""
    ctx = _current.get() or _FALLBACK
    kwargs["timeout"] = ctx.timeout
    response = checked_call(
        ctx.provider, ctx.timeout, url, lambda: ctx.session.request(method, url, **kwargs)
    )
    if ctx.inspect:
        ctx.inspect(response)
    return response


class TimedRequests:
    """Stands in for the `requests` module inside deep-translator's engine modules."""

    exceptions = requests.exceptions

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        return send("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> requests.Response:
        return send("POST", url, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(requests, name)


def patch_deep_translator() -> None:
    """Swap `requests` for TimedRequests in the deep-translator modules Werkbank uses."""
    from deep_translator import google, libre, microsoft, mymemory

    for module in (google, libre, microsoft, mymemory):
        if not isinstance(module.requests, TimedRequests):
            module.requests = TimedRequests()  # type: ignore[attr-defined]
