"""Translation jobs: create (one active per document), find, the segments a job drafts, stale jobs."""

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.detection.detector import KEPT_LANGS
from app.documents.counters import refresh_status
from app.documents.reading import get_document
from app.drafting.claims import stale, stale_cutoff
from app.errors import Conflict, NotFound
from app.models import JobStatus, Segment, SegmentStatus, TranslationJob, User

REDRAFTABLE = (SegmentStatus.new, SegmentStatus.draft, SegmentStatus.error)


def get_job(*, session: Session, job_id: int) -> TranslationJob:
    """The job, or 404."""
    job = session.get(TranslationJob, job_id)
    if job is None:
        raise NotFound(f"No job {job_id}", code="job_not_found")
    return job


def todo_filter(job: TranslationJob):  # noqa: ANN202 - SQL expression
    wanted = [SegmentStatus.error] if job.only_failed else list(REDRAFTABLE)
    return (
        col(Segment.document_id) == job.document_id,
        col(Segment.status).in_(wanted),
    )


def create_job(
    *, session: Session, document_id: int, provider: str, user: User | None, only_failed: bool = False
) -> TranslationJob:
    """A job for a document's segments that still need a draft; 409 `job_active` if one is under way."""
    from app.drafting.providers import get_registry

    doc = get_document(session=session, document_id=document_id)
    if doc.source_lang in KEPT_LANGS:
        raise Conflict("German sources are only excerpted, never translated", code="not_translatable")
    get_registry().get(provider)  # unknown or unavailable providers fail here, before queueing
    # The partial unique index on active jobs decides between concurrent clicks; a check before
    # the insert would race. If the job we lost to has finished meanwhile, try once more.
    for _ in range(3):
        job = _insert_job(
            session, document_id=document_id, provider=provider, user=user, only_failed=only_failed
        )
        if job is not None:
            return job
        active = active_job(session=session, document_id=document_id)
        if active is not None:
            raise Conflict(
                "A translation of this document is already under way", code="job_active", job_id=active.id
            )
        get_document(session=session, document_id=document_id)  # 404 if it was deleted meanwhile
    raise Conflict("A translation of this document is already under way", code="job_active")


def active_job(*, session: Session, document_id: int) -> TranslationJob | None:
    """The document's queued or running job, if any."""
    return session.exec(
        select(TranslationJob).where(
            TranslationJob.document_id == document_id,
            col(TranslationJob.status).in_([JobStatus.queued, JobStatus.running]),
        )
    ).first()


def _insert_job(
    session: Session, *, document_id: int, provider: str, user: User | None, only_failed: bool
) -> TranslationJob | None:
    """Insert the job (counting its work) and commit; None when another active job holds the document."""
    job = TranslationJob(
        document_id=document_id,
        provider=provider,
        only_failed=only_failed,
        created_by=user.username if user else None,
    )
    job.total = len(session.exec(select(Segment.id).where(*todo_filter(job))).all())
    try:
        session.add(job)
        session.flush()
    except IntegrityError:
        session.rollback()
        return None
    doc = get_document(session=session, document_id=document_id)
    doc.provider = provider
    session.add(doc)
    session.flush()
    refresh_status(session=session, document_id=document_id)
    session.commit()
    session.refresh(job)
    return job


def stale_jobs(*, session: Session) -> list[int]:
    """Running jobs whose worker stopped sending heartbeats, set back to queued (ids returned).

    One compare-and-set UPDATE: a job whose worker is alive (fresh heartbeat) is never touched.
    """
    stmt = (
        update(TranslationJob)
        .where(stale(stale_cutoff()))
        .values(status=JobStatus.queued)
        .returning(col(TranslationJob.id))
    )
    ids = list(session.exec(stmt).scalars())  # type: ignore[call-overload]
    session.commit()
    return ids


def list_jobs(
    *, session: Session, document_id: int | None, status: str | None, before: int | None, limit: int
) -> list[TranslationJob]:
    """Jobs newest first, of one document and/or status; keyset-paged on the id (`before` the last seen)."""
    query = select(TranslationJob)
    if document_id is not None:
        query = query.where(col(TranslationJob.document_id) == document_id)
    if status:
        query = query.where(col(TranslationJob.status) == status)
    if before is not None:
        query = query.where(col(TranslationJob.id) < before)
    return list(session.exec(query.order_by(col(TranslationJob.id).desc()).limit(limit)))
