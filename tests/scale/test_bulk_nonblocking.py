"""A large bulk ingest does not stall the server: /api/health answers promptly meanwhile (real uvicorn)."""

import threading
import time
from pathlib import Path
from statistics import quantiles

import httpx

from testkit.articles import articles
from testkit.live import Server, cli_env, run_cli


def _children(pid: int) -> set[int]:
    """The child processes of `pid` now (Linux /proc)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(c) for c in (task / "children").read_text().split())
    return found


def _token(env) -> str:
    run_cli(
        ["user", "add", "bulky", "--role", "editor", "--password-stdin"], env, stdin="passwort-passwort\n"
    )
    return run_cli(["token", "create", "bulky"], env).stdout.strip()


def test_health_answers_within_a_second_while_a_large_bulk_runs(tmp_path):
    env = cli_env(tmp_path / "data", WERKBANK_RUN_WORKER="0")
    server = Server(env)
    try:
        headers = {"Authorization": f"Bearer {_token(env)}"}
        items = articles(600)
        answer: dict = {}

        def bulk() -> None:
            start = time.perf_counter()
            r = httpx.post(f"{server.url}/api/documents/bulk", json=items, headers=headers, timeout=600)
            answer["status"], answer["body"] = r.status_code, r.json()
            answer["seconds"] = time.perf_counter() - start

        worker = threading.Thread(target=bulk)
        worker.start()
        time.sleep(0.5)  # the bulk request is in the server
        waits, children = [], set()
        while worker.is_alive():
            children |= _children(server.proc.pid)
            start = time.perf_counter()
            assert httpx.get(f"{server.url}/api/health", timeout=30).status_code == 200
            waits.append(time.perf_counter() - start)
            time.sleep(0.05)
        worker.join()
        assert answer["status"] == 200 and answer["body"]["created"] == 600, answer
        # Blocked, a probe waits for the rest of the bulk (2.7 s of 3 s here before the fix). On a
        # machine shared with other work one probe may be slow anyway: the bound is on the p90, and
        # no probe may wait a quarter of the bulk's time.
        shown = f"{len(waits)} probes, max {max(waits):.2f} s, bulk {answer['seconds']:.1f} s"
        assert len(waits) >= 5, f"the bulk request ended before health was probed enough: {shown}"
        assert quantiles(waits, n=10)[-1] < 1.0, f"health p90 over 1 s during the bulk: {shown}"
        assert max(waits) < answer["seconds"] / 4, f"health waited for the bulk: {shown}"
        # The detection and segmentation ran in the server's ingest process, not on its GIL.
        assert children, "no ingest process was started by the server during the bulk"
    finally:
        server.stop()
