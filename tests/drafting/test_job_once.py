"""A real `werkbank serve` on SQLite and PostgreSQL: twenty clicks make one job; a live worker's job is left alone."""

import threading
from datetime import timedelta

import httpx
from sqlalchemy import text, update

from app.db import make_engine
from app.models import TranslationJob
from app.times import utcnow
from testkit import fake_services
from testkit.live import Server, cli_env, run_cli

PARAGRAPHS = [f"Paragraph {i} says the delegations met again in Geneva on Monday." for i in range(4)]
TEXT = "Talks in Geneva continue\n\n" + "\n\n".join(PARAGRAPHS)
CLICKS = 20


def _api(server: Server, env: dict[str, str], *, new_user: bool = True) -> httpx.Client:
    if new_user:
        run_cli(
            ["user", "add", "tina", "--role", "editor", "--password-stdin"], env, stdin="passwort-passwort\n"
        )
    token = run_cli(["token", "create", "tina"], env).stdout.strip()
    limits = httpx.Limits(max_connections=CLICKS)
    return httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=60, limits=limits
    )


def _wait_finished(api: httpx.Client, job_id: int, timeout: float = 60) -> dict:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = api.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish: {job}")


def test_twenty_concurrent_translate_clicks_make_one_job(db_url, tmp_path):
    libre = fake_services.start()
    libre.delay = 0.3  # the job is still running while every click arrives
    env = cli_env(
        tmp_path / "data",
        WERKBANK_DATABASE_URL=db_url,
        WERKBANK_TRANSLATOR_LIBRETRANSLATE_URL=libre.url,
        WERKBANK_TRANSLATOR_RETRIES="0",
    )
    server = Server(env)
    try:
        api = _api(server, env)
        doc = api.post("/api/documents", json={"text": TEXT, "source_lang": "en"}).json()
        barrier, answers = threading.Barrier(CLICKS), []

        def click() -> None:
            barrier.wait()
            answers.append(
                api.post(f"/api/documents/{doc['id']}/translate", json={"provider": "libretranslate"})
            )

        threads = [threading.Thread(target=click) for _ in range(CLICKS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        statuses = sorted(r.status_code for r in answers)
        assert statuses == [202] + [409] * (CLICKS - 1), [(r.status_code, r.text[:200]) for r in answers]
        job_id = next(r.json()["id"] for r in answers if r.status_code == 202)
        refused = [r.json()["error"] for r in answers if r.status_code == 409]
        assert all(e["code"] == "job_active" and e["job_id"] == job_id for e in refused), refused
        job = _wait_finished(api, job_id)
        assert job["status"] == "done" and job["done"] == job["total"] == 5 and job["errors"] == 0
        assert sorted(libre.texts()) == sorted(
            ["Talks in Geneva continue", *PARAGRAPHS]
        )  # one call per segment
        engine = make_engine(db_url)
        try:
            with engine.connect() as conn:
                assert conn.execute(text("SELECT count(*) FROM translation_job")).scalar() == 1
        finally:
            engine.dispose()
    finally:
        server.stop()
        fake_services.stop(libre)


def test_starting_server_leaves_a_job_with_a_fresh_heartbeat_to_its_worker(db_url, tmp_path):
    """`serve` re-queues a running job only when its heartbeat is stale, whatever the queue."""
    env = cli_env(tmp_path / "first", WERKBANK_DATABASE_URL=db_url, WERKBANK_RUN_WORKER="0")
    server = Server(env)
    try:
        api = _api(server, env)
        jobs = []
        for n in ("live", "dead"):
            doc = api.post(
                "/api/documents", json={"text": f"{n.title()} worker\n\n{TEXT}", "source_lang": "en"}
            ).json()
            jobs.append(
                api.post(f"/api/documents/{doc['id']}/translate", json={"provider": "none"}).json()["id"]
            )
    finally:
        server.stop()
    live, dead = jobs
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            for job_id, worker, beat in (
                (live, "other-host:1", utcnow()),
                (dead, "gone-host:1", utcnow() - timedelta(hours=1)),
            ):
                conn.execute(
                    update(TranslationJob)
                    .where(TranslationJob.id == job_id)
                    .values(status="running", attempts=1, worker=worker, heartbeat_at=beat)
                )
    finally:
        engine.dispose()
    # A fresh data dir: an empty queue, so only the start-up recovery can bring a job back.
    env = cli_env(tmp_path / "second", WERKBANK_DATABASE_URL=db_url, WERKBANK_JOB_STALE_SECONDS="60")
    server = Server(env)
    try:
        api = _api(server, env, new_user=False)
        taken_over = _wait_finished(api, dead)
        assert taken_over["status"] == "done" and taken_over["attempts"] == 2
        left = api.get(f"/api/jobs/{live}").json()
        assert (left["status"], left["attempts"], left["worker"]) == ("running", 1, "other-host:1")
    finally:
        server.stop()
