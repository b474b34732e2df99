"""Running a translation job: results written in small groups, resumable after a crash."""

import logging
from collections import defaultdict

from sqlalchemy import and_, case, update
from sqlmodel import Session, select

from app.documents.counters import refresh_status
from app.drafting.claims import JobLost, claim, let_go, owned
from app.drafting.heartbeat import Heartbeat
from app.drafting.jobs import todo_filter
from app.drafting.prefill import from_memory
from app.drafting.writer import ResultWriter, Todo
from app.models import Document, JobStatus, Segment, Term, TranslationJob, utcnow
from app.translators.base import DocumentContext, GlossaryTerm, TranslationFailure

__all__ = ["ResultWriter", "Todo", "remaining", "run_job"]
log = logging.getLogger("werkbank.jobs")


def remaining(session: Session, job: TranslationJob) -> list[Todo]:
    """Segments this job still has to draft (those it drafted before a crash are skipped)."""
    columns = (Segment.id, Segment.version, Segment.source_text, Segment.source_lang, Segment.position)
    query = select(*columns, Segment.kind, Segment.draft_job_id).where(*todo_filter(job))
    return [Todo(*row[:6]) for row in session.exec(query.order_by(Segment.position)) if row[6] != job.id]


def _glossary(session: Session, lang: str) -> list[GlossaryTerm]:
    terms = session.exec(select(Term).where(Term.source_lang == lang))
    return [GlossaryTerm(t.source_term, t.target_term, t.case_sensitive) for t in terms]


def _context(session: Session, job: TranslationJob, items: list[Todo]) -> DocumentContext:
    """The article around the segments: its title and every source paragraph in order."""
    document = session.get(Document, job.document_id)
    query = select(Segment.position, Segment.source_text).where(Segment.document_id == job.document_id)
    rows = session.exec(query.order_by(Segment.position)).all()
    index = {position: i for i, (position, _) in enumerate(rows)}
    return DocumentContext(
        title=(document.title if document else None) or "",
        paragraphs=tuple(text for _, text in rows),
        positions=tuple(index.get(t.position, 0) for t in items),
        kinds=tuple(t.kind for t in items),
    )


def run_job(*, session: Session, job_id: int) -> TranslationJob | None:
    """Draft every remaining segment of a job; safe to call again after a crash.

    None when another worker holds the job (or took it over while this one stalled).
    """
    job = claim(session, job_id)
    if job is None:
        return None
    attempt = job.attempts
    try:
        with Heartbeat(session.get_bind(), job_id, attempt) as beat:
            _draft(session, job, beat)
        return _finish(session, job_id, attempt)
    except JobLost:
        session.rollback()
        log.warning("Job %s was taken over by another worker; this one stopped", job_id)
        return None
    except Exception:
        try:
            let_go(session, job_id, attempt)  # a queue retry may take it over at once
        except Exception:  # noqa: BLE001 - the database is gone; the job goes stale by itself
            log.warning("Could not let go of job %s", job_id, exc_info=True)
        raise


def _draft(session: Session, job: TranslationJob, beat: Heartbeat) -> None:
    from app.drafting.providers import get_registry

    todo = remaining(session, job)
    resumed = update(TranslationJob).where(*owned(job.id, job.attempts))
    session.exec(resumed.values(done=max(job.total - len(todo), 0)))  # what earlier runs settled
    session.commit()
    writer = ResultWriter(session, job)
    try:
        translator = get_registry().get(job.provider)
        by_lang: dict[str, list[Todo]] = defaultdict(list)
        for item in todo:
            by_lang[item.source_lang].append(item)
        translator.usage.take()  # count only this job's calls (the meter is per thread)
        for lang, waiting in by_lang.items():
            recalled, items = from_memory(session, lang, waiting)  # approved before: no engine call
            for item, result in recalled:
                writer.add(item, result)
            if not items:
                continue
            texts = [t.source_text for t in items]
            found = translator.translate_iter(
                texts,
                source=lang,
                target="de",
                glossary=_glossary(session, lang),
                context=_context(session, job, items),
            )
            for index, result in found:
                beat.check()  # a lost job makes no further (paid) engine calls
                writer.add(items[index], result, translator.usage.take())
        writer.flush()
    except JobLost:
        raise
    except Exception as exc:  # noqa: BLE001 - an engine failure must end the job, not the worker
        _fail_rest(session, job, writer, f"{type(exc).__name__}: {exc}"[:900])


def _fail_rest(session: Session, job: TranslationJob, writer: ResultWriter, reason: str) -> None:
    """Keep what was drafted before the failure; mark every other remaining segment failed."""
    session.rollback()
    try:
        writer.flush()
    except JobLost:
        raise
    except Exception:  # noqa: BLE001 - the database itself failed: drop the buffered results
        session.rollback()
        writer.pending = []
    for item in remaining(session, job):
        writer.add(item, TranslationFailure(code="engine_failed", reason=reason))
    writer.flush()
    session.exec(update(TranslationJob).where(*owned(job.id, job.attempts)).values(error=reason))
    session.commit()


def _finish(session: Session, job_id: int, attempt: int) -> TranslationJob:
    """Settle the job as done (or failed, when every segment failed), if it is still this claim's."""
    failed = and_(TranslationJob.total > 0, TranslationJob.errors >= TranslationJob.total)
    status = case((failed, JobStatus.failed.value), else_=JobStatus.done.value)
    stmt = (
        update(TranslationJob)
        .where(*owned(job_id, attempt))
        .values(status=status, finished_at=utcnow())
        .returning(TranslationJob)
        .execution_options(populate_existing=True)
    )
    job = session.scalars(stmt).first()
    if job is None:
        raise JobLost(f"job {job_id} is no longer this worker's")
    refresh_status(session=session, document_id=job.document_id)
    session.expunge(job)  # keeps the row the UPDATE … RETURNING wrote: no re-read after the commit
    session.commit()
    return job
