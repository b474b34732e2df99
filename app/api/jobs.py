"""Translation jobs: start, watch, retry failed segments."""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from app.api.deps import CurrentUser, Id, IdFilter, SessionDep, SettingsDep
from app.drafting.dispatch import retry_job, start_job
from app.drafting.jobs import get_job, list_jobs
from app.models import JobPublic, JobStatus
from app.models.paging import CURSOR_RULE, decode_cursor, encode_cursor

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


class JobPage(BaseModel):
    items: list[JobPublic]
    next_cursor: str | None


@router.get("/api/jobs", response_model=JobPage)
def list_all(
    session: SessionDep,
    _: CurrentUser,
    document_id: IdFilter = None,
    status: JobStatus | None = None,
    cursor: Annotated[str | None, Query(max_length=200, description=CURSOR_RULE)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> JobPage:
    """Jobs newest first, of one document and/or status; keyset paging."""
    after = decode_cursor(cursor)
    found = list_jobs(
        session=session,
        document_id=document_id,
        status=status,
        before=after[0] if after else None,
        limit=limit + 1,
    )
    next_cursor = encode_cursor(found[limit - 1].id) if len(found) > limit else None
    return JobPage(items=[JobPublic.model_validate(j) for j in found[:limit]], next_cursor=next_cursor)


@router.get("/api/jobs/{job_id}", response_model=JobPublic)
def read_job(job_id: Id, session: SessionDep, _: CurrentUser) -> JobPublic:
    """Status and progress (done/total, errors) of a job."""
    return JobPublic.model_validate(get_job(session=session, job_id=job_id))


@router.post("/api/jobs/{job_id}/retry", response_model=JobPublic, status_code=202)
def retry(job_id: Id, session: SessionDep, user: CurrentUser) -> JobPublic:
    """Re-run only the segments that failed, with the same provider."""
    return JobPublic.model_validate(retry_job(session=session, job_id=job_id, user=user))
