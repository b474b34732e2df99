"""Many real HTTP clients at once against a live `werkbank serve`: one thread each, released together."""

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import httpx

from testkit.live import Server, cli_env

T = TypeVar("T")


def at_once(n: int, call: Callable[[int], T]) -> list[T]:
    """Run call(0) … call(n-1) in n threads that all start at the same moment; results in order."""
    barrier = threading.Barrier(n)

    def run(i: int) -> T:
        barrier.wait(timeout=30)
        return call(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(run, range(n)))


@contextmanager
def live_admin(data_dir: Path, db_url: str, **env: str) -> Iterator[tuple[Server, httpx.Client]]:
    """`werkbank serve` on this test's database, and an API client logged in as its first admin."""
    server = Server(cli_env(data_dir, WERKBANK_DATABASE_URL=db_url, **env))
    try:
        password = server.admin_password()
        login = httpx.post(f"{server.url}/api/auth/login", json={"username": "admin", "password": password})
        login.raise_for_status()
        headers = {"Authorization": f"Bearer {login.json()['token']}"}
        limits = httpx.Limits(max_connections=50, max_keepalive_connections=50)
        with httpx.Client(base_url=server.url, headers=headers, timeout=60, limits=limits) as api:
            yield server, api
    finally:
        server.stop()
