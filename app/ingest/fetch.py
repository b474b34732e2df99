"""Server-side page fetching for URL ingest: http(s) only, pinned public addresses, timeout, size cap."""

from urllib.parse import urljoin, urlsplit

import httpx

from app.config import Settings
from app.errors import FetchFailed, InvalidInput, PayloadTooLarge
from app.ingest.pinned import PinnedTransport

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAX_REDIRECTS = 5


def _check_url(url: str) -> None:
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


def fetch_html(url: str, *, settings: Settings) -> tuple[str, str]:
    """Fetch a page; return (final URL, HTML text); each redirect hop is resolved and checked anew."""
    transport = PinnedTransport(allow_private=settings.allow_private_urls)
    # trust_env=False: a proxy from the environment would resolve the name again itself.
    with httpx.Client(
        transport=transport, timeout=settings.fetch_timeout, follow_redirects=False, trust_env=False
    ) as client:
        for _ in range(_MAX_REDIRECTS + 1):
            _check_url(url)
            try:
                with client.stream("GET", url, headers={"User-Agent": "Werkbank/0.1"}) as resp:
                    if resp.is_redirect and "location" in resp.headers:
                        url = urljoin(url, resp.headers["location"])
                        continue
                    return url, _decode(resp, url, settings)
            except httpx.TimeoutException as exc:
                raise FetchFailed(
                    f"Timeout after {settings.fetch_timeout:g} s", code="fetch_timeout"
                ) from exc
            except httpx.HTTPError as exc:
                raise FetchFailed(f"Cannot fetch {url}: {exc}", code="fetch_failed") from exc
        raise FetchFailed("Too many redirects", code="fetch_failed")


def _decode(resp: httpx.Response, url: str, settings: Settings) -> str:
    if resp.status_code >= 400:
        raise FetchFailed(
            f"{url} answered {resp.status_code}", code="fetch_failed", upstream_status=resp.status_code
        )
    ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype not in _HTML_TYPES:
        raise InvalidInput(f"{url} is not an HTML page ({ctype or 'no type'})", code="not_html")
    body = _read_capped(resp, settings.fetch_max_bytes)
    return body.decode(resp.encoding or "utf-8", errors="replace")
