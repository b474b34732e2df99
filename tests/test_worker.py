"""Real worker processes: a job survives `kill -9`; two workers share a Redis queue."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import httpx

from testkit.live import ROOT, Server, cli_env, run_cli
from testkit.services import REDIS_URL, skip_or_fail

PARAGRAPHS = [
    f"Paragraph number {i} reports that the delegations met again in Geneva on Monday." for i in range(12)
]
TEXT = "Talks in Geneva continue\n\n" + "\n\n".join(PARAGRAPHS)


class SlowLibre(ThreadingHTTPServer):
    """A LibreTranslate imitation that takes its time, so a worker can be killed mid-job."""

    daemon_threads = True

    def __init__(self, delay: float) -> None:
        self.delay, self.seen = delay, []
        super().__init__(("127.0.0.1", 0), _SlowHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _SlowHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
        self.server.seen.append(body["q"])
        time.sleep(self.server.delay)
        data = json.dumps({"translatedText": "de: " + body["q"]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _worker(env):
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _api(server, env):
    run_cli(["user", "add", "tina", "--role", "editor", "--password-stdin"], env, stdin="passwort-passwort\n")
    token = run_cli(["token", "create", "tina"], env).stdout.strip()
    return httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=30)


def _wait(api, job_id, until, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = api.get(f"/api/jobs/{job_id}").json()
        if until(job):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} stuck: {job}")


def test_killed_worker_resumes_without_redrafting_or_overwriting(tmp_path):
    libre = SlowLibre(delay=0.25)
    env = cli_env(
        tmp_path / "data",
        WERKBANK_RUN_WORKER="0",
        WERKBANK_JOB_STALE_SECONDS="1",
        WERKBANK_TRANSLATOR_LIBRETRANSLATE_URL=libre.url,
        WERKBANK_TRANSLATOR_RETRIES="0",
    )
    server = Server(env)
    worker = None
    try:
        api = _api(server, env)
        doc = api.post("/api/documents", json={"text": TEXT, "source_lang": "en"}).json()
        job = api.post(f"/api/documents/{doc['id']}/translate", json={"provider": "libretranslate"}).json()
        worker = _worker(env)
        _wait(api, job["id"], lambda j: j["done"] >= 4)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        mid = api.get(f"/api/jobs/{job['id']}").json()
        assert mid["status"] == "running" and mid["done"] < mid["total"] == 13
        # While no worker runs, a human edits a segment that is not drafted yet.
        segs = api.get(f"/api/documents/{doc['id']}").json()["segments"]
        waiting = next(s for s in segs if s["status"] == "new")
        api.patch(
            f"/api/segments/{waiting['id']}",
            json={"target_text": "Menschlich.", "version": waiting["version"]},
        )
        time.sleep(1.2)  # heartbeat goes stale
        worker = _worker(env)
        done = _wait(api, job["id"], lambda j: j["status"] in ("done", "failed"))
        assert (
            done["status"] == "done" and done["done"] == 13 and done["errors"] == 0 and done["attempts"] == 2
        )
        final = api.get(f"/api/documents/{doc['id']}").json()["segments"]
        for seg in final:
            machine = [
                r for r in api.get(f"/api/segments/{seg['id']}/revisions").json() if r["kind"] == "machine"
            ]
            if seg["id"] == waiting["id"]:
                assert seg["target_text"] == "Menschlich." and seg["status"] == "edited" and machine == []
            else:
                assert seg["status"] == "draft" and len(machine) == 1, seg
    finally:
        if worker:
            worker.kill()
        server.stop()
        libre.shutdown()


def test_two_workers_share_a_redis_queue(tmp_path):
    if not REDIS_URL:
        skip_or_fail("WERKBANK_TEST_REDIS_URL not set")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    libre = SlowLibre(delay=0.05)
    env = cli_env(
        tmp_path / "data",
        WERKBANK_RUN_WORKER="0",
        WERKBANK_QUEUE_URL=REDIS_URL,
        WERKBANK_TRANSLATOR_LIBRETRANSLATE_URL=libre.url,
        WERKBANK_TRANSLATOR_RETRIES="0",
    )
    server = Server(env)
    workers = [_worker(env), _worker(env)]
    try:
        api = _api(server, env)
        jobs = []
        for n in range(6):
            text = f"Report {n} from Geneva\n\n" + "\n\n".join(
                p.replace("number", f"{n}/") for p in PARAGRAPHS[:5]
            )
            doc = api.post("/api/documents", json={"text": text, "source_lang": "en"}).json()
            jobs.append(
                api.post(f"/api/documents/{doc['id']}/translate", json={"provider": "libretranslate"}).json()
            )
        finished = [_wait(api, j["id"], lambda j: j["status"] in ("done", "failed")) for j in jobs]
        assert all(j["status"] == "done" and j["done"] == 6 for j in finished)
        assert len({j["worker"] for j in finished}) == 2, "both workers took jobs"
        assert len(libre.seen) == len(set(libre.seen)) == 36  # nothing translated twice
    finally:
        for w in workers:
            w.kill()
        server.stop()
        libre.shutdown()
