"""Ingest's work in child processes: same results as in-process, errors carried back, a broken pool survived."""

import multiprocessing
import os
import signal

import pytest

from testkit.articles import articles
from testkit.samples import DE


@pytest.fixture
def procs():
    from app.ingest import procs

    procs.shutdown()
    yield procs
    procs.shutdown()


def _sources():
    from app.ingest.work import Source

    limits = {"max_document_bytes": 1_000_000, "fetch_max_bytes": 5_000_000}
    common = {"title": None, "source_url": None, "force": False, "source_lang": None, **limits}
    texts = [a["text"] for a in articles(12)] + [DE]
    sources = [Source(text=t, html=None, **common) for t in texts]
    html = "<html><body><article><h1>A headline here</h1><p>" + DE + "</p></article></body></html>"
    sources.append(Source(text=None, html=html, **common))
    sources.append(Source(text="   ", html=None, **common))  # no text: an error, not an exception
    sources.append(Source(text="x" * 50, html=None, **{**common, "max_document_bytes": 10}))
    return sources


def _pids() -> set[int]:
    return {p.pid for p in multiprocessing.active_children()}


def test_work_in_a_child_process_equals_work_here(procs):
    sources = _sources()
    here = procs.run(sources, processes=0)
    assert not _pids(), "processes=0 works in this process"
    there = procs.run(sources, processes=1)
    assert len(_pids()) == 1 and os.getpid() not in _pids()
    assert len(there) == len(here) == len(sources)
    for mine, theirs in zip(here[:-2], there[:-2], strict=True):
        assert theirs == mine
    assert {w.detection.lang for w in there[:12]} == {"en", "ru"} and there[12].detection.lang == "de"
    assert there[13].kind == "html" and there[13].blocks[0].text == "A headline here"
    assert there[-2].code == "empty_text" and there[-2].status == 422
    assert there[-1].code == "too_large" and there[-1].status == 413 and there[-1].to_dict()["limit"] == 10


def test_a_killed_child_is_survived_and_the_work_still_done(procs):
    sources = _sources()[:3]
    expected = procs.run(sources, processes=0)
    procs.run(sources, processes=1)
    (pid,) = _pids()
    os.kill(pid, signal.SIGKILL)
    assert procs.run(sources, processes=1) == expected  # redone here, or by a new pool
    assert procs.run(sources, processes=1) == expected


def _child_niceness(procs, size: int, nice: int) -> int:
    pool = procs._get(size, nice)
    return pool.submit(os.nice, 0).result()  # os.nice(0) answers the calling process's niceness


def test_children_run_at_the_lower_priority_asked_for(procs):
    sources = _sources()[:2]
    own = os.nice(0)
    expected = procs.run(sources, processes=0)
    assert procs.run(sources, processes=1, nice=7) == expected
    (first,) = _pids()
    assert _child_niceness(procs, 1, 7) == min(own + 7, 19)
    assert os.nice(0) == own, "the server's own priority is left alone"
    assert procs.run(sources, processes=1, nice=0) == expected  # another niceness: a new pool
    assert _pids() != {first}
    assert _child_niceness(procs, 1, 0) == own


def test_the_setting_reaches_the_children(settings, session, monkeypatch):
    from app.ingest import procs
    from app.ingest.bulk import ingest_many

    procs.shutdown()
    monkeypatch.setattr(settings, "ingest_processes", 1)
    monkeypatch.setattr(settings, "ingest_nice", 3)
    results = ingest_many(session=session, items=articles(2), user=None, settings=settings)
    assert [r["result"] for r in results] == ["created", "created"]
    assert _child_niceness(procs, 1, 3) == min(os.nice(0) + 3, 19)
    assert len(_pids()) == 1, "the pool the bulk started, not a second one"
    procs.shutdown()


def test_shutdown_stops_the_children(procs):
    procs.run(_sources()[:2], processes=2)
    assert _pids()
    procs.shutdown()
    assert not _pids()


def test_single_ingest_through_the_api_uses_the_pool_and_the_lifespan_stops_it(settings, tokens, monkeypatch):
    from fastapi.testclient import TestClient

    from app.main import create_app

    monkeypatch.setattr(settings, "ingest_processes", 1)
    with TestClient(create_app()) as client:
        client.headers["Authorization"] = f"Bearer {tokens['editor']}"
        r = client.post("/api/documents", json=articles(1)[0])
        assert r.status_code == 201, r.text
        assert r.json()["source_lang"] in ("en", "ru") and len(r.json()["segments"]) == 7
        assert len(_pids()) == 1
        again = client.post("/api/documents", json=articles(1)[0])
        assert again.status_code == 200 and again.json()["id"] == r.json()["id"]
        empty = client.post("/api/documents", json={"text": "  "})
        assert empty.status_code == 422 and empty.json()["error"]["code"] == "empty_text"
    assert not _pids()
