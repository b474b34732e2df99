"""Start a real `werkbank serve` on a free loopback port, with users and an API client (tests, benchmarks)."""

import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from testkit.live import free_port, wait_healthy
from testkit.offline import OFFLINE_ENV

# The e2e users (editors erika and eva, translator tom) and their passwords.
PASSWORDS = {"erika": "erika-passwort-1", "tom": "tom-passwort-1", "eva": "eva-passwort-1"}
ROOT = Path(__file__).resolve().parents[1]
PASSWORD_LINE = re.compile(r"one-time password: (\S+)")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@dataclass
class Server:
    """A running server: its URL, database file and the first admin's password."""

    base_url: str
    db_path: Path
    admin_password: str
    process: subprocess.Popen
    passwords: dict[str, str] = field(default_factory=dict)

    def client(self, username: str) -> httpx.Client:
        """An API client logged in as the user (bearer token of a fresh session)."""
        token = self.token(username)
        return httpx.Client(base_url=self.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)

    def token(self, username: str) -> str:
        """A session token for the user, as the login form would get it."""
        password = self.admin_password if username == "admin" else self.passwords[username]
        resp = httpx.post(
            f"{self.base_url}/api/auth/login", json={"username": username, "password": password}, timeout=30
        )
        resp.raise_for_status()
        return resp.json()["token"]

    def wait_job(self, client: httpx.Client, job_id: int, timeout: float = 30) -> dict:
        """Poll a translation job until it is done or failed."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = client.get(f"/api/jobs/{job_id}").json()
            if job["status"] in ("done", "failed"):
                return job
            time.sleep(0.1)
        raise TimeoutError(f"job {job_id} still running")

    def add_user(self, username: str, role: str, password: str) -> None:
        """Create a user through the admin API."""
        with self.client("admin") as admin:
            admin.post(
                "/api/users", json={"username": username, "role": role, "password": password}
            ).raise_for_status()
        self.passwords[username] = password

    def set_draft(self, segment_id: int, text: str, provider: str = "offline") -> None:
        """Write a machine draft straight into the database, as a translation job would."""
        with sqlite3.connect(self.db_path) as conn:
            conn.execute(
                "UPDATE segment SET draft_text=?, draft_provider=?, target_text=?, status='draft', "
                "version=version+1, updated_by=? WHERE id=?",
                (text, provider, text, f"mt:{provider}", segment_id),
            )


def _wait_ready(base_url: str, log: Path, proc: subprocess.Popen, timeout: float = 60) -> str:
    """Wait for health, then read the first admin's password (printed before uvicorn starts)."""
    wait_healthy(base_url, proc, log, timeout)
    found = PASSWORD_LINE.search(log.read_text())
    if not found:
        raise RuntimeError(f"no admin password in the log: {log.read_text()[-2000:]}")
    return found.group(1)


def install_tiny_model(data_dir: Path, source: str = "en", target: str = "de") -> None:
    """Put the tests' tiny random-weight offline model into the data dir (the `offline` provider)."""
    from app.translators.packages import install_package
    from testkit.tiny_model import build_tiny_argos_package

    package = build_tiny_argos_package(data_dir / "packages", source, target)
    install_package(package, data_dir / "models")


@contextmanager
def run_server(
    data_dir: Path, *, tiny_model: bool = True, env: dict[str, str] | None = None, timeout: float = 60
) -> Iterator[Server]:
    """`werkbank serve` from this tree with its own data dir and SQLite file, plus `env`; stopped afterwards."""
    if tiny_model:
        (data_dir / "packages").mkdir(exist_ok=True)
        install_tiny_model(data_dir)
    port = free_port()
    db_path = data_dir / "e2e.db"
    env = {
        **os.environ,
        "WERKBANK_DATA_DIR": str(data_dir),
        "WERKBANK_DATABASE_URL": f"sqlite:///{db_path}",
        "WERKBANK_ALLOW_PRIVATE_URLS": "false",
        "PYTHONUNBUFFERED": "1",
        **OFFLINE_ENV,
        **(env or {}),
    }
    log = data_dir / "server.log"
    cmd = [
        sys.executable,
        "-c",
        "from app.cli.commands import main; main()",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        password = _wait_ready(base_url, log, proc, timeout)
        yield Server(base_url=base_url, db_path=db_path, admin_password=password, process=proc)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
