"""The registered translators and whether each can be used here."""

from fastapi import APIRouter

from app.api.deps import CurrentUser
from app.drafting.providers import describe_translators

router = APIRouter(prefix="/api/translators", tags=["translators"])


@router.get("")
def list_translators(_: CurrentUser) -> list[dict]:
    """One object per translator: name, available, reason, pairs, sends_text_to_third_party."""
    return describe_translators()
