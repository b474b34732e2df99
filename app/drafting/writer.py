"""Writing a job's results: each group of drafts in few statements, guarded by the job's claim."""

import time
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, bindparam, case, or_, select
from sqlmodel import Session, col

from app.documents.quality import TermCache, issues_for
from app.drafting.claims import JobLost, owned
from app.drafting.jobs import REDRAFTABLE
from app.drafting.prefill import PROVIDER as MEMORY
from app.models import Revision, Segment, SegmentStatus, TranslationJob, utcnow
from app.translators.base import TranslationFailure, TranslationResult
from app.translators.usage import Usage

# Results are committed at least this often: live progress, and a crash loses at most this much
# (already cached) work.
FLUSH_SECONDS = 0.5
Result = TranslationResult | TranslationFailure
# Core statements: no ORM bookkeeping per segment (none is loaded here)
SEGMENT, REVISION, JOB = Segment.__table__, Revision.__table__, TranslationJob.__table__


@dataclass(frozen=True)
class Todo:
    """A segment to draft, as it was when the job read it."""

    id: int
    version: int
    source_text: str
    source_lang: str
    position: int = 0
    kind: str = "paragraph"


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


@dataclass
class _Write:
    """One result on its way to the database."""

    todo: Todo
    kind: str | None
    values: dict


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
        now = utcnow()
        writes = [self._prepare(todo, result, now) for todo, result in self.pending]
        settled, errors = self._write(writes)
        done = TranslationJob.done + settled
        progress = (
            JOB.update()
            .where(*owned(self.job_id, self.attempt))
            .values(
                done=case((done > TranslationJob.total, TranslationJob.total), else_=done),  # done ≤ total
                errors=TranslationJob.errors + errors,
                prompt_tokens=TranslationJob.prompt_tokens + self.usage.prompt_tokens,
                completion_tokens=TranslationJob.completion_tokens + self.usage.completion_tokens,
                tm_hits=TranslationJob.tm_hits + self.tm_hits,
                heartbeat_at=now,
            )
        )
        # On the session's connection: the ORM's bulk UPDATE costs more CPU than the statement.
        moved = self.session.connection().execute(progress).rowcount
        if moved != 1:
            self.session.rollback()
            self.pending, self.usage, self.tm_hits = [], Usage(), 0
            raise JobLost(f"job {self.job_id} is no longer this worker's")
        self.session.commit()
        self.pending, self.usage, self.last, self.tm_hits = [], Usage(), time.monotonic(), 0

    def _prepare(self, todo: Todo, result: Result, now: datetime) -> _Write:
        kind, values = _values_for(result)
        values["draft_job_id"] = self.job_id
        if kind == "machine":  # the draft becomes the German text: its QA with it
            values["qa"] = issues_for(
                source=todo.source_text,
                target=values["target_text"],
                source_lang=todo.source_lang,
                terms=self.terms(todo.source_lang),
            )
        if kind:
            by = values.get("draft_provider") or self.provider
            values.update(version=todo.version + 1, updated_at=now, updated_by=f"mt:{by}")
        return _Write(todo, kind, values)

    def _not_yet(self) -> ColumnElement[bool]:
        return or_(SEGMENT.c.draft_job_id.is_(None), SEGMENT.c.draft_job_id != self.job_id)

    def _write(self, writes: list[_Write]) -> tuple[int, int]:
        """(segments settled by this job just now, of them recorded as failed).

        A segment a human changed meanwhile keeps the human's text (a machine draft is stored
        beside it). `draft_job_id` marks the segments this job has dealt with, so none is counted
        twice and a resumed job skips them.
        """
        changed: set[int] = set()
        groups: dict[tuple[str, ...], list[_Write]] = {}
        for write in writes:
            groups.setdefault(tuple(sorted(write.values)), []).append(write)
        for keys, group in groups.items():
            changed |= self._guarded_update(keys, group)
        settled = errors = 0
        revisions = []
        for write in writes:
            if write.todo.id in changed:
                if write.kind:
                    revisions.append(self._revision(write))
                self.tm_hits += write.values.get("draft_provider") == MEMORY
                settled, errors = settled + 1, errors + (write.kind == "machine_error")
            else:
                settled += self._stamp(write)
        if revisions:
            self.session.connection().execute(REVISION.insert(), revisions)
        return settled, errors

    def _guarded_update(self, keys: tuple[str, ...], group: list[_Write]) -> set[int]:
        """One UPDATE for many segments (executemany), each only if still as the job read it."""
        stmt = SEGMENT.update().where(
            SEGMENT.c.id == bindparam("w_id"),
            SEGMENT.c.version == bindparam("w_version"),
            or_(*(SEGMENT.c.status == s.value for s in REDRAFTABLE)),  # IN (…) cannot go in an executemany
            self._not_yet(),
        )
        params = [{"w_id": w.todo.id, "w_version": w.todo.version, **w.values} for w in group]
        count = self.session.connection().execute(stmt, params).rowcount
        if count == len(group):
            return {w.todo.id for w in group}
        # Some were changed meanwhile: those this statement wrote carry this job and the new version.
        wanted = {w.todo.id: w.values.get("version", w.todo.version) for w in group}
        query = select(SEGMENT.c.id, SEGMENT.c.version).where(
            col(SEGMENT.c.id).in_(list(wanted)), SEGMENT.c.draft_job_id == self.job_id
        )
        rows = self.session.connection().execute(query)
        return {seg_id for seg_id, version in rows if wanted[seg_id] == version}

    def _stamp(self, write: _Write) -> bool:
        """Mark a segment the job could not write as dealt with (the machine draft kept beside it)."""
        kept = {k: write.values[k] for k in ("draft_text", "draft_provider") if write.kind == "machine"}
        stamp = SEGMENT.update().where(SEGMENT.c.id == write.todo.id, self._not_yet())
        return self.session.connection().execute(stamp.values(draft_job_id=self.job_id, **kept)).rowcount == 1

    def _revision(self, write: _Write) -> dict:
        """The revision row of a write (a plain dict: one INSERT for the group, no model per row)."""
        values, provider = write.values, write.values.get("draft_provider") or self.provider
        return {
            "segment_id": write.todo.id,
            "version": write.todo.version + 1,
            "kind": write.kind,
            "text": values.get("draft_text") if write.kind == "machine" else values.get("error"),
            "provider": values.get("draft_provider", self.provider),
            "user": f"mt:{provider}",
            "reason": None,
            "created_at": values["updated_at"],
        }
