"""Server-side page fetching for URL ingest: http(s) only, public addresses, timeout, size cap."""

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

import httpx

from app.config import Settings
from app.errors import FetchFailed, InvalidInput, PayloadTooLarge

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAX_REDIRECTS = 5


def _check_url(url: str, *, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput("Only http and https URLs can be fetched", code="invalid_url", url=url)
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailed(f"Cannot resolve {parts.hostname}", code="fetch_failed") from exc
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if not ip.is_global:
            raise InvalidInput(f"{parts.hostname} resolves to a private address", code="private_url", url=url)


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


def fetch_html(url: str, *, settings: Settings, client: httpx.Client | None = None) -> tuple[str, str]:
    """Fetch a page; return (final URL, HTML text). Redirects are re-checked hop by hop."""
    own = client is None
    client = client or httpx.Client(timeout=settings.fetch_timeout, follow_redirects=False)
    try:
        for _ in range(_MAX_REDIRECTS + 1):
            _check_url(url, allow_private=settings.allow_private_urls)
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
    finally:
        if own:
            client.close()


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
