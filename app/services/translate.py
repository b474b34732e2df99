"""Translation jobs: create, run (resumable, per-segment results), recover, retry."""

import os
import socket
from collections import defaultdict
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from app.errors import Conflict, NotFound
from app.models import (
    Document,
    JobStatus,
    Revision,
    Segment,
    SegmentStatus,
    Term,
    TranslationJob,
    User,
    utcnow,
)
from app.services.detect import KEPT_LANGS
from app.services.documents import get_document, refresh_status
from app.translators.base import GlossaryTerm, TranslationFailure, TranslationResult

WORKER_ID = f"{socket.gethostname()}:{os.getpid()}"
REDRAFTABLE = (SegmentStatus.new, SegmentStatus.draft, SegmentStatus.error)


def get_job(*, session: Session, job_id: int) -> TranslationJob:
    """The job, or 404."""
    job = session.get(TranslationJob, job_id)
    if job is None:
        raise NotFound(f"No job {job_id}", code="job_not_found")
    return job


def _todo_filter(job: TranslationJob):  # noqa: ANN202 - SQL expression
    wanted = [SegmentStatus.error] if job.only_failed else list(REDRAFTABLE)
    return (
        col(Segment.document_id) == job.document_id,
        col(Segment.status).in_(wanted),
    )


def create_job(
    *, session: Session, document_id: int, provider: str, user: User | None, only_failed: bool = False
) -> TranslationJob:
    """Queue a translation of a document's segments that still need a draft."""
    from app.services.providers import get_registry

    doc = get_document(session=session, document_id=document_id)
    if doc.source_lang in KEPT_LANGS:
        raise Conflict("German sources are only excerpted, never translated", code="not_translatable")
    get_registry().get(provider)  # unknown or unavailable providers fail here, before queueing
    active = session.exec(
        select(TranslationJob).where(
            TranslationJob.document_id == document_id,
            col(TranslationJob.status).in_([JobStatus.queued, JobStatus.running]),
        )
    ).first()
    if active is not None:
        raise Conflict(
            "A translation of this document is already under way", code="job_active", job_id=active.id
        )
    job = TranslationJob(
        document_id=document_id,
        provider=provider,
        only_failed=only_failed,
        created_by=user.username if user else None,
    )
    total = len(session.exec(select(Segment.id).where(*_todo_filter(job))).all())
    job.total = total
    doc.provider = provider
    session.add_all([job, doc])
    session.flush()
    refresh_status(session=session, document_id=document_id)
    session.commit()
    session.refresh(job)
    return job


def _claim(session: Session, job_id: int) -> TranslationJob | None:
    now = utcnow()
    stmt = (
        update(TranslationJob)
        .where(
            col(TranslationJob.id) == job_id,
            col(TranslationJob.status).in_([JobStatus.queued, JobStatus.running]),
        )
        .values(
            status=JobStatus.running, heartbeat_at=now, attempts=TranslationJob.attempts + 1, worker=WORKER_ID
        )
    )
    if session.exec(stmt).rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        return None
    session.commit()
    job = get_job(session=session, job_id=job_id)
    if job.started_at is None:
        job.started_at = now
        session.add(job)
        session.commit()
    return job


def _remaining(session: Session, job: TranslationJob) -> list[Segment]:
    """Segments this job still has to draft (those it drafted before a crash are skipped)."""
    query = select(Segment).where(*_todo_filter(job)).order_by(Segment.position)
    return [s for s in session.exec(query) if s.draft_job_id != job.id]


def _glossary(session: Session, lang: str) -> list[GlossaryTerm]:
    terms = session.exec(select(Term).where(Term.source_lang == lang))
    return [GlossaryTerm(t.source_term, t.target_term, t.case_sensitive) for t in terms]


def run_job(*, session: Session, job_id: int) -> TranslationJob | None:
    """Draft every remaining segment, persisting each result as it arrives."""
    from app.services.providers import get_registry

    job = _claim(session, job_id)
    if job is None:
        return None
    todo = _remaining(session, job)
    job.done = max(job.total - len(todo), 0)
    session.add(job)
    session.commit()
    try:
        translator = get_registry().get(job.provider)
        by_lang: dict[str, list[Segment]] = defaultdict(list)
        for seg in todo:
            by_lang[seg.source_lang].append(seg)
        for lang, segs in by_lang.items():
            results = translator.translate_iter(
                [s.source_text for s in segs], source=lang, target="de", glossary=_glossary(session, lang)
            )
            for index, result in results:
                _record(session, job, segs[index], result)
    except Exception as exc:  # noqa: BLE001 - an engine failure must end the job, not the worker
        _fail_rest(session, job, f"{type(exc).__name__}: {exc}"[:900])
    return _finish(session, job)


def _dropped_note(result: TranslationResult) -> str | None:
    """A glossary term the engine lost is reported on the segment, not silently dropped."""
    if not result.dropped_terms:
        return None
    return "Glossar: im Entwurf fehlt " + ", ".join(f"„{t}“" for t in result.dropped_terms)


def _values_for(result: TranslationResult | TranslationFailure) -> tuple[str | None, dict]:
    """(revision kind, column values) for one engine result."""
    if isinstance(result, TranslationFailure):
        return "machine_error", {"status": SegmentStatus.error, "error": result.reason[:1000]}
    if not result.text:
        return None, {}  # e.g. provider "none": nothing drafted, the human translates
    return "machine", {
        "draft_text": result.text,
        "draft_provider": result.provider,
        "target_text": result.text,
        "status": SegmentStatus.draft,
        "error": None,
        "notes": _dropped_note(result),
    }


def _record(
    session: Session, job: TranslationJob, seg: Segment, result: TranslationResult | TranslationFailure
) -> None:
    """Persist one result; a segment a human changed meanwhile keeps the human's text."""
    now = utcnow()
    kind, values = _values_for(result)
    job.errors += kind == "machine_error"
    values["draft_job_id"] = job.id
    if kind:
        values.update(version=seg.version + 1, updated_at=now, updated_by=f"mt:{job.provider}")
    guard = (
        col(Segment.id) == seg.id,
        col(Segment.version) == seg.version,
        col(Segment.status).in_(REDRAFTABLE),
    )
    changed = session.exec(update(Segment).where(*guard).values(**values)).rowcount  # type: ignore[attr-defined]
    if changed != 1 and kind == "machine":
        session.exec(
            update(Segment)
            .where(col(Segment.id) == seg.id)
            .values(
                draft_text=values["draft_text"], draft_provider=values["draft_provider"], draft_job_id=job.id
            )
        )
    elif changed == 1 and kind:
        text = values.get("draft_text") if kind == "machine" else values.get("error")
        provider = values.get("draft_provider", job.provider)
        session.add(
            Revision(
                segment_id=seg.id,
                version=seg.version + 1,
                kind=kind,
                text=text,
                provider=provider,
                user=f"mt:{job.provider}",
            )
        )
    job.done += 1
    job.heartbeat_at = now
    session.add(job)
    session.commit()


def _fail_rest(session: Session, job: TranslationJob, reason: str) -> None:
    session.rollback()
    for seg in _remaining(session, job):
        _record(session, job, seg, TranslationFailure(code="engine_failed", reason=reason))
    job.error = reason
    session.add(job)
    session.commit()


def _finish(session: Session, job: TranslationJob) -> TranslationJob:
    job.status = JobStatus.failed if job.total and job.errors >= job.total else JobStatus.done
    job.finished_at = utcnow()
    session.add(job)
    session.flush()
    refresh_status(session=session, document_id=job.document_id)
    session.commit()
    session.refresh(job)
    return job


def stale_jobs(*, session: Session, stale_after: float) -> list[int]:
    """Running jobs whose worker stopped sending heartbeats; set back to queued."""
    cutoff = utcnow() - timedelta(seconds=stale_after)
    jobs = session.exec(select(TranslationJob).where(TranslationJob.status == JobStatus.running)).all()
    ids = []
    for job in jobs:
        beat = job.heartbeat_at
        if beat is not None and beat.tzinfo is None:
            beat = beat.replace(tzinfo=cutoff.tzinfo)
        if beat is None or beat <= cutoff:
            job.status = JobStatus.queued
            session.add(job)
            ids.append(job.id)
    session.commit()
    return ids


def document_of(*, session: Session, job: TranslationJob) -> Document:
    """The job's document."""
    return get_document(session=session, document_id=job.document_id)
