"""QA of stored segments: computed with the termbase, stored on the segment, filled in where missing."""

import threading
import time
from collections.abc import Iterable, Sequence

from sqlalchemy import Row, event, update
from sqlmodel import Session, col, select

from app.documents import qa_memo
from app.models import DocumentQA, Segment, SegmentQA, Term
from app.qa.base import QAIssue, QATerm
from app.qa.registry import check_segment

Terms = tuple[QATerm, ...]


def terms_for(*, session: Session, lang: str) -> Terms:
    """The termbase of one source language, as the checks read it (interned: see app.documents.qa_memo)."""
    # The three columns, not Term entities: no identity map or instance state per row (~half the time).
    columns = select(Term.source_term, Term.target_term, Term.case_sensitive).where(Term.source_lang == lang)
    return qa_memo.interned(tuple(QATerm(*row) for row in session.exec(columns)))


class TermCache:
    """Termbases read once per language for a run over many segments."""

    def __init__(self, session: Session) -> None:
        self.session, self.by_lang = session, {}

    def __call__(self, lang: str) -> Terms:
        if lang not in self.by_lang:
            self.by_lang[lang] = terms_for(session=self.session, lang=lang)
        return self.by_lang[lang]


def issues_for(*, source: str, target: str | None, source_lang: str, terms: Terms) -> list[dict]:
    """The QA issues of a text as stored in `segment.qa` (plain JSON); the same inputs are checked once
    per process (app.documents.qa_memo)."""

    def compute() -> list[dict]:
        found = check_segment(source=source, target=target, source_lang=source_lang, terms=terms)
        return [issue.model_dump(mode="json") for issue in found]

    if target is None or not target.strip() or source_lang == "de":
        return []  # nothing to check (as check_segment says): not worth a place in the memo
    return qa_memo.issues((source, target, source_lang, terms), compute)


def has_errors(issues: Iterable[dict | QAIssue]) -> bool:
    return any((i.severity if isinstance(i, QAIssue) else i["severity"]) == "error" for i in issues)


def _needs_checking(seg: Segment | Row) -> bool:
    return bool((seg.target_text or "").strip()) and seg.source_lang != "de"


def store_issues(session: Session, seg: Segment | Row, issues: list[dict]) -> None:
    """Write a segment's issues if it is still at the version they were computed for (no version bump)."""
    session.exec(
        update(Segment)
        .where(col(Segment.id) == seg.id, col(Segment.version) == seg.version)
        .values(qa=issues)
        .execution_options(synchronize_session=False)
    )


def fill_missing(*, session: Session, segments: Sequence[Segment]) -> dict[int, list[dict]]:
    """Segment id → issues, computing (and storing, uncommitted) those of rows from before QA existed."""
    terms, out = TermCache(session), {}
    for seg in segments:
        if seg.qa is not None:
            out[seg.id] = seg.qa
        elif not _needs_checking(seg):
            out[seg.id] = []
        else:
            out[seg.id] = issues_for(
                source=seg.source_text,
                target=seg.target_text,
                source_lang=seg.source_lang,
                terms=terms(seg.source_lang),
            )
            store_issues(session, seg, out[seg.id])
    return out


def document_qa(*, session: Session, segments: Sequence[Segment | Row], document_id: int) -> DocumentQA:
    """Every segment checked afresh with today's termbase; stored issues that changed are rewritten.

    `segments` are entities or rows of their columns id, position, status, version, source_text,
    source_lang, target_text and qa (app.documents.reading reads only those)."""
    terms, rows = TermCache(session), []
    for seg in segments:
        issues = (
            issues_for(
                source=seg.source_text,
                target=seg.target_text,
                source_lang=seg.source_lang,
                terms=terms(seg.source_lang),
            )
            if _needs_checking(seg)
            else []
        )
        if issues != seg.qa and (issues or seg.qa is not None):
            store_issues(session, seg, issues)
        rows.append(
            SegmentQA(
                segment_id=seg.id, position=seg.position, status=seg.status, version=seg.version, qa=issues
            )
        )
    errors = sum(1 for r in rows for i in r.qa if i.severity == "error")
    warnings = sum(1 for r in rows for i in r.qa if i.severity == "warning")
    return DocumentQA(document_id=document_id, errors=errors, warnings=warnings, segments=rows)


# The edit path reads the termbase from a short-lived per-process copy, so a PATCH stays within its
# statement budget (issue 11: ≤ 4). A term changed in this process is seen at once (forget_terms);
# one changed by another process within TERMS_TTL_SECONDS; GET /api/documents/{id}/qa is always current.
TERMS_TTL_SECONDS = 5.0
_recent: dict[tuple[str, str], tuple[float, Terms]] = {}
_recent_lock = threading.Lock()


def recent_terms(*, session: Session, lang: str) -> Terms:
    """The termbase of one language, read at most every TERMS_TTL_SECONDS per database."""
    key, now = (str(session.get_bind().url), lang), time.monotonic()
    with _recent_lock:
        hit = _recent.get(key)
    if hit and hit[0] > now:
        return hit[1]
    terms = terms_for(session=session, lang=lang)
    with _recent_lock:
        _recent[key] = (now + TERMS_TTL_SECONDS, terms)
    return terms


def forget_terms(*_: object) -> None:
    """Drop the per-process termbase copies (after a term was written)."""
    with _recent_lock:
        _recent.clear()


for _change in ("after_insert", "after_update", "after_delete"):  # every ORM write of a term here
    event.listen(Term, _change, forget_terms)


def check_text(*, session: Session, segment: Segment, target: str | None) -> list[dict]:
    """The issues `target` would have as this segment's German text (with a recent termbase)."""
    if not (target or "").strip() or segment.source_lang == "de":
        return []
    terms = recent_terms(session=session, lang=segment.source_lang)
    return issues_for(source=segment.source_text, target=target, source_lang=segment.source_lang, terms=terms)
