"""A real `werkbank serve` on this test's database, and an editor's token for it."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from testkit.live import Server, cli_env, run_cli


@dataclass(frozen=True)
class Live:
    url: str
    headers: dict[str, str]


@pytest.fixture
def live(db_url, tmp_path) -> Iterator[Live]:
    """`werkbank serve` (no job worker) on the SQLite file or PostgreSQL database of db_url."""
    env = cli_env(tmp_path / "data", WERKBANK_DATABASE_URL=db_url, WERKBANK_RUN_WORKER="0")
    server = Server(env)
    try:
        run_cli(
            ["user", "add", "erika", "--role", "editor", "--password-stdin"], env, stdin="passwort-erika\n"
        )
        token = run_cli(["token", "create", "erika"], env).stdout.strip()
        yield Live(server.url, {"Authorization": f"Bearer {token}"})
    finally:
        server.stop()
