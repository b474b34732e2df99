"""Exports across posts and documents: a day's posts, and approved segment pairs."""

from datetime import date, datetime

from fastapi import APIRouter, Response

from app.api.deps import CurrentUser, SettingsDep
from app.db import SessionDep
from app.exporters import get_format
from app.services.pairs import approved_pairs
from app.services.posts import list_posts, render

router = APIRouter(tags=["exports"])


@router.get("/api/days/{day}/export", response_class=Response)
def export_day(
    day: date, session: SessionDep, _: CurrentUser, settings: SettingsDep, format: str = "html"
) -> Response:  # noqa: A002
    """Every post of a Berlin calendar day (archive page, Markdown, JSON or WXR)."""
    fmt = get_format(format)
    views = [
        render(session=session, post=p, settings=settings).view for p in list_posts(session=session, day=day)
    ]
    body = fmt.render_day(day, views)  # type: ignore[misc]
    return Response(
        body,
        media_type=fmt.media_type,
        headers={"Content-Disposition": f'inline; filename="{day.isoformat()}.{fmt.extension}"'},
    )


@router.get("/api/pairs/export", response_class=Response)
def export_pairs(
    session: SessionDep,
    _: CurrentUser,
    format: str = "tmx",  # noqa: A002
    since: datetime | None = None,
    until: datetime | None = None,
    document_id: int | None = None,
) -> Response:
    """Approved source/German pairs as tmx, xliff, csv or jsonl (per document, time range, or all)."""
    fmt = get_format(format, kind="pairs")
    pairs = approved_pairs(session=session, document_id=document_id, since=since, until=until)
    body = fmt.render_pairs(pairs)  # type: ignore[misc]
    return Response(
        body,
        media_type=fmt.media_type,
        headers={"Content-Disposition": f'inline; filename="werkbank-pairs.{fmt.extension}"'},
    )
