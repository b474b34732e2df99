"""The per-document counters equal a recount after any sequence of writes (seeded random, both databases).

Every write path that changes segments runs here through its service: ingest, edit, approve,
reopen, approve-edited, machine drafts and failures written by a job, jobs started and settled,
segments and documents deleted. The counters kept by the triggers must equal both the rebuild of
`werkbank db recount` and a count made here in Python from the segments themselves.
"""

import random

import pytest
from sqlalchemy import delete
from sqlmodel import col, select

from app.errors import WerkbankError
from app.models import Document, DocumentStatus, JobStatus, Segment, SegmentStatus, TranslationJob
from testkit.samples import EN, RU

COUNTERS = (
    "segments_total",
    "segments_new",
    "segments_draft",
    "segments_edited",
    "segments_approved",
    "segments_error",
    "segments_source_changed",
    "segments_source_removed",
    "words",
)


def _stored(session) -> dict[int, tuple]:
    session.expire_all()
    return {d.id: (d.status, *(getattr(d, c) for c in COUNTERS)) for d in session.exec(select(Document))}


def _expected(session) -> dict[int, tuple]:
    """Counters and status computed here from the rows, without the app's SQL."""
    session.expire_all()
    out = {}
    for doc in session.exec(select(Document)):
        segs = list(session.exec(select(Segment).where(Segment.document_id == doc.id)))
        by = {s: sum(1 for seg in segs if seg.status == s) for s in SegmentStatus}
        active = session.exec(
            select(TranslationJob.id).where(
                TranslationJob.document_id == doc.id,
                col(TranslationJob.status).in_([JobStatus.queued, JobStatus.running]),
            )
        ).first()
        done = by[SegmentStatus.approved] + by[SegmentStatus.source_removed]  # removed: nothing to approve
        if segs and done == len(segs):
            status = DocumentStatus.approved
        elif active:
            status = DocumentStatus.translating
        elif len(segs) > by[SegmentStatus.new]:
            status = DocumentStatus.in_review
        else:
            status = DocumentStatus.ingested
        words = sum(len(s.source_text.split()) for s in segs)
        out[doc.id] = (status, len(segs), *(by[s] for s in SegmentStatus), words)
    return out


class Writes:
    """One random write at a time, through the services a request or a worker would call."""

    def __init__(self, session, settings, user, rng: random.Random) -> None:
        self.session, self.settings, self.user, self.rng = session, settings, user, rng
        self.n = 0

    def segment(self, *statuses: SegmentStatus) -> Segment | None:
        found = list(self.session.exec(select(Segment).where(col(Segment.status).in_(statuses))))
        return self.rng.choice(found) if found else None

    def document(self) -> Document | None:
        found = list(self.session.exec(select(Document)))
        return self.rng.choice(found) if found else None

    def ingest(self) -> None:
        from app.ingest.pipeline import ingest
        from app.models import DocumentCreate

        self.n += 1
        text = self.rng.choice([EN, RU]) + f"\n\nNummer {self.n} der Reihe."
        ingest(
            session=self.session, payload=DocumentCreate(text=text), user=self.user, settings=self.settings
        )

    def edit(self) -> None:
        from app.review.editing import edit_segment

        seg = self.segment(*(s for s in SegmentStatus if s != SegmentStatus.approved))
        if seg:
            edit_segment(
                session=self.session,
                segment_id=seg.id,
                target_text=f"Text {self.rng.random()}",
                version=seg.version,
                user=self.user,
            )

    def approve(self) -> None:
        from app.review.editing import approve_segment

        seg = self.segment(SegmentStatus.edited, SegmentStatus.draft)
        if seg:
            approve_segment(session=self.session, segment_id=seg.id, version=seg.version, user=self.user)

    def reopen(self) -> None:
        from app.review.editing import reopen_segment

        seg = self.segment(SegmentStatus.approved)
        if seg:
            reopen_segment(session=self.session, segment_id=seg.id, version=seg.version, user=self.user)

    def approve_edited(self) -> None:
        from app.review.bulk import approve_edited_segments

        doc = self.document()
        if doc:
            approve_edited_segments(session=self.session, document_id=doc.id, user=self.user)

    def draft(self) -> None:
        """A job: created, claimed, some results written (drafts and failures), settled or left running."""
        from app.drafting.claims import claim
        from app.drafting.jobs import create_job
        from app.drafting.runner import ResultWriter, _finish, remaining
        from app.translators.results import TranslationFailure, TranslationResult

        doc = self.document()
        if doc is None:
            return
        job = claim(
            self.session,
            create_job(session=self.session, document_id=doc.id, provider="none", user=self.user).id,
        )
        writer = ResultWriter(self.session, job)
        for todo in remaining(self.session, job):
            if self.rng.random() < 0.3:
                writer.add(todo, TranslationFailure(code="engine_failed", reason="down"))
            elif self.rng.random() < 0.8:
                writer.add(todo, TranslationResult(text=f"Entwurf {todo.id}", provider="none"))
        writer.flush()
        if self.rng.random() < 0.7:
            _finish(self.session, job.id, job.attempts)

    def delete_segment(self) -> None:
        seg = self.segment(*SegmentStatus)
        if seg:
            self.session.exec(delete(Segment).where(col(Segment.id) == seg.id))
            self.session.commit()

    def delete_document(self) -> None:
        doc = self.document()
        if doc:
            self.session.exec(delete(TranslationJob).where(col(TranslationJob.document_id) == doc.id))
            self.session.exec(delete(Document).where(col(Document.id) == doc.id))
            self.session.commit()


WEIGHTS = {
    "ingest": 4,
    "edit": 6,
    "approve": 5,
    "reopen": 2,
    "approve_edited": 2,
    "draft": 3,
    "delete_segment": 1,
    "delete_document": 1,
}


@pytest.mark.parametrize("seed", [11, 12])
def test_counters_equal_a_recount_after_random_writes(session, settings, seed):
    from app.accounts.users import create_user
    from app.documents.counters import recount
    from app.models import UserCreate

    user = create_user(
        session=session, payload=UserCreate(username="erika", role="admin", password="secret-pass-1")
    )
    rng = random.Random(seed)
    writes = Writes(session, settings, user, rng)
    for _ in range(3):
        writes.ingest()
    done = []
    for _ in range(60):
        name = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        session.expire_all()
        try:
            getattr(writes, name)()
        except WerkbankError:
            session.rollback()  # a refused write (e.g. job_active) changes nothing
        done.append(name)
    kept = _stored(session)
    assert len(kept) >= 2 and any(row[1] for row in kept.values()), done
    assert kept == _expected(session), done
    progress = []
    assert recount(session=session, batch=2, progress=lambda n, total: progress.append((n, total))) == len(
        kept
    )
    assert _stored(session) == kept
    assert progress[-1] == (len(kept), len(kept))
