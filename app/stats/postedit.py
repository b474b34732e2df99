"""Post-edit figures of a draft against its approved text: chrF++, character edit rate, time to approval."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from app.models import Document, PostEdit, Revision, Segment, SegmentStatus

DRAFT_KINDS = ("machine",)  # the revision that wrote a machine (or memory) draft


@dataclass(frozen=True)
class Figures:
    chrf: float
    edit_rate: float
    unchanged: bool


def figures(draft: str, approved: str) -> Figures:
    """chrF++ (sacrebleu: character 6-grams plus word bigrams, 0–100) of the draft against the approved
    text, and the character edit rate: Levenshtein edits per character of the approved text."""
    from rapidfuzz.distance import Levenshtein
    from sacrebleu.metrics import CHRF

    chrf = CHRF(word_order=2).sentence_score(draft, [approved]).score
    edits = Levenshtein.distance(draft, approved)
    return Figures(
        chrf=round(chrf, 4), edit_rate=round(edits / max(len(approved), 1), 6), unchanged=draft == approved
    )


def _drafted_at(session: Session, segment_ids: list[int]) -> dict[int, datetime]:
    """When each segment's current machine draft was written (its newest machine revision)."""
    rows = session.exec(
        select(Revision.segment_id, func.max(Revision.created_at))
        .where(col(Revision.segment_id).in_(segment_ids), col(Revision.kind).in_(DRAFT_KINDS))
        .group_by(col(Revision.segment_id))
    )
    return {sid: at for sid, at in rows}


def forget_post_edits(*, session: Session, segment_ids: Iterable[int]) -> None:
    """A reopened segment's approval no longer counts."""
    ids = list(segment_ids)
    if ids:
        session.exec(delete(PostEdit).where(col(PostEdit.segment_id).in_(ids)))  # type: ignore[call-overload]


def record_post_edits(*, session: Session, segment_ids: Iterable[int], user: str | None, at: datetime) -> int:
    """Store the figures of just-approved segments that had a machine or memory draft (in the caller's
    transaction); one row per segment, replaced on re-approval. How many were stored."""
    ids = list(segment_ids)
    if not ids:
        return 0

    rows = session.exec(
        select(Segment, Document.outlet)
        .join(Document, col(Document.id) == col(Segment.document_id))
        .where(col(Segment.id).in_(ids), col(Segment.status) == SegmentStatus.approved)
        .where(col(Segment.draft_text).is_not(None), col(Segment.draft_provider).is_not(None))
        .execution_options(populate_existing=True)
    ).all()
    forget_post_edits(session=session, segment_ids=ids)
    drafted = _drafted_at(session, [seg.id for seg, _ in rows])
    for seg, outlet in rows:
        fig = figures(seg.draft_text or "", seg.target_text or "")
        since = drafted.get(seg.id)
        session.add(
            PostEdit(
                segment_id=seg.id,
                document_id=seg.document_id,
                provider=seg.draft_provider or "",
                source_lang=seg.source_lang,
                outlet=outlet,
                chrf=fig.chrf,
                edit_rate=fig.edit_rate,
                unchanged=fig.unchanged,
                seconds=max((at - since).total_seconds(), 0.0) if since else None,
                approved_at=at,
                approved_by=user,
            )
        )
    session.flush()
    return len(rows)
