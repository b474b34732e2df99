"""Running a translation job: results written in small groups, resumable after a crash."""

import os
import socket
import time
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import Session, col, select

from app.documents.reading import refresh_status
from app.drafting.jobs import REDRAFTABLE, get_job, todo_filter
from app.models import JobStatus, Revision, Segment, SegmentStatus, Term, TranslationJob, utcnow
from app.translators.base import GlossaryTerm, TranslationFailure, TranslationResult

# Results are committed at least this often: live progress, and a crash loses at most this much
# (already cached) work.
FLUSH_SECONDS = 0.5
Result = TranslationResult | TranslationFailure


def worker_id() -> str:
    """Host and process that run a job (asked at claim time, so a forked process names itself)."""
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class Todo:
    """A segment to draft, as it was when the job read it."""

    id: int
    version: int
    source_text: str
    source_lang: str


def claim(session: Session, job_id: int) -> TranslationJob | None:
    """Mark a queued (or orphaned running) job as running on this worker."""
    now = utcnow()
    stmt = (
        update(TranslationJob)
        .where(
            col(TranslationJob.id) == job_id,
            col(TranslationJob.status).in_([JobStatus.queued, JobStatus.running]),
        )
        .values(
            status=JobStatus.running,
            heartbeat_at=now,
            attempts=TranslationJob.attempts + 1,
            worker=worker_id(),
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


def remaining(session: Session, job: TranslationJob) -> list[Todo]:
    """Segments this job still has to draft (those it drafted before a crash are skipped)."""
    query = select(Segment).where(*todo_filter(job)).order_by(Segment.position)
    return [
        Todo(s.id, s.version, s.source_text, s.source_lang)
        for s in session.exec(query)
        if s.draft_job_id != job.id
    ]


def _glossary(session: Session, lang: str) -> list[GlossaryTerm]:
    terms = session.exec(select(Term).where(Term.source_lang == lang))
    return [GlossaryTerm(t.source_term, t.target_term, t.case_sensitive) for t in terms]


def _dropped_note(result: TranslationResult) -> str | None:
    """A glossary term the engine lost is reported on the segment, not silently dropped."""
    if not result.dropped_terms:
        return None
    return "Glossar: im Entwurf fehlt " + ", ".join(f"„{t}“" for t in result.dropped_terms)


def _values_for(result: Result) -> tuple[str | None, dict]:
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


class ResultWriter:
    """Buffers results and writes each group in one transaction, with the job's progress."""

    def __init__(self, session: Session, job_id: int, provider: str) -> None:
        self.session, self.job_id, self.provider = session, job_id, provider
        self.pending: list[tuple[Todo, Result]] = []
        self.last = time.monotonic()

    def add(self, todo: Todo, result: Result) -> None:
        self.pending.append((todo, result))
        if time.monotonic() - self.last >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        now, errors = utcnow(), 0
        for todo, result in self.pending:
            errors += self._write(todo, result, now)
        done = len(self.pending)
        self.session.exec(
            update(TranslationJob)
            .where(col(TranslationJob.id) == self.job_id)
            .values(done=TranslationJob.done + done, errors=TranslationJob.errors + errors, heartbeat_at=now)
        )
        self.session.commit()
        self.pending, self.last = [], time.monotonic()

    def _write(self, todo: Todo, result: Result, now) -> int:  # noqa: ANN001
        """One segment; a segment a human changed meanwhile keeps the human's text."""
        kind, values = _values_for(result)
        values["draft_job_id"] = self.job_id
        if kind:
            values.update(version=todo.version + 1, updated_at=now, updated_by=f"mt:{self.provider}")
        guard = (
            col(Segment.id) == todo.id,
            col(Segment.version) == todo.version,
            col(Segment.status).in_(REDRAFTABLE),
        )
        changed = self.session.exec(update(Segment).where(*guard).values(**values)).rowcount  # type: ignore[attr-defined]
        if changed != 1 and kind == "machine":
            self.session.exec(
                update(Segment)
                .where(col(Segment.id) == todo.id)
                .values(
                    draft_text=values["draft_text"],
                    draft_provider=values["draft_provider"],
                    draft_job_id=self.job_id,
                )
            )
        elif changed == 1 and kind:
            text = values.get("draft_text") if kind == "machine" else values.get("error")
            self.session.add(
                Revision(
                    segment_id=todo.id,
                    version=todo.version + 1,
                    kind=kind,
                    text=text,
                    provider=values.get("draft_provider", self.provider),
                    user=f"mt:{self.provider}",
                )
            )
        return int(kind == "machine_error")


def run_job(*, session: Session, job_id: int) -> TranslationJob | None:
    """Draft every remaining segment of a job; safe to call again after a crash."""
    from app.drafting.providers import get_registry

    job = claim(session, job_id)
    if job is None:
        return None
    todo = remaining(session, job)
    job.done = max(job.total - len(todo), 0)
    session.add(job)
    session.commit()
    provider, writer = job.provider, ResultWriter(session, job_id, job.provider)
    try:
        translator = get_registry().get(provider)
        by_lang: dict[str, list[Todo]] = defaultdict(list)
        for item in todo:
            by_lang[item.source_lang].append(item)
        for lang, items in by_lang.items():
            texts = [t.source_text for t in items]
            for index, result in translator.translate_iter(
                texts, source=lang, target="de", glossary=_glossary(session, lang)
            ):
                writer.add(items[index], result)
        writer.flush()
    except Exception as exc:  # noqa: BLE001 - an engine failure must end the job, not the worker
        _fail_rest(session, job_id, writer, f"{type(exc).__name__}: {exc}"[:900])
    return _finish(session, job_id)


def _fail_rest(session: Session, job_id: int, writer: ResultWriter, reason: str) -> None:
    """Keep what was drafted before the failure; mark every other remaining segment failed."""
    session.rollback()
    try:
        writer.flush()
    except Exception:  # noqa: BLE001 - the database itself failed: drop the buffered results
        session.rollback()
        writer.pending = []
    job = get_job(session=session, job_id=job_id)
    for item in remaining(session, job):
        writer.add(item, TranslationFailure(code="engine_failed", reason=reason))
    writer.flush()
    job = get_job(session=session, job_id=job_id)
    job.error = reason
    session.add(job)
    session.commit()


def _finish(session: Session, job_id: int) -> TranslationJob:
    job = get_job(session=session, job_id=job_id)
    session.refresh(job)
    job.status = JobStatus.failed if job.total and job.errors >= job.total else JobStatus.done
    job.finished_at = utcnow()
    session.add(job)
    session.flush()
    refresh_status(session=session, document_id=job.document_id)
    session.commit()
    session.refresh(job)
    return job
