"""Login throttling: too many failed attempts for a name or from an address are refused for a while."""

import threading
import time
from collections import defaultdict, deque

from app.errors import WerkbankError


class TooManyAttempts(WerkbankError):
    status = 429
    code = "too_many_attempts"


class LoginThrottle:
    """At most `limit` failures per name within `window` seconds (in memory, per process).

    Address keys ("ip:…") get `ip_factor` times the budget: behind a reverse proxy many people
    share one address, and one of them guessing must not lock everybody out.
    """

    def __init__(self, limit: int, window: float, *, ip_factor: int = 5) -> None:
        self.limit, self.window, self.ip_factor = limit, window, ip_factor
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures[key]
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def check(self, *keys: str) -> None:
        """Raise 429 if any key has used up its attempts."""
        now = time.monotonic()
        with self._lock:
            for key in keys:
                times = self._recent(key, now)
                limit = self.limit * (self.ip_factor if key.startswith("ip:") else 1)
                if len(times) >= limit:
                    wait = int(self.window - (now - times[0])) + 1
                    raise TooManyAttempts(f"Too many failed logins; try again in {wait} s", retry_after=wait)

    def failed(self, *keys: str) -> None:
        """Count a failed attempt against every key."""
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, *keys: str) -> None:
        """A successful login clears the keys' failures."""
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
