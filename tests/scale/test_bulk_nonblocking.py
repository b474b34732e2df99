"""A large bulk ingest does not stall the server: /api/health answers promptly meanwhile (real uvicorn)."""

import threading
import time

import httpx

from testkit.articles import articles
from testkit.live import Server, cli_env, run_cli


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
            r = httpx.post(f"{server.url}/api/documents/bulk", json=items, headers=headers, timeout=600)
            answer["status"], answer["body"] = r.status_code, r.json()

        worker = threading.Thread(target=bulk)
        worker.start()
        time.sleep(0.5)  # the bulk request is in the server
        waits = []
        while worker.is_alive():
            start = time.perf_counter()
            assert httpx.get(f"{server.url}/api/health", timeout=30).status_code == 200
            waits.append(time.perf_counter() - start)
            time.sleep(0.05)
        worker.join()
        assert answer["status"] == 200 and answer["body"]["created"] == 600, answer
        assert max(waits) < 1.0, f"health took up to {max(waits):.2f} s during the bulk ({len(waits)} probes)"
        assert len(waits) >= 5, "the bulk request ended before health was probed: make it larger"
    finally:
        server.stop()
