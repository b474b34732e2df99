"""Login throttling: failed attempts per user name and per address in a moving window (`limits`)."""

import math
import time

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.storage import MemoryStorage, RedisStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from app.errors import WerkbankError

_NAMESPACE = "werkbank-login"


class TooManyAttempts(WerkbankError):
    status = 429
    code = "too_many_attempts"


class _BoundedMemoryStorage(MemoryStorage):
    """limits' memory storage that also drops keys whose entries have all expired.

    limits trims expired entries but keeps an empty list per key, so memory would grow with
    every user name ever tried; here a sweep (at most once per `sweep_every` seconds) removes them.
    """

    def __init__(self, sweep_every: float) -> None:
        super().__init__()
        self.sweep_every = sweep_every
        self._next_sweep = 0.0

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        self.sweep()
        return super().acquire_entry(key, limit, expiry, amount)

    def sweep(self) -> None:
        """Forget keys without a live entry."""
        now = time.time()
        if now < self._next_sweep:
            return
        self._next_sweep = now + self.sweep_every
        for key in list(self.events):
            with self.locks[key]:
                events = self.events.get(key)
                if not events or events[0].expiry <= now:  # newest first: all expired
                    self.events.pop(key, None)
                    self.locks.pop(key, None)

    def refund(self, key: str) -> None:
        """Give back the newest entry of `key`."""
        with self.locks[key]:
            if self.events.get(key):
                del self.events[key][0]


def _storage(url: str | None, window: int) -> Storage:
    if not url or url.startswith("memory://"):
        return _BoundedMemoryStorage(sweep_every=min(window, 60))
    storage = storage_from_string(url)  # redis://…: entries expire in Redis itself
    if not isinstance(storage, RedisStorage):
        raise ValueError(f"Login throttle storage must be memory:// or redis://…, not {url!r}")
    return storage


class LoginThrottle:
    """At most `limit` failed logins per name within `window` seconds; check and record are one step.

    Every attempt takes an entry from each key's budget before the password is checked (so
    parallel guesses cannot all pass a check that has not seen the others yet); a successful
    login forgets the name's entries and gives the address its entry back. Address keys ("ip:…")
    get `ip_factor` times the budget: behind a proxy many people share one address.
    Storage: memory (one process) or `storage_url` (redis://… shares the budget between processes).
    """

    def __init__(
        self, limit: int, window: float, *, ip_factor: int = 5, storage_url: str | None = None
    ) -> None:
        window = max(1, math.ceil(window))
        self._storage = _storage(storage_url, window)
        self._limiter = MovingWindowRateLimiter(self._storage)
        self._user = RateLimitItemPerSecond(limit, window)
        self._ip = RateLimitItemPerSecond(limit * ip_factor, window)

    def _item(self, key: str) -> RateLimitItem:
        return self._ip if key.startswith("ip:") else self._user

    def _refused(self, item: RateLimitItem, key: str) -> TooManyAttempts:
        reset = self._limiter.get_window_stats(item, _NAMESPACE, key).reset_time
        wait = max(1, math.ceil(reset - time.time()))
        return TooManyAttempts(f"Too many failed logins; try again in {wait} s", retry_after=wait)

    def attempt(self, *keys: str) -> None:
        """Take one attempt from every key's budget, or raise 429 (with retry_after) and take none."""
        taken: list[str] = []
        for key in keys:
            if not self._limiter.hit(self._item(key), _NAMESPACE, key):
                for done in taken:
                    self._refund(done)
                raise self._refused(self._item(key), key)
            taken.append(key)

    def check(self, *keys: str) -> None:
        """Raise 429 if any key has used up its budget (a probe: records nothing)."""
        for key in keys:
            if not self._limiter.test(self._item(key), _NAMESPACE, key):
                raise self._refused(self._item(key), key)

    def failed(self, *keys: str) -> None:
        """Count a failure against every key that still has budget (without an attempt before)."""
        for key in keys:
            self._limiter.hit(self._item(key), _NAMESPACE, key)

    def succeeded(self, user_key: str, *other_keys: str) -> None:
        """A successful login: the name's failures are forgotten, the other keys get their attempt back."""
        self._limiter.clear(self._user, _NAMESPACE, user_key)
        for key in other_keys:
            self._refund(key)

    def _refund(self, key: str) -> None:
        stored = self._item(key).key_for(_NAMESPACE, key)
        if isinstance(self._storage, _BoundedMemoryStorage):
            self._storage.refund(stored)
        elif isinstance(self._storage, RedisStorage):  # moving window = a Redis list, newest first
            self._storage.get_connection().lpop(self._storage.prefixed_key(stored))

    def tracked_keys(self) -> int:
        """How many keys the memory storage holds (for tests and monitoring); 0 for Redis."""
        if isinstance(self._storage, _BoundedMemoryStorage):
            self._storage.sweep()
            return len(self._storage.events)
        return 0
