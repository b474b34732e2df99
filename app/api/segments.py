"""Segments: edit, approve, reopen, revert, revision history."""

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from app.api.deps import CurrentUser, Id, Reviewer, SessionDep
from app.api.paging import Cursor, announce_next, limit_query
from app.documents.reading import segment_public
from app.models import RevisionPublic, SegmentPublic
from app.models.paging import decode_cursor, encode_cursor
from app.models.types import DbId, Version
from app.review import editing as review

router = APIRouter(prefix="/api/segments", tags=["segments"])


class SegmentEdit(BaseModel):
    target_text: str = Field(max_length=100_000)
    version: Version


class VersionOnly(BaseModel):
    version: Version


class ApproveRequest(BaseModel):
    version: Version
    force: bool = Field(default=False, description="Approve although QA found errors (needs a reason)")
    reason: str | None = Field(default=None, max_length=1000, description="Why; stored in the revision")


class ReopenRequest(BaseModel):
    version: Version | None = None


class RevertRequest(BaseModel):
    revision_id: DbId
    version: Version


@router.get("/{segment_id}", response_model=SegmentPublic)
def read(segment_id: Id, session: SessionDep, _: CurrentUser) -> SegmentPublic:
    """One segment."""
    return segment_public(session=session, segment=review.get_segment(session=session, segment_id=segment_id))


@router.patch(
    "/{segment_id}",
    response_model=SegmentPublic,
    responses={409: {"description": "Stale version; body carries the current segment"}},
)
async def edit(segment_id: Id, body: SegmentEdit, session: SessionDep, user: CurrentUser) -> SegmentPublic:
    """Save the German text; the version must be the one you edited (else 409)."""
    # The editor's autosave: one hand-off to a worker thread for the save, the answer checked here
    # (a sync route would hand off again just to validate it).
    return await run_in_threadpool(
        review.edit_segment,
        session=session,
        segment_id=segment_id,
        target_text=body.target_text,
        version=body.version,
        user=user,
    )


@router.post(
    "/{segment_id}/approve",
    response_model=SegmentPublic,
    responses={422: {"description": "qa_errors: QA found errors, send force and a reason (reason_required)"}},
)
def approve(segment_id: Id, body: ApproveRequest, session: SessionDep, user: Reviewer) -> SegmentPublic:
    """Approve (editors and admins); a segment with QA errors needs {"force": true, "reason": …}."""
    return review.approve_segment(
        session=session,
        segment_id=segment_id,
        version=body.version,
        user=user,
        force=body.force,
        reason=body.reason,
    )


@router.post("/{segment_id}/reopen", response_model=SegmentPublic)
def reopen(
    segment_id: Id, session: SessionDep, user: Reviewer, body: ReopenRequest | None = None
) -> SegmentPublic:
    """Take an approved segment back into review (editors and admins)."""
    version = body.version if body else None
    return review.reopen_segment(session=session, segment_id=segment_id, version=version, user=user)


@router.post("/{segment_id}/revert", response_model=SegmentPublic)
def revert(segment_id: Id, body: RevertRequest, session: SessionDep, user: CurrentUser) -> SegmentPublic:
    """Make an earlier revision's text current (stored as a new revision)."""
    return review.revert_segment(
        session=session, segment_id=segment_id, revision_id=body.revision_id, version=body.version, user=user
    )


@router.get("/{segment_id}/revisions", response_model=list[RevisionPublic])
def revisions(
    segment_id: Id,
    session: SessionDep,
    _: CurrentUser,
    request: Request,
    response: Response,
    cursor: Cursor = None,
    limit: int = limit_query(500),
) -> list[RevisionPublic]:
    """The revisions, oldest first, keyset-paged (next page: the `X-Next-Cursor` header)."""
    after = decode_cursor(cursor)
    found = review.revisions_of(
        session=session, segment_id=segment_id, after=after[0] if after else None, limit=limit + 1
    )
    announce_next(request, response, encode_cursor(found[limit - 1].id) if len(found) > limit else None)
    return found[:limit]
