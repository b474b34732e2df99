"""Termbase CRUD and CSV import."""

from fastapi import APIRouter, Request

from app.api.deps import CurrentUser, Id, Reviewer, SessionDep
from app.drafting import termbase as terms
from app.models import TermCreate, TermPublic, TermUpdate

router = APIRouter(prefix="/api/terms", tags=["terms"])


@router.get("", response_model=list[TermPublic])
def list_terms(
    session: SessionDep, _: CurrentUser, lang: str | None = None, q: str | None = None
) -> list[TermPublic]:
    """All terms, optionally of one source language or matching q."""
    return [TermPublic.model_validate(t) for t in terms.list_terms(session=session, lang=lang, q=q)]


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
