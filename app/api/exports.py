"""Exports across posts and documents: a day's posts, and approved segment pairs."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.api.deps import CurrentUser, IdFilter, SessionDep, SettingsDep
from app.models.types import CLIENT_RULE, ClientDatetime
from app.publishing import exports

router = APIRouter(tags=["exports"])


def as_response(rendered: exports.Rendered) -> Response:
    """An export as an HTTP response with a file name."""
    disposition = f'inline; filename="{rendered.filename}"'
    return Response(
        rendered.body, media_type=rendered.media_type, headers={"Content-Disposition": disposition}
    )


@router.get("/api/days/{day}/export", response_class=Response)
def export_day(
    day: date,
    session: SessionDep,
    _: CurrentUser,
    settings: SettingsDep,
    format: str = "html",  # noqa: A002
) -> Response:
    """Every post of a calendar day in the site's time zone (archive page, Markdown, text, JSON or WXR)."""
    return as_response(exports.export_day(session=session, day=day, fmt=format, settings=settings))


@router.get("/api/pairs/export", response_class=Response)
def export_pairs(
    session: SessionDep,
    _: CurrentUser,
    format: str = "tmx",  # noqa: A002
    since: Annotated[ClientDatetime | None, Query(description="Approved at or after. " + CLIENT_RULE)] = None,
    until: Annotated[ClientDatetime | None, Query(description="Approved before. " + CLIENT_RULE)] = None,
    document_id: IdFilter = None,
) -> Response:
    """Approved source/German pairs as tmx, xliff, csv or jsonl (per document, time range, or all)."""
    rendered = exports.export_pairs(
        session=session, fmt=format, since=since, until=until, document_id=document_id
    )
    return as_response(rendered)
