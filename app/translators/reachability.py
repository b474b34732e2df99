"""Can an online engine's server be reached from here? A cached TCP probe, proxy-aware."""

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from urllib.parse import urlsplit

from requests.utils import get_environ_proxies

TTL = 60.0  # seconds a probe's answer is reused
TIMEOUT = 2.0
_cache: dict[tuple[str, int], tuple[float, str | None]] = {}
_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None


def _executor() -> ThreadPoolExecutor:
    """The probe threads, started on the first probe rather than at import."""
    global _pool
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="reach")
        return _pool


def _target(url: str) -> tuple[str, int]:
    """Host and port a request to `url` would connect to (the proxy's, if one is configured)."""
    proxies = get_environ_proxies(url)
    parts = urlsplit(proxies.get(urlsplit(url).scheme) or url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname or "", port


def _connect(host: str, port: int) -> str | None:
    try:
        socket.create_connection((host, port), timeout=TIMEOUT).close()
        return None
    except OSError as exc:
        return f"cannot reach {host}:{port} ({exc.strerror or exc})"


def unreachable(url: str) -> str | None:
    """None when a TCP connection to the server (or its proxy) works, else why not."""
    host, port = _target(url)
    if not host:
        return f"invalid URL {url!r}"
    now = time.monotonic()
    with _lock:
        hit = _cache.get((host, port))
    if hit and now - hit[0] < TTL:
        return hit[1]
    future = _executor().submit(_connect, host, port)
    try:
        reason = future.result(timeout=TIMEOUT + 0.5)  # name lookups have no timeout of their own
    except FutureTimeout:
        reason = f"cannot reach {host}:{port} (no answer in {TIMEOUT:g} s)"
    with _lock:
        _cache[(host, port)] = (time.monotonic(), reason)
    return reason


def probe_all(urls: set[str]) -> None:
    """Probe several servers at once, so a listing waits for the slowest, not the sum."""
    with ThreadPoolExecutor(max_workers=max(len(urls), 1), thread_name_prefix="reach-all") as pool:
        list(pool.map(unreachable, urls))


def forget() -> None:
    """Drop cached answers (tests, or after the network changed)."""
    with _lock:
        _cache.clear()
