"""Starting jobs: create and queue, retry the failed segments."""

from sqlmodel import Session

from app.drafting.jobs import create_job, get_job
from app.drafting.tasks import enqueue_job
from app.models import TranslationJob, User


def start_job(
    *, session: Session, document_id: int, provider: str, user: User | None, only_failed: bool = False
) -> TranslationJob:
    """Create a job for the segments that need a draft and put it on the queue."""
    job = create_job(
        session=session, document_id=document_id, provider=provider, user=user, only_failed=only_failed
    )
    enqueue_job(job.id)
    session.refresh(job)  # an inline queue (tests) has already run it
    return job


def retry_job(*, session: Session, job_id: int, user: User | None) -> TranslationJob:
    """Start a job over the segments this job left failed, with the same provider."""
    job = get_job(session=session, job_id=job_id)
    return start_job(
        session=session, document_id=job.document_id, provider=job.provider, user=user, only_failed=True
    )
