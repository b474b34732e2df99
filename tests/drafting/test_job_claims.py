"""Running jobs on both databases: one worker per job, heartbeats on a timer, done ≤ total, resume."""

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import Session, select

from testkit import fake_services

PARAGRAPHS = [f"Paragraph {i} says the delegations met again in Geneva on Monday." for i in range(4)]
TEXT = "Talks in Geneva continue\n\n" + "\n\n".join(PARAGRAPHS)
STALE = 2  # WERKBANK_JOB_STALE_SECONDS in these tests


@pytest.fixture
def libre(settings, monkeypatch):
    """A LibreTranslate imitation that counts requests; `libre.delay` slows every call down."""
    server = fake_services.start()
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LIBRETRANSLATE_URL", server.url)
    monkeypatch.setenv("WERKBANK_TRANSLATOR_LIBRETRANSLATE_TIMEOUT", "10")
    monkeypatch.setenv("WERKBANK_TRANSLATOR_RETRIES", "0")
    monkeypatch.setenv("WERKBANK_JOB_STALE_SECONDS", str(STALE))
    from app.config import get_settings
    from app.drafting.providers import get_registry

    get_settings.cache_clear()
    get_registry.cache_clear()
    yield server
    fake_services.stop(server)


def _job(session: Session, title: str = "Talks in Geneva continue") -> int:
    """A queued (not yet run) libretranslate job over a fresh five-segment document."""
    from app.config import get_settings
    from app.drafting.jobs import create_job
    from app.ingest.pipeline import ingest
    from app.models import DocumentCreate

    text = TEXT.replace("Talks in Geneva continue", title)
    doc = ingest(
        session=session,
        payload=DocumentCreate(text=text, source_lang="en"),
        user=None,
        settings=get_settings(),
    ).document
    return create_job(session=session, document_id=doc.id, provider="libretranslate", user=None).id


def _run(job_id: int, out: list, barrier: threading.Barrier | None = None) -> None:
    from app.db import get_engine
    from app.drafting.runner import run_job

    with Session(get_engine()) as session:
        if barrier:
            barrier.wait()
        out.append(run_job(session=session, job_id=job_id))


def _set_job(job_id: int, **values) -> None:
    from app.db import get_engine
    from app.models import TranslationJob

    with Session(get_engine()) as s:
        s.exec(update(TranslationJob).where(TranslationJob.id == job_id).values(**values))
        s.commit()


def _read_job(job_id: int):
    from app.db import get_engine
    from app.models import TranslationJob

    with Session(get_engine()) as s:
        return s.get(TranslationJob, job_id)


def test_two_workers_take_one_job_and_exactly_one_runs_it(libre, session):
    libre.delay = 0.1
    job_id = _job(session)
    results: list = []
    barrier = threading.Barrier(2)
    threads = [threading.Thread(target=_run, args=(job_id, results, barrier)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    ran = [r for r in results if r is not None]
    assert len(results) == 2 and len(ran) == 1, results
    job = _read_job(job_id)
    assert job.status == "done" and job.attempts == 1 and job.done == job.total == 5
    assert sorted(libre.texts()) == sorted(["Talks in Geneva continue", *PARAGRAPHS])  # each paid once


def test_a_running_job_is_taken_over_only_when_its_heartbeat_is_stale(libre, session):
    from app.models import utcnow

    job_id = _job(session)
    _set_job(
        job_id,
        status="running",
        heartbeat_at=utcnow() - timedelta(seconds=STALE / 4),
        attempts=1,
        worker="elsewhere:1",
    )
    out: list = []
    _run(job_id, out)
    assert out == [None] and libre.texts() == []
    assert _read_job(job_id).worker == "elsewhere:1"
    _set_job(job_id, heartbeat_at=utcnow() - timedelta(seconds=STALE * 3))
    _run(job_id, out)
    job = _read_job(job_id)
    assert out[1] is not None and job.status == "done" and job.attempts == 2 and job.worker != "elsewhere:1"
    assert len(libre.texts()) == 5


def test_heartbeat_ticks_while_the_engine_works(libre, session):
    """One slow engine call outlasts the stale limit; the job stays fresh and nobody takes it over."""
    from app.models import Segment, utcnow

    libre.delay = STALE + 0.8
    job_id = _job(session)
    # Only the title is left to draft, so the whole run is one slow engine call.
    segs = session.exec(select(Segment).order_by(Segment.position)).all()
    for seg in segs[1:]:
        seg.status, seg.target_text = "edited", "Von Hand."
        session.add(seg)
    session.commit()
    out: list = []
    runner = threading.Thread(target=_run, args=(job_id, out))
    runner.start()
    ages, taken = [], []
    started = time.monotonic()
    while runner.is_alive():
        job = _read_job(job_id)
        if job.status == "running" and job.heartbeat_at:
            ages.append((utcnow() - job.heartbeat_at).total_seconds())
        if not taken and time.monotonic() - started > STALE + 0.3:
            _run(job_id, taken)  # a second worker, after the stale limit has passed since the claim
        time.sleep(0.1)
    runner.join()
    assert len(ages) >= 5 and max(ages) < STALE, ages
    assert taken == [None]
    assert out[0] is not None and _read_job(job_id).status == "done"
    assert libre.texts() == ["Talks in Geneva continue"]


def test_jobs_share_one_heartbeat_thread_and_a_closed_heartbeat_moves_no_more(libre, session):
    """Job after job, the process's one heartbeat thread beats (no thread per job); once a job's
    heartbeat is closed, its claim is never touched again (a retry may take the job over at once)."""
    from app.db import get_engine
    from app.drafting.heartbeat import Heartbeat

    job_id = _job(session)
    _set_job(job_id, status="running", attempts=1, heartbeat_at=None)
    for _ in range(3):
        with Heartbeat(get_engine(), job_id, 1):
            deadline = time.monotonic() + 10
            while _read_job(job_id).heartbeat_at is None and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _read_job(job_id).heartbeat_at is not None  # it ticked (every STALE / 4 s)
        assert [t.name for t in threading.enumerate()].count("job-heartbeats") == 1
        _set_job(job_id, heartbeat_at=None)
    time.sleep(STALE / 4 * 3)
    assert _read_job(job_id).heartbeat_at is None


def test_done_never_exceeds_total(libre, session):
    """A segment that came to need a draft after the job counted its work does not push done past total."""
    from app.models import Segment, TranslationJob

    job_id = _job(session)
    job = session.get(TranslationJob, job_id)
    assert job.total == 5
    _set_job(job_id, total=3)  # as if two segments had been approved when the job was created
    out: list = []
    _run(job_id, out)
    job = _read_job(job_id)
    assert job.status == "done" and job.done == job.total == 3
    assert len(session.exec(select(Segment).where(Segment.draft_job_id == job_id)).all()) == 5


def test_a_recovered_job_drafts_only_the_segments_still_needing_it(libre, session):
    """A dead worker drafted two segments; the worker that takes over sends only the other three."""
    from app.models import Segment, utcnow

    job_id = _job(session)
    segs = session.exec(select(Segment).order_by(Segment.position)).all()
    for seg in segs[:2]:
        seg.status, seg.draft_text, seg.target_text = "draft", "Entwurf", "Entwurf"
        seg.draft_job_id, seg.version = job_id, seg.version + 1
        session.add(seg)
    session.commit()
    _set_job(
        job_id,
        status="running",
        attempts=1,
        done=2,
        worker="dead:1",
        heartbeat_at=utcnow() - timedelta(seconds=STALE * 3),
    )
    out: list = []
    _run(job_id, out)
    job = _read_job(job_id)
    assert job.status == "done" and job.done == job.total == 5 and job.attempts == 2
    assert sorted(libre.texts()) == sorted(PARAGRAPHS[1:])
    session.expire_all()
    assert [s.draft_text for s in session.exec(select(Segment).order_by(Segment.position))][:2] == [
        "Entwurf"
    ] * 2


def test_every_minute_the_queue_re_queues_jobs_gone_stale_and_only_those(libre, session):
    """A worker that dies after start-up recovery ran is noticed without waiting for a restart."""
    from datetime import datetime

    from app.drafting.tasks import register_tasks
    from app.models import utcnow
    from app.queue import get_huey

    fresh, dead = _job(session, "Fresh worker"), _job(session, "Dead worker")
    _set_job(fresh, status="running", attempts=1, worker="alive:1", heartbeat_at=utcnow())
    _set_job(
        dead,
        status="running",
        attempts=1,
        worker="dead:1",
        heartbeat_at=utcnow() - timedelta(seconds=STALE * 3),
    )
    huey = get_huey()
    register_tasks(huey)
    periodic = huey.read_periodic(datetime.now())
    assert [t.name for t in periodic] == ["recover_stale_jobs"]
    huey.execute(periodic[0])  # the test queue is immediate: the re-queued job runs inline
    taken, left = _read_job(dead), _read_job(fresh)
    assert (taken.status, taken.attempts, taken.done) == ("done", 2, 5)
    assert (left.status, left.attempts, left.worker) == ("running", 1, "alive:1")
    assert sorted(libre.texts()) == sorted(["Dead worker", *PARAGRAPHS])


def test_a_worker_whose_job_was_taken_over_stops_calling_the_engine_and_writing(libre, session):
    """After a stall long enough for a take-over, the first worker must not go on paying and writing."""
    from app.models import Segment

    libre.delay = 0.5
    job_id = _job(session)
    out: list = []
    runner = threading.Thread(target=_run, args=(job_id, out))
    runner.start()
    deadline = time.monotonic() + 10
    while not libre.requests and time.monotonic() < deadline:
        time.sleep(0.02)
    _set_job(job_id, attempts=7, worker="thief:1")  # what another worker's claim writes
    runner.join(30)
    assert out == [None]
    assert len(libre.texts()) <= 2  # the call under way when the claim ended, and at most one more
    job = _read_job(job_id)
    assert (job.status, job.worker, job.done) == ("running", "thief:1", 0)
    session.expire_all()
    assert session.exec(select(Segment).where(Segment.draft_job_id == job_id)).all() == []
