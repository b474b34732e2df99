"""Server-side page fetching for URL ingest: http(s) only, pinned public addresses, timeout, size cap."""

from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from app.config import Settings
from app.errors import FetchFailed, InvalidInput, PayloadTooLarge
from app.ingest.pinned import PinnedTransport

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAX_REDIRECTS = 5


def check_url(url: str) -> None:
    """Only http(s) URLs with a host may be fetched (422 invalid_url)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput("Only http and https URLs can be fetched", code="invalid_url", url=url)


def _read_capped(response: httpx.Response, limit: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"Page is larger than {limit} bytes", code="too_large")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"Page is larger than {limit} bytes", code="too_large")
        chunks.append(chunk)
    return b"".join(chunks)


@dataclass(frozen=True)
class Fetched:
    """A fetched resource: the final URL, status (200, or 304 for a conditional GET) and body."""

    url: str
    status: int
    body: bytes
    content_type: str
    encoding: str | None
    etag: str | None = None
    last_modified: str | None = None


def fetch_resource(
    url: str, *, settings: Settings, types: Collection[str], headers: dict[str, str] | None = None
) -> Fetched:
    """GET with the ingest rules (http(s), pinned public addresses, timeout, size cap, 5 redirects).

    Each redirect hop is resolved and checked anew. `types` are the accepted content types (a
    different one is `not_html`/`unsupported_type`); a 304 answer comes back with an empty body.
    """
    transport = PinnedTransport(allow_private=settings.allow_private_urls)
    sent = {"User-Agent": "Werkbank/0.1", **(headers or {})}
    # trust_env=False: a proxy from the environment would resolve the name again itself.
    with httpx.Client(
        transport=transport, timeout=settings.fetch_timeout, follow_redirects=False, trust_env=False
    ) as client:
        for _ in range(_MAX_REDIRECTS + 1):
            check_url(url)
            try:
                with client.stream("GET", url, headers=sent) as resp:
                    if resp.is_redirect and "location" in resp.headers:
                        url = urljoin(url, resp.headers["location"])
                        continue
                    return _read(resp, url, settings, types)
            except httpx.TimeoutException as exc:
                raise FetchFailed(
                    f"Timeout after {settings.fetch_timeout:g} s", code="fetch_timeout"
                ) from exc
            except httpx.HTTPError as exc:
                raise FetchFailed(f"Cannot fetch {url}: {exc}", code="fetch_failed") from exc
        raise FetchFailed(f"More than {_MAX_REDIRECTS} redirects", code="too_many_redirects")


def _read(resp: httpx.Response, url: str, settings: Settings, types: Collection[str]) -> Fetched:
    if resp.status_code >= 400:
        raise FetchFailed(
            f"{url} answered {resp.status_code}", code="fetch_failed", upstream_status=resp.status_code
        )
    ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
    etag, modified = resp.headers.get("etag"), resp.headers.get("last-modified")
    if resp.status_code == 304:
        return Fetched(url, 304, b"", ctype, None, etag, modified)
    if ctype not in types:
        if types == _HTML_TYPES:
            raise InvalidInput(f"{url} is not an HTML page ({ctype or 'no type'})", code="not_html")
        raise InvalidInput(f"{url} has an unsupported type ({ctype or 'no type'})", code="unsupported_type")
    body = _read_capped(resp, settings.fetch_max_bytes)
    return Fetched(url, resp.status_code, body, ctype, resp.encoding, etag, modified)


def fetch_html(url: str, *, settings: Settings) -> tuple[str, str]:
    """Fetch a page; return (final URL, HTML text)."""
    page = fetch_resource(url, settings=settings, types=_HTML_TYPES)
    return page.url, page.body.decode(page.encoding or "utf-8", errors="replace")
