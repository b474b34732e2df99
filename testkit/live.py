"""Helpers for tests that run Werkbank as a real process (uvicorn over loopback)."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from testkit.offline import OFFLINE_ENV

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    """Until `url`/api/health answers 200; fail with the server's log if it exits or hangs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"werkbank serve exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"werkbank serve did not come up: {log.read_text()[-2000:]}")


def cli_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WERKBANK_")}
    env.update(WERKBANK_DATA_DIR=str(data_dir), WERKBANK_ALLOW_PRIVATE_URLS="1", PYTHONPATH=str(ROOT))
    env.update(OFFLINE_ENV)
    env.update(extra)
    return env


def run_cli(args: list[str], env: dict[str, str], stdin: str | None = None, check: bool = True):
    proc = subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"werkbank {' '.join(args)} failed: {proc.stdout}\n{proc.stderr}")
    return proc


class Server:
    """`werkbank serve` on a free loopback port; stdout captured for the admin password."""

    def __init__(self, env: dict[str, str], args: tuple[str, ...] = ()) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(env["WERKBANK_DATA_DIR"]).with_suffix(".serve.log")
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve", "--port", str(self.port), *args],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        wait_healthy(self.url, self.proc, self.log)

    def admin_password(self) -> str | None:
        for line in self.log.read_text().splitlines():
            if "one-time password:" in line:
                return line.rsplit(":", 1)[1].strip()
        return None

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
