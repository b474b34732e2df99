"""Ingest: text, HTML or URL → normalised, language-checked, segmented, deduplicated document."""

import hashlib

from sqlmodel import Session

from app.config import Settings
from app.detection.detector import DocumentDetection, detect_certain, route_language
from app.documents.reading import document_public
from app.errors import InvalidInput, PayloadTooLarge
from app.ingest.extract import Extracted, extract_html
from app.ingest.fetch import fetch_html
from app.ingest.segment import Block, split_text
from app.ingest.store import IngestOutcome, Prepared, find_existing, store
from app.ingest.urls import source_url_key
from app.models import Document, DocumentCreate, DocumentPublic, User
from app.text.normalize import normalize_text
from app.times import utcnow


def _check_size(text: str, settings: Settings) -> None:
    size = len(text.encode())
    if size > settings.max_document_bytes:
        raise PayloadTooLarge(
            f"Text has {size} bytes; the limit is {settings.max_document_bytes}",
            code="too_large",
            limit=settings.max_document_bytes,
        )


def _extract(payload: DocumentCreate, settings: Settings) -> tuple[Extracted, str]:
    """Blocks and metadata of the payload, plus its input kind."""
    if payload.text is not None:
        text = normalize_text(payload.text)
        _check_size(text, settings)
        return Extracted(blocks=split_text(text, title=payload.title) if text else []), "text"
    if payload.html is not None:
        if len(payload.html.encode()) > settings.fetch_max_bytes:
            raise PayloadTooLarge("HTML is too large", code="too_large", limit=settings.fetch_max_bytes)
        if not payload.html.strip():
            return Extracted(), "html"
        return extract_html(normalize_text(payload.html), url=payload.source_url, force=payload.force), "html"
    final_url, html = fetch_html(payload.url or "", settings=settings)
    return extract_html(html, url=final_url, force=payload.force), "url"


def _with_title(extracted: Extracted, title: str | None) -> list[Block]:
    blocks = [b for b in extracted.blocks if b.kind != "title"]
    head = [b for b in extracted.blocks if b.kind == "title"]
    title_text = normalize_text(title) if title else (head[0].text if head else extracted.title)
    return ([Block("title", title_text)] if title_text else []) + blocks


def fetch_article(*, url: str, settings: Settings) -> list[Block]:
    """The blocks of the article at `url`, fetched and extracted exactly as URL ingest does."""
    final_url, html = fetch_html(url, settings=settings)
    return _with_title(extract_html(html, url=final_url), None)


def content_hash(blocks: list[Block]) -> str:
    """Hash of the normalised article text: the same article twice hashes the same."""
    joined = "\n\n".join(f"{b.kind}:{b.text}" for b in blocks)
    return hashlib.sha256(joined.encode()).hexdigest()


def prepare(
    *, payload: DocumentCreate, user: User | None, settings: Settings, url_key: str | None
) -> Prepared:
    """Extract (fetching a URL), check, detect, segment and hash a payload; nothing touches the database."""
    extracted, kind = _extract(payload, settings)
    blocks = _with_title(extracted, payload.title)
    if not any(b.kind != "title" for b in blocks):
        raise InvalidInput("The source has no text", code="empty_text")
    _check_size("\n\n".join(b.text for b in blocks), settings)
    detection = route_language([b.text for b in blocks], override=payload.source_lang)
    doc = Document(
        title=blocks[0].text if blocks[0].kind == "title" else None,
        outlet=payload.outlet or extracted.site_name,
        source_url=payload.source_url or payload.url,
        source_url_key=url_key,
        original_url=payload.original_url,
        author=payload.author or extracted.author,
        published_at=payload.published_at or extracted.published_at,
        site_name=extracted.site_name,
        source_lang=detection.lang,
        lang_confidence=round(detection.confidence, 4),
        lang_method="override" if payload.source_lang else _method(detection),
        input_kind=kind,
        content_hash=content_hash(blocks),
        search_text="\n\n".join(b.text for b in blocks).casefold(),
        created_by=user.username if user else None,
        # Given, not defaulted: pydantic inspects a default_factory's signature on every call (~1.5 ms).
        created_at=(now := utcnow()),
        updated_at=now,
    )
    return Prepared(doc, blocks, detection)


def ingest(
    *, session: Session, payload: DocumentCreate, user: User | None, settings: Settings
) -> IngestOutcome:
    """Store a new source document, or return the existing one with the same URL or text."""
    url_key = source_url_key(payload.source_url or payload.url)
    found = find_existing(session, url_key=url_key, digest=None)
    if found:
        return IngestOutcome(found, False)
    prepared = prepare(payload=payload, user=user, settings=settings, url_key=url_key)
    found = find_existing(session, url_key=None, digest=prepared.doc.content_hash)
    if found:
        return IngestOutcome(found, False)
    return store(session, prepared)


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
