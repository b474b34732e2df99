"""Rendering documents, posts, days and segment pairs in a named format (shared by API and CLI)."""

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from app.config import Settings
from app.documents.reading import get_document, segments_of
from app.errors import InvalidInput
from app.exporters import get_format, markdown
from app.models import SegmentStatus
from app.publishing.pairs import approved_pairs
from app.publishing.posts import get_post, list_posts, render


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
    """Every post of a calendar day in the site's time zone."""
    form = get_format(fmt)
    found = list_posts(session=session, day=day, zone=settings.zone)
    views = [render(session=session, post=p, settings=settings).view for p in found]
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


def export_document(*, session: Session, document_id: int, fmt: str) -> Rendered:
    """A document's approved source/German pairs in order, as JSON or Markdown (first cut)."""
    if fmt not in ("json", "markdown"):
        raise InvalidInput(
            f"Unknown document export format {fmt!r}", code="unknown_format", allowed=["json", "markdown"]
        )
    doc = get_document(session=session, document_id=document_id)
    pairs = [
        s for s in segments_of(session=session, document_id=document_id) if s.status == SegmentStatus.approved
    ]
    if fmt == "json":
        body = {
            "document_id": doc.id,
            "title": doc.title,
            "outlet": doc.outlet,
            "source_url": doc.source_url,
            "source_lang": doc.source_lang,
            "pairs": [
                {
                    "position": s.position,
                    "kind": s.kind,
                    "source_lang": s.source_lang,
                    "source": s.source_text,
                    "target": s.target_text,
                }
                for s in pairs
            ],
        }
        text = json.dumps(body, ensure_ascii=False, indent=2)
        return Rendered(text, "application/json", f"document-{doc.id}.json")
    blocks = [(s.kind, s.target_text or "") for s in pairs]
    text = markdown.render_document(blocks=blocks, outlet=doc.outlet, source_url=doc.source_url)
    return Rendered(text, "text/markdown; charset=utf-8", f"document-{doc.id}.md")
