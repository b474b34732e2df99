"""Documents: ingest (single and bulk), list, read, export."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel
from starlette.background import BackgroundTask

from app.api.deps import CurrentUser, Id, IdFilter, Reviewer, SessionDep, SettingsDep
from app.api.exports import as_response
from app.documents.reading import list_documents, read_document, read_document_qa
from app.documents.search import SEARCH_RULE
from app.ingest.bulk import ingest_body
from app.ingest.pipeline import ingest_document
from app.memory.reading import with_matches
from app.models import DocumentCreate, DocumentPublic, DocumentQA, DocumentSummary
from app.models.paging import CURSOR_RULE
from app.publishing.exports import export_document
from app.review.bulk import approve_edited_segments

router = APIRouter(prefix="/api/documents", tags=["documents"])


class DocumentPage(BaseModel):
    items: list[DocumentSummary]
    next_cursor: str | None


class BulkResult(BaseModel):
    results: list[dict]
    created: int
    existing: int
    errors: int


@router.post(
    "",
    response_model=DocumentPublic,
    status_code=201,
    responses={200: {"description": "Already stored: the existing document"}},
)
def create_document(
    body: DocumentCreate, response: Response, session: SessionDep, user: CurrentUser, settings: SettingsDep
) -> DocumentPublic:
    """Ingest text, HTML or a URL; 201 when new, 200 with the existing document when known."""
    doc, created = ingest_document(session=session, payload=body, user=user, settings=settings)
    response.status_code = 201 if created else 200
    return doc


@router.post(
    "/bulk",
    response_model=BulkResult,
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": {"type": "array", "items": {"$ref": "#/components/schemas/DocumentCreate"}}
                },
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
            "required": True,
        }
    },
)
async def bulk_create(
    request: Request, session: SessionDep, user: CurrentUser, settings: SettingsDep
) -> Response:
    """Ingest a JSON array or NDJSON of documents; one result per item (created, existing or error).

    Items are stored as their work finishes, at most WERKBANK_INGEST_BATCH_SIZE at a time, one
    transaction per batch (a request cut off midway keeps the finished batches); URL items are
    fetched WERKBANK_INGEST_FETCH_THREADS at a time. An item repeating an earlier item's URL or text
    answers "existing" with its document.
    """
    ndjson = "ndjson" in request.headers.get("content-type", "")
    body = await request.body()

    # Ingest is synchronous work (parsing, storage, fetches; detection in the ingest processes) and
    # so is rendering hundreds of results: both in a worker thread, so the event loop keeps
    # answering other requests meanwhile.
    def answer() -> bytes:
        out = ingest_body(session=session, body=body, ndjson=ndjson, user=user, settings=settings)
        counts = {"created": out.created, "existing": out.existing, "errors": out.errors}
        return BulkResult(results=out.results, **counts).model_dump_json().encode()

    return Response(await run_in_threadpool(answer), media_type="application/json")


@router.get("", response_model=DocumentPage)
def list_all(
    session: SessionDep,
    _: CurrentUser,
    status: str | None = None,
    lang: str | None = None,
    q: Annotated[str | None, Query(max_length=500, description=SEARCH_RULE)] = None,
    cursor: Annotated[str | None, Query(max_length=200, description=CURSOR_RULE)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    feed_id: IdFilter = None,
) -> DocumentPage:
    """Newest first; filter by status, language and feed, search title and text; keyset paging.

    Each item carries the document's counters (segments by status, words), kept by the database
    in the transaction of every write, so a page costs the same at any size of the archive.
    """
    items, next_cursor = list_documents(
        session=session, status=status, lang=lang, q=q, cursor=cursor, limit=limit, feed_id=feed_id
    )
    return DocumentPage(items=items, next_cursor=next_cursor)


@router.get("/{document_id}", response_model=DocumentPublic)
def read(
    document_id: Id,
    session: SessionDep,
    settings: SettingsDep,
    _: CurrentUser,
    include: Annotated[
        Literal["matches"] | None, Query(description="`matches`: each segment's best memory matches")
    ] = None,
    match_limit: Annotated[int, Query(ge=1, le=20, description="Matches per segment (include=matches)")] = 3,
) -> DocumentPublic:
    """The document with all its segments.

    With `include=matches` every segment carries `matches` as GET /api/segments/{id}/matches gives them
    (min_score WERKBANK_TM_MIN_SCORE, `match_limit` each), from the segments' stored lists kept current
    with the memory (units written since a list was stored are merged in). This read never searches the
    memory: a segment whose list is not computed yet (none stored, its text changed, too much written
    since) has `matches` null — GET /api/segments/{id}/matches computes it, and a background task,
    queued by this read, stores it. Without `include` `matches` is null.
    """
    if include != "matches":
        return read_document(session=session, document_id=document_id)
    # One transaction for the document and its matches: with_matches commits it. Its answer is the JSON
    # FastAPI would write for the document, the stored lists spliced in as stored (app.memory.shown).
    document = read_document(session=session, document_id=document_id, commit=False)
    body, after = with_matches(
        session=session,
        document=document,
        min_score=settings.tm_min_score,
        limit=match_limit,
        defer=settings.tm_precompute,
    )
    # The missing lists are queued after the answer is sent: the client does not wait for the queue.
    task = BackgroundTask(after) if after else None
    return Response(body, media_type="application/json", background=task)  # type: ignore[return-value]


@router.get("/{document_id}/qa", response_model=DocumentQA)
def quality(document_id: Id, session: SessionDep, _: CurrentUser) -> DocumentQA:
    """Every segment's QA issues, checked afresh with the current termbase, counted by severity."""
    return read_document_qa(session=session, document_id=document_id)


@router.get(
    "/{document_id}/export",
    response_class=PlainTextResponse,
    responses={200: {"content": {"application/json": {}, "text/markdown": {}}}},
)
def export(
    document_id: Id,
    session: SessionDep,
    _: CurrentUser,
    format: Literal["json", "markdown"] = "json",  # noqa: A002 - the query parameter's name
) -> Response:
    """Approved source/German pairs in order."""
    return as_response(export_document(session=session, document_id=document_id, fmt=format))


@router.post("/{document_id}/approve-edited", response_model=DocumentPublic)
def approve_edited(document_id: Id, session: SessionDep, user: Reviewer) -> DocumentPublic:
    """Approve every edited segment that has German text (editors and admins)."""
    return approve_edited_segments(session=session, document_id=document_id, user=user)
