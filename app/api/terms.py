"""Termbase CRUD and CSV import."""

from fastapi import APIRouter, Request, Response

from app.api.deps import CurrentUser, Id, Reviewer, SessionDep
from app.api.paging import Cursor, announce_next, limit_query
from app.drafting import termbase as terms
from app.models import TermCreate, TermPublic, TermUpdate
from app.models.paging import decode_cursor, encode_cursor

router = APIRouter(prefix="/api/terms", tags=["terms"])


@router.get("", response_model=list[TermPublic])
def list_terms(
    session: SessionDep,
    _: CurrentUser,
    request: Request,
    response: Response,
    lang: str | None = None,
    q: str | None = None,
    cursor: Cursor = None,
    limit: int = limit_query(1000),
) -> list[TermPublic]:
    """Terms by language and source term, optionally of one language or matching q; keyset-paged."""
    after = decode_cursor(cursor, str, str)
    found = terms.list_terms(session=session, lang=lang, q=q, after=after, limit=limit + 1)
    last = found[limit - 1] if len(found) > limit else None
    announce_next(request, response, encode_cursor(last.source_lang, last.source_term) if last else None)
    return [TermPublic.model_validate(t) for t in found[:limit]]


@router.post("", response_model=TermPublic, status_code=201)
def create(body: TermCreate, session: SessionDep, _: Reviewer) -> TermPublic:
    """Add a term (editors and admins)."""
    return TermPublic.model_validate(terms.create_term(session=session, payload=body))


@router.get("/{term_id}", response_model=TermPublic)
def read(term_id: Id, session: SessionDep, _: CurrentUser) -> TermPublic:
    """One term."""
    return TermPublic.model_validate(terms.get_term(session=session, term_id=term_id))


@router.patch("/{term_id}", response_model=TermPublic)
def edit(term_id: Id, body: TermUpdate, session: SessionDep, _: Reviewer) -> TermPublic:
    """Change a term (editors and admins)."""
    return TermPublic.model_validate(terms.update_term(session=session, term_id=term_id, payload=body))


@router.delete("/{term_id}", status_code=204)
def delete(term_id: Id, session: SessionDep, _: Reviewer) -> None:
    """Remove a term (editors and admins)."""
    terms.delete_term(session=session, term_id=term_id)


@router.post(
    "/import",
    openapi_extra={
        "requestBody": {"content": {"text/csv": {"schema": {"type": "string"}}}, "required": True}
    },
)
async def import_csv(request: Request, session: SessionDep, _: Reviewer) -> dict[str, int]:
    """Upsert terms from a CSV body (header: source_lang,source_term,target_term,note,case_sensitive)."""
    text = (await request.body()).decode("utf-8", errors="replace")
    return terms.import_csv(session=session, text=text)
