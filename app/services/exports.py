"""Rendering posts, days and segment pairs in a named format (shared by API and CLI)."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from app.config import Settings
from app.exporters import get_format
from app.services.pairs import approved_pairs
from app.services.posts import get_post, list_posts, render


@dataclass(frozen=True)
class Rendered:
    """An export's body, media type and suggested file name."""

    body: str
    media_type: str
    filename: str


def export_post(*, session: Session, post_id: int, fmt: str, settings: Settings) -> Rendered:
    """One post as html, markdown, text, json or wxr."""
    form = get_format(fmt)
    view = render(session=session, post=get_post(session=session, post_id=post_id), settings=settings).view
    return Rendered(form.render_post(view), form.media_type, f"{view.slug}.{form.extension}")  # type: ignore[misc]


def export_day(*, session: Session, day: date, fmt: str, settings: Settings) -> Rendered:
    """Every post of a Berlin calendar day."""
    form = get_format(fmt)
    views = [
        render(session=session, post=p, settings=settings).view for p in list_posts(session=session, day=day)
    ]
    return Rendered(form.render_day(day, views), form.media_type, f"{day.isoformat()}.{form.extension}")  # type: ignore[misc]


def export_pairs(
    *,
    session: Session,
    fmt: str,
    since: datetime | None = None,
    until: datetime | None = None,
    document_id: int | None = None,
) -> Rendered:
    """Approved segment pairs as tmx, xliff, csv or jsonl."""
    form = get_format(fmt, kind="pairs")
    pairs = approved_pairs(session=session, document_id=document_id, since=since, until=until)
    return Rendered(form.render_pairs(pairs), form.media_type, f"werkbank-pairs.{form.extension}")  # type: ignore[misc]
