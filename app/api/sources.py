"""Source updates of documents: fetch the article again, and the recorded paragraph diffs."""

from fastapi import APIRouter

from app.api.deps import CurrentUser, Id, Reviewer, SessionDep, SettingsDep
from app.feeds.refetch import RefetchResult, refetch_document, source_changes
from app.models import SourceChangePublic

router = APIRouter(prefix="/api/documents", tags=["documents"])


@router.post("/{document_id}/refetch", response_model=RefetchResult)
def refetch(document_id: Id, session: SessionDep, user: Reviewer, settings: SettingsDep) -> RefetchResult:
    """Fetch the source URL again (editors and admins); a changed text marks the affected segments."""
    return refetch_document(session=session, document_id=document_id, settings=settings, user=user)


@router.get("/{document_id}/source-diff", response_model=list[SourceChangePublic])
def source_diff(document_id: Id, session: SessionDep, _: CurrentUser) -> list[SourceChangePublic]:
    """Every recorded change of the source text, newest first, paragraph by paragraph."""
    return source_changes(session=session, document_id=document_id)
