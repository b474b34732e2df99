"""Feed schedules in real processes: the embedded worker of `werkbank serve`, two workers on Redis; the CLI."""

import subprocess
import sys
import time

import httpx

from testkit.feed_server import feed_server
from testkit.live import ROOT, Server, cli_env, run_cli
from testkit.services import REDIS_URL, skip_or_fail


def _api(server, env):
    run_cli(["user", "add", "tina", "--role", "editor", "--password-stdin"], env, stdin="passwort-passwort\n")
    token = run_cli(["token", "create", "tina"], env).stdout.strip()
    return httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=30)


def _until(check, timeout=90.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError("timed out")


def test_cli_feeds_and_the_schedule_in_the_embedded_worker(tmp_path):
    with feed_server() as outlet:
        for n in range(2):
            outlet.add(f"story-{n}", f"Story number {n} about the talks")
        env = cli_env(tmp_path / "data")
        added = run_cli(["feeds", "add", f"{outlet.base}/rss.xml", "--outlet", "TASS", "--lang", "en"], env)
        assert '"last_status": "never"' in added.stdout
        bad = run_cli(["feeds", "add", "ftp://x.example/feed", "--outlet", "X"], env, check=False)
        assert bad.returncode == 1 and "invalid_url" in bad.stderr
        listed = run_cli(["feeds", "list"], env).stdout
        assert "TASS" in listed and "never" in listed and f"{outlet.base}/rss.xml" in listed

        server = Server(env)  # the embedded worker runs the every-minute schedule at start
        try:
            api = _api(server, env)
            feed = _until(
                lambda: next((f for f in api.get("/api/feeds").json() if f["last_status"] != "never"), None)
            )
            assert feed["last_status"] == "ok" and feed["documents_total"] == 2, feed
            assert len(api.get(f"/api/documents?feed_id={feed['id']}").json()["items"]) == 2
            assert len(outlet.feed_requests()) == 1  # due once; next poll in 15 minutes

            # `feeds poll` while the server runs: a conditional GET, nothing new (progress on stderr).
            polled = run_cli(["feeds", "poll"], env)
            assert "not_modified" in polled.stderr and outlet.feed_requests()[-1].get("If-None-Match")

            entries = api.get(f"/api/feeds/{feed['id']}/entries").json()
            doc_id = next(e["document_id"] for e in entries if "story-1" in e["link"])
            outlet.articles["story-1"].paragraphs[0] = (
                "A corrected first paragraph of the story about the talks."
            )
            changed = run_cli(["refetch", str(doc_id)], env).stdout
            assert '"changed": true' in changed
            diff = api.get(f"/api/documents/{doc_id}/source-diff").json()
            assert diff[0]["changes"][0]["new"] == "A corrected first paragraph of the story about the talks."
        finally:
            server.stop()


def test_two_workers_on_redis_never_poll_one_feed_at_once(tmp_path, monkeypatch):
    if not REDIS_URL:
        skip_or_fail("WERKBANK_TEST_REDIS_URL not set")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    with feed_server() as outlet:
        for n in range(3):
            outlet.add(f"story-{n}", f"Story number {n} about the talks")
        outlet.feed_delay = 0.4  # long enough for two unleased polls to overlap
        env = cli_env(tmp_path / "data", WERKBANK_QUEUE_URL=REDIS_URL, WERKBANK_RUN_WORKER="0")
        run_cli(
            ["feeds", "add", f"{outlet.base}/rss.xml", "--outlet", "TASS", "--lang", "en", "--interval", "5"],
            env,
        )
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "app.cli", "worker", "--workers", "2"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(2)
        ]
        try:
            for key, value in env.items():
                if key.startswith("WERKBANK_"):
                    monkeypatch.setenv(key, value)
            from testkit.database import reset_caches

            reset_caches()
            from app.feeds.tasks import register_feed_tasks
            from app.queue import get_huey

            poll = register_feed_tasks(get_huey())
            for _ in range(8):  # many polls of one feed at once, spread over four consumer threads
                poll(1)
            _until(
                lambda: (
                    get_huey().pending_count() == 0
                    and len(outlet.feed_requests()) >= 1
                    and outlet.in_flight == 0
                ),
                timeout=60,
            )
            time.sleep(2)  # let the running polls finish
            for _ in range(8):  # a second burst: the feed is leased again, by whichever poll wins
                poll(1)
            _until(lambda: get_huey().pending_count() == 0 and outlet.in_flight == 0, timeout=60)
            # The stories are stored by the polls' own work: on a loaded machine that can outlast a
            # fixed pause, so wait for them rather than for a clock.
            _until(lambda: " 3 docs" in run_cli(["feeds", "list"], env).stdout, timeout=90)
        finally:
            for w in workers:
                w.terminate()
            for w in workers:
                w.wait(timeout=15)
            reset_caches()
        assert outlet.feed_requests(), "no worker polled"
        assert outlet.max_in_flight == 1  # never two polls of the feed (or its pages) at once
        listed = run_cli(["feeds", "list"], env).stdout
        assert " 3 docs" in listed


def test_three_outlets_within_one_interval_with_drafts_and_a_correction(tmp_path):
    """The issue's "done when": three feeds added, their articles drafted in the inbox, a correction diffed."""
    from contextlib import ExitStack

    from testkit import fake_services

    libre = fake_services.start()
    env = cli_env(
        tmp_path / "data", WERKBANK_TRANSLATOR_LIBRETRANSLATE_URL=libre.url, WERKBANK_TRANSLATOR_RETRIES="0"
    )
    try:
        with ExitStack() as stack:
            outlets = [stack.enter_context(feed_server()) for _ in range(3)]
            for n, outlet in enumerate(outlets):
                outlet.add(f"a{n}", f"Outlet {n} reports on the talks in Geneva")
                outlet.add(f"b{n}", f"Outlet {n} reports on the summit date")
            server = Server(env)
            try:
                api = _api(server, env)
                for n, outlet in enumerate(outlets):
                    r = api.post(
                        "/api/feeds",
                        json={
                            "url": f"{outlet.base}/atom.xml" if n else f"{outlet.base}/rss.xml",
                            "outlet": f"Outlet {n}",
                            "source_lang": "en",
                            "interval_minutes": 5,
                            "auto_translate": True,
                            "provider": "libretranslate",
                        },
                    )
                    assert r.status_code == 201, r.text
                # The schedule looks every minute: well within the 5-minute interval.
                _until(lambda: len(api.get("/api/documents").json()["items"]) == 6, timeout=150)

                def drafted():
                    docs = [
                        api.get(f"/api/documents/{d['id']}").json()
                        for d in api.get("/api/documents").json()["items"]
                    ]
                    return docs if all(s["draft_text"] for d in docs for s in d["segments"]) else None

                docs = _until(drafted, timeout=60)
                assert all(s["draft_text"].startswith("de:") for d in docs for s in d["segments"])
                assert {d["outlet"] for d in docs} == {"Outlet 0", "Outlet 1", "Outlet 2"}

                doc = next(d for d in docs if d["title"] == "Outlet 1 reports on the talks in Geneva")
                seg = doc["segments"][1]
                edited = api.patch(
                    f"/api/segments/{seg['id']}",
                    json={"target_text": "Freigegebener Text.", "version": seg["version"]},
                ).json()
                assert (
                    api.post(
                        f"/api/segments/{seg['id']}/approve",
                        # a placeholder German text: QA flags it, the editor approves it anyway
                        json={"version": edited["version"], "force": True, "reason": "Platzhalter im Test"},
                    ).status_code
                    == 200
                )
                outlets[1].articles["a1"].paragraphs[0] += " The ministry later corrected the figures."
                assert api.post(f"/api/documents/{doc['id']}/refetch").json()["changed"] is True
                after = api.get(f"/api/documents/{doc['id']}").json()["segments"][1]
                assert after["status"] == "source_changed" and after["target_text"] == "Freigegebener Text."
                diff = api.get(f"/api/documents/{doc['id']}/source-diff").json()[0]["changes"]
                assert [c["op"] for c in diff] == ["changed"] and diff[0]["segment_id"] == seg["id"]
            finally:
                server.stop()
    finally:
        fake_services.stop(libre)


def test_a_poll_killed_mid_way_is_taken_over_after_its_lease(tmp_path, monkeypatch):
    if not REDIS_URL:
        skip_or_fail("WERKBANK_TEST_REDIS_URL not set")
    import signal

    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    with feed_server() as outlet:
        for n in range(4):
            outlet.add(f"story-{n}", f"Story number {n} about the talks")
        outlet.page_delay = 1.0
        env = cli_env(
            tmp_path / "data",
            WERKBANK_QUEUE_URL=REDIS_URL,
            WERKBANK_RUN_WORKER="0",
            WERKBANK_FEED_LEASE_SECONDS="10",
        )
        run_cli(["feeds", "add", f"{outlet.base}/rss.xml", "--outlet", "TASS", "--lang", "en"], env)
        for key, value in env.items():
            if key.startswith("WERKBANK_"):
                monkeypatch.setenv(key, value)
        from testkit.database import reset_caches

        reset_caches()
        from app.feeds.tasks import register_feed_tasks
        from app.queue import get_huey

        poll = register_feed_tasks(get_huey())

        def worker():
            return subprocess.Popen(
                [sys.executable, "-m", "app.cli", "worker"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

        first = worker()
        second = None
        try:
            poll(1)
            _until(lambda: len(outlet.page_requests()) >= 2, timeout=60)
            first.send_signal(signal.SIGKILL)  # dies holding the lease, two entries still pending
            first.wait(timeout=10)
            killed_at = time.monotonic()
            pages_then = len(outlet.page_requests())
            second = worker()
            time.sleep(3)
            poll(1)  # the lease is still the dead poll's: this one leaves the feed alone
            time.sleep(3)
            assert len(outlet.page_requests()) == pages_then and time.monotonic() - killed_at < 10

            def done():
                poll(1)
                time.sleep(1.5)
                return " 4 docs" in run_cli(["feeds", "list"], env).stdout

            _until(done, timeout=90)
        finally:
            for w in (first, second):
                if w is not None and w.poll() is None:
                    w.terminate()
                    w.wait(timeout=15)
            reset_caches()
        listed = run_cli(["feeds", "list"], env).stdout
        assert "ok" in listed and " 0 errors" in listed
