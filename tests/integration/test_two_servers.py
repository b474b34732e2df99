"""Two `werkbank serve` processes and two `werkbank worker`s on one PostgreSQL database and one Redis.

Every process gets its own data dir, as if it ran on its own machine; they share only the database
(WERKBANK_DATABASE_URL), the job queue and the login throttle (Redis). 50 documents are ingested and
translated through both servers: every job runs exactly once (one machine revision per segment, no
text sent to the translator twice), and an edit made through one server is what the other answers.
"""

import subprocess
import sys
import time

import httpx
import pytest

from testkit.articles import articles
from testkit.database import pg_database
from testkit.live import ROOT, Server, cli_env, run_cli
from testkit.services import PG_URL, REDIS_URL, skip_or_fail
from tests.test_worker import SlowLibre

DOCUMENTS = 50


@pytest.fixture
def cluster(tmp_path):
    if not PG_URL or not REDIS_URL:
        skip_or_fail("WERKBANK_TEST_POSTGRES_URL and WERKBANK_TEST_REDIS_URL are needed")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    libre = SlowLibre(delay=0.0)
    database = pg_database(PG_URL)
    shared = {
        "WERKBANK_DATABASE_URL": next(database),
        "WERKBANK_QUEUE_URL": REDIS_URL,
        "WERKBANK_RATE_LIMIT_URL": REDIS_URL,
        "WERKBANK_RUN_WORKER": "0",
        "WERKBANK_TRANSLATOR_LIBRETRANSLATE_URL": libre.url,
        "WERKBANK_TRANSLATOR_RETRIES": "0",
        "WERKBANK_DEFAULT_PROVIDER": "libretranslate",
        "WERKBANK_LOGIN_ATTEMPTS": "3",
    }
    envs = {name: cli_env(tmp_path / name, **shared) for name in ("app1", "app2", "worker1", "worker2")}
    servers, workers = [], []
    try:
        servers.append(Server(envs["app1"]))  # migrates the database and creates the admin
        servers.append(Server(envs["app2"], args=("--workers", "2")))  # two processes on this "machine"
        for name in ("worker1", "worker2"):
            workers.append(
                subprocess.Popen(
                    [sys.executable, "-m", "app.cli", "worker"],
                    cwd=ROOT,
                    env=envs[name],
                    stdout=(tmp_path / f"{name}.log").open("w"),
                    stderr=subprocess.STDOUT,
                )
            )
        run_cli(
            ["user", "add", "tina", "--role", "editor", "--password-stdin"],
            envs["app1"],
            stdin="passwort-passwort\n",
        )
        token = run_cli(["token", "create", "tina"], envs["app2"]).stdout.strip()
        clients = [
            httpx.Client(base_url=s.url, headers={"Authorization": f"Bearer {token}"}, timeout=60)
            for s in servers
        ]
        yield clients, libre, workers
    finally:
        for proc in workers:
            proc.terminate()
        for proc in workers:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        for server in servers:
            server.stop()
        libre.shutdown()
        database.close()  # drops the database


def _wait_all(api: httpx.Client, job_ids: list[int], timeout: float = 240) -> list[dict]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = [api.get(f"/api/jobs/{job_id}").json() for job_id in job_ids]
        if all(j["status"] in ("done", "failed") for j in jobs):
            return jobs
        time.sleep(0.5)
    raise AssertionError(f"jobs still open: {[j for j in jobs if j['status'] not in ('done', 'failed')]}")


def test_two_servers_two_workers_one_database(cluster):
    (one, two), libre, workers = cluster
    items = articles(DOCUMENTS)
    half = DOCUMENTS // 2
    created = []
    for api, part in ((one, items[:half]), (two, items[half:])):
        r = api.post("/api/documents/bulk", json=part)
        assert r.status_code == 200 and r.json()["created"] == len(part), r.text
        created += [x["document_id"] for x in r.json()["results"]]
    assert len(set(created)) == DOCUMENTS
    # Each server sees what the other stored.
    for api in (one, two):
        assert {d["id"] for d in api.get("/api/documents", params={"limit": 200}).json()["items"]} == set(
            created
        )

    jobs = []
    for n, doc_id in enumerate(created):
        r = (one, two)[n % 2].post(f"/api/documents/{doc_id}/translate", json={"provider": "libretranslate"})
        assert r.status_code == 202, r.text
        jobs.append(r.json()["id"])
    finished = _wait_all(two, jobs)
    assert [j["status"] for j in finished] == ["done"] * DOCUMENTS, [
        j for j in finished if j["status"] != "done"
    ]
    assert all(j["attempts"] == 1 and j["errors"] == 0 and j["done"] == j["total"] == 7 for j in finished)
    assert len({j["worker"] for j in finished}) == 2, "both workers took jobs"
    assert all(proc.poll() is None for proc in workers)

    segments = [s for doc_id in created for s in one.get(f"/api/documents/{doc_id}").json()["segments"]]
    assert len(segments) == DOCUMENTS * 7
    assert len(libre.seen) == len(set(libre.seen)) == len({s["source_text"] for s in segments})
    for seg in segments:
        assert seg["status"] == "draft" and seg["draft_text"] == "de: " + seg["source_text"], seg
        machine = [
            r for r in two.get(f"/api/segments/{seg['id']}/revisions").json() if r["kind"] == "machine"
        ]
        assert len(machine) == 1, (seg["id"], machine)

    # Edits through one server are what the other answers, and a stale version is refused by either.
    for n, seg in enumerate(segments[:20]):
        writer, reader = ((one, two), (two, one))[n % 2]
        text = f"Bearbeitet {n}: {seg['draft_text'][4:40].strip()}"
        r = writer.patch(f"/api/segments/{seg['id']}", json={"target_text": text, "version": seg["version"]})
        assert r.status_code == 200, r.text
        seen = reader.get(f"/api/segments/{seg['id']}").json()
        assert (
            seen["target_text"] == text
            and seen["status"] == "edited"
            and seen["version"] == seg["version"] + 1
        )
        stale = reader.patch(
            f"/api/segments/{seg['id']}", json={"target_text": "x", "version": seg["version"]}
        )
        assert stale.status_code == 409, stale.text

    # The login throttle counts across servers (Redis): failures at one lock the name at the other.
    for _ in range(3):
        r = one.post(
            "/api/auth/login",
            json={"username": "tina", "password": "wrong-password"},
            headers={"Authorization": ""},
        )
        assert r.status_code == 401, r.text
    r = two.post(
        "/api/auth/login",
        json={"username": "tina", "password": "passwort-passwort"},
        headers={"Authorization": ""},
    )
    assert r.status_code == 429 and r.json()["error"]["code"] == "too_many_attempts", r.text
