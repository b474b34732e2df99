"""Ingest: text, HTML or URL → normalised, language-checked, segmented, deduplicated document."""

from typing import Any

from sqlmodel import Session

from app.config import Settings
from app.detection.detector import DocumentDetection, detect_certain
from app.documents.reading import document_public
from app.documents.search import search_text
from app.ingest import procs
from app.ingest.fetch import fetch_html
from app.ingest.segment import Block, split_text
from app.ingest.store import IngestOutcome, Prepared, find_existing, store
from app.ingest.urls import source_url_key
from app.ingest.work import Source, Worked, content_hash, with_title
from app.memory.tasks import warm_later
from app.memory.units import KEPT_LANG
from app.models import DocumentCreate, DocumentPublic, DocumentStatus, User
from app.times import utcnow

__all__ = [
    "content_hash", "detect_text", "fetch_article", "ingest", "ingest_document", "prepare", "source_of",
]  # fmt: skip


def fetch_article(*, url: str, settings: Settings) -> list[Block]:
    """The blocks of the article at `url`, fetched and extracted exactly as URL ingest does."""
    from app.ingest.extract import extract_html  # trafilatura: only in the processes reading pages

    final_url, html = fetch_html(url, settings=settings)
    return with_title(extract_html(html, url=final_url), None)


def source_of(payload: DocumentCreate, settings: Settings) -> Source | None:
    """What the CPU-bound work needs of a text or HTML payload; None for a URL (fetched here)."""
    if payload.text is None and payload.html is None:
        return None
    return Source(
        text=payload.text,
        html=payload.html,
        title=payload.title,
        source_url=payload.source_url,
        force=payload.force,
        source_lang=payload.source_lang,
        max_document_bytes=settings.max_document_bytes,
        fetch_max_bytes=settings.fetch_max_bytes,
    )


def _work(payload: DocumentCreate, settings: Settings) -> Worked:
    source = source_of(payload, settings)
    if source is None:  # a URL: fetched here (I/O), the page read in the ingest processes
        final_url, html = fetch_html(payload.url or "", settings=settings)
        source = Source(
            text=None, html=html, title=payload.title, source_url=final_url, force=payload.force,
            source_lang=payload.source_lang, max_document_bytes=settings.max_document_bytes,
            fetch_max_bytes=settings.fetch_max_bytes, fetched=True,
        )  # fmt: skip
    (worked,) = procs.run([source], processes=settings.ingest_processes, nice=settings.ingest_nice)
    if isinstance(worked, Exception):
        raise worked
    return worked


def prepare(
    *,
    payload: DocumentCreate,
    user: User | None,
    settings: Settings,
    url_key: str | None,
    worked: Worked | None = None,
) -> Prepared:
    """Extract (fetching a URL), check, detect, segment and hash a payload, unless `worked` holds
    that already; the document's row. Nothing touches the database.
    """
    worked = worked or _work(payload, settings)
    blocks, detection, extracted = worked.blocks, worked.detection, worked.extracted
    now = utcnow()
    row: dict[str, Any] = {
        "title": blocks[0].text if blocks[0].kind == "title" else None,
        "outlet": payload.outlet or extracted.site_name,
        "source_url": payload.source_url or payload.url,
        "source_url_key": url_key,
        "original_url": payload.original_url,
        "author": payload.author or extracted.author,
        "published_at": payload.published_at or extracted.published_at,
        "site_name": extracted.site_name,
        "source_lang": detection.lang,
        "lang_confidence": round(detection.confidence, 4),
        "lang_method": "override" if payload.source_lang else _method(detection),
        "input_kind": worked.kind,
        "content_hash": worked.content_hash,
        "search_text": search_text([b.text for b in blocks]),
        "status": DocumentStatus.ingested.value,
        "created_by": user.username if user else None,
        "created_at": now,
        "updated_at": now,
    }
    return Prepared(row, blocks, detection)


def ingest(
    *, session: Session, payload: DocumentCreate, user: User | None, settings: Settings
) -> IngestOutcome:
    """Store a new source document, or return the existing one with the same URL or text."""
    url_key = source_url_key(payload.source_url or payload.url)
    found = find_existing(session, url_key=url_key, digest=None)
    if found:
        return IngestOutcome(found, False)
    prepared = prepare(payload=payload, user=user, settings=settings, url_key=url_key)
    found = find_existing(session, url_key=None, digest=prepared.row["content_hash"])
    if found:
        return IngestOutcome(found, False)
    outcome = store(session, prepared)
    if outcome.created and outcome.document.source_lang != KEPT_LANG:
        warm_later([outcome.document.id])  # the editor's first read with matches: a stored one
    return outcome


def ingest_document(
    *, session: Session, payload: DocumentCreate, user: User | None, settings: Settings
) -> tuple[DocumentPublic, bool]:
    """Ingest; the stored document as the API shows it, and whether this request created it."""
    outcome = ingest(session=session, payload=payload, user=user, settings=settings)
    return document_public(session=session, doc=outcome.document), outcome.created


def detect_text(*, text: str) -> DocumentDetection:
    """The language of a text split into blocks as ingest splits it; nothing is stored.

    Raises LanguageUncertain (422 `language_uncertain`, with candidates) when unsure.
    """
    blocks = split_text(text)
    return detect_certain([b.text for b in blocks] or [text])


def _method(detection: DocumentDetection) -> str:
    methods = {p.method for p in detection.paragraphs}
    return "+".join(sorted(methods))[:32]
