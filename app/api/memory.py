"""Translation memory: matches for a segment, TMX import."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool

from app.api.deps import CurrentUser, Id, Reviewer, SessionDep, SettingsDep
from app.memory.reads import segment_matches
from app.memory.tmx import import_tmx
from app.models import TmImportResult, TmMatch

router = APIRouter(tags=["translation memory"])


@router.get("/api/segments/{segment_id}/matches", response_model=list[TmMatch])
def matches(
    segment_id: Id,
    session: SessionDep,
    settings: SettingsDep,
    _: CurrentUser,
    min_score: Annotated[int | None, Query(ge=1, le=100, description="Default WERKBANK_TM_MIN_SCORE")] = None,
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> list[TmMatch]:
    """Memory matches, best first: 100 exact, 99 near-exact (differences listed), fuzzy ≥ min_score.

    A German-source segment has none (empty list).
    """
    score = settings.tm_min_score if min_score is None else min_score
    return segment_matches(session=session, segment_id=segment_id, min_score=score, limit=limit)


@router.post(
    "/api/tm/import",
    response_model=TmImportResult,
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/xml": {"schema": {"type": "string"}}}}
    },
)
async def import_memory(
    request: Request, session: SessionDep, settings: SettingsDep, _: Reviewer
) -> TmImportResult:
    """Import a TMX 1.4b file (the request body) in one transaction (editors and admins).

    Not XML or not TMX: 422 `invalid_tmx`; no German side: 422 `tmx_no_german`; over
    WERKBANK_TM_IMPORT_MAX_BYTES: 413 `tmx_too_large`. Nothing is stored from a file that fails.
    """
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > settings.tm_import_max_bytes:
            break  # no need to read the rest: it is refused either way
    return await run_in_threadpool(
        import_tmx, session=session, data=bytes(data), max_bytes=settings.tm_import_max_bytes
    )
