"""Running a translation job: results written in small groups, resumable after a crash."""

import logging
import time
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, case, or_, update
from sqlmodel import Session, col, select

from app.documents.counters import refresh_status
from app.documents.quality import TermCache, issues_for
from app.drafting.claims import Heartbeat, JobLost, claim, let_go, owned
from app.drafting.jobs import REDRAFTABLE, todo_filter
from app.drafting.prefill import PROVIDER as MEMORY
from app.drafting.prefill import from_memory
from app.models import Document, JobStatus, Revision, Segment, SegmentStatus, Term, TranslationJob, utcnow
from app.translators.base import DocumentContext, GlossaryTerm, TranslationFailure, TranslationResult
from app.translators.usage import Usage

# Results are committed at least this often: live progress, and a crash loses at most this much
# (already cached) work.
FLUSH_SECONDS = 0.5
Result = TranslationResult | TranslationFailure
log = logging.getLogger("werkbank.jobs")


@dataclass(frozen=True)
class Todo:
    """A segment to draft, as it was when the job read it."""

    id: int
    version: int
    source_text: str
    source_lang: str
    position: int = 0
    kind: str = "paragraph"


def remaining(session: Session, job: TranslationJob) -> list[Todo]:
    """Segments this job still has to draft (those it drafted before a crash are skipped)."""
    query = select(Segment).where(*todo_filter(job)).order_by(Segment.position)
    return [
        Todo(s.id, s.version, s.source_text, s.source_lang, s.position, s.kind)
        for s in session.exec(query)
        if s.draft_job_id != job.id
    ]


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
    """Buffers results and writes each group in one transaction, with the job's progress.

    Every write is guarded by the claim: a worker that lost its job writes nothing more.
    """

    def __init__(self, session: Session, job: TranslationJob) -> None:
        self.session, self.job_id, self.attempt, self.provider = session, job.id, job.attempts, job.provider
        self.pending: list[tuple[Todo, Result]] = []
        self.usage = Usage()  # tokens reported by the engine since the last flush
        self.last = time.monotonic()
        self.terms = TermCache(session)
        self.tm_hits = 0  # drafts from the memory written since the last flush

    def add(self, todo: Todo, result: Result, usage: Usage | None = None) -> None:
        self.pending.append((todo, result))
        if usage:
            self.usage.prompt_tokens += usage.prompt_tokens
            self.usage.completion_tokens += usage.completion_tokens
        if time.monotonic() - self.last >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        now, settled, errors = utcnow(), 0, 0
        for todo, result in self.pending:
            wrote, failed = self._write(todo, result, now)
            settled, errors = settled + wrote, errors + failed
        done = TranslationJob.done + settled
        moved = self.session.exec(
            update(TranslationJob)
            .where(*owned(self.job_id, self.attempt))
            .values(
                done=case((done > TranslationJob.total, TranslationJob.total), else_=done),  # done ≤ total
                errors=TranslationJob.errors + errors,
                prompt_tokens=TranslationJob.prompt_tokens + self.usage.prompt_tokens,
                completion_tokens=TranslationJob.completion_tokens + self.usage.completion_tokens,
                tm_hits=TranslationJob.tm_hits + self.tm_hits,
                heartbeat_at=now,
            )
        ).rowcount  # type: ignore[attr-defined]
        if moved != 1:
            self.session.rollback()
            self.pending, self.usage, self.tm_hits = [], Usage(), 0
            raise JobLost(f"job {self.job_id} is no longer this worker's")
        self.session.commit()
        self.pending, self.usage, self.last, self.tm_hits = [], Usage(), time.monotonic(), 0

    def _write(self, todo: Todo, result: Result, now) -> tuple[bool, bool]:  # noqa: ANN001
        """One segment: (settled by this job just now, recorded as failed).

        A segment a human changed meanwhile keeps the human's text (a machine draft is stored
        beside it). `draft_job_id` marks the segments this job has dealt with, so none is counted
        twice and a resumed job skips them.
        """
        kind, values = _values_for(result)
        values["draft_job_id"] = self.job_id
        if kind == "machine":  # the draft becomes the German text: its QA with it
            terms = self.terms(todo.source_lang)
            values["qa"] = issues_for(
                source=todo.source_text,
                target=values["target_text"],
                source_lang=todo.source_lang,
                terms=terms,
            )
        if kind:
            by = values.get("draft_provider") or self.provider
            values.update(version=todo.version + 1, updated_at=now, updated_by=f"mt:{by}")
        not_yet = or_(col(Segment.draft_job_id).is_(None), col(Segment.draft_job_id) != self.job_id)
        guard = (
            col(Segment.id) == todo.id,
            col(Segment.version) == todo.version,
            col(Segment.status).in_(REDRAFTABLE),
            not_yet,
        )
        changed = self.session.exec(update(Segment).where(*guard).values(**values)).rowcount  # type: ignore[attr-defined]
        if changed == 1:
            if kind:
                self.session.add(self._revision(todo, kind, values))
            self.tm_hits += values.get("draft_provider") == MEMORY
            return True, kind == "machine_error"
        kept = {k: values[k] for k in ("draft_text", "draft_provider") if kind == "machine"}
        stamped = self.session.exec(
            update(Segment)
            .where(col(Segment.id) == todo.id, not_yet)
            .values(draft_job_id=self.job_id, **kept)
        ).rowcount  # type: ignore[attr-defined]
        return stamped == 1, False

    def _revision(self, todo: Todo, kind: str, values: dict) -> Revision:
        return Revision(
            segment_id=todo.id,
            version=todo.version + 1,
            kind=kind,
            text=values.get("draft_text") if kind == "machine" else values.get("error"),
            provider=values.get("draft_provider", self.provider),
            user=f"mt:{values.get('draft_provider') or self.provider}",
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
    session.commit()
    session.refresh(job)
    return job
