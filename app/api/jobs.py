"""Translation jobs: start, watch, retry failed segments."""

from fastapi import APIRouter
from pydantic import BaseModel, Field

from app.api.deps import CurrentUser, Id, SessionDep, SettingsDep
from app.drafting.dispatch import retry_job, start_job
from app.drafting.jobs import get_job
from app.models import JobPublic

router = APIRouter(tags=["jobs"])


class TranslateRequest(BaseModel):
    provider: str | None = Field(
        default=None, max_length=64, description="Translator name; default setting if absent"
    )


@router.post("/api/documents/{document_id}/translate", response_model=JobPublic, status_code=202)
def translate(
    document_id: Id,
    session: SessionDep,
    user: CurrentUser,
    settings: SettingsDep,
    body: TranslateRequest | None = None,
) -> JobPublic:
    """Queue machine drafts for the segments that need one; returns the job."""
    provider = body.provider if body and body.provider else settings.default_provider
    job = start_job(session=session, document_id=document_id, provider=provider, user=user)
    return JobPublic.model_validate(job)


@router.get("/api/jobs/{job_id}", response_model=JobPublic)
def read_job(job_id: Id, session: SessionDep, _: CurrentUser) -> JobPublic:
    """Status and progress (done/total, errors) of a job."""
    return JobPublic.model_validate(get_job(session=session, job_id=job_id))


@router.post("/api/jobs/{job_id}/retry", response_model=JobPublic, status_code=202)
def retry(job_id: Id, session: SessionDep, user: CurrentUser) -> JobPublic:
    """Re-run only the segments that failed, with the same provider."""
    return JobPublic.model_validate(retry_job(session=session, job_id=job_id, user=user))
