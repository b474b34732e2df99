"""Ingest's CPU-bound work on given text or HTML: normalise, extract, split, detect, hash.

Plain, picklable data in and out and no database imports, so it can run in a child process
(app.ingest.procs) while the server's event loop keeps the GIL.
"""

import hashlib
from dataclasses import dataclass

from app.detection.detector import DocumentDetection, route_language
from app.errors import InvalidInput, PayloadTooLarge
from app.ingest.extracted import Extracted
from app.ingest.segment import Block, split_text
from app.text.normalize import normalize_text


@dataclass(frozen=True)
class Source:
    """What of a text or HTML payload the work reads, with the size limits that apply to it."""

    text: str | None
    html: str | None
    title: str | None
    source_url: str | None
    force: bool
    source_lang: str | None
    max_document_bytes: int
    fetch_max_bytes: int
    fetched: bool = False  # `html` is a page fetched from `source_url`, read as it came


@dataclass
class Worked:
    """The result: blocks (title first), their detection, page metadata, input kind and hash."""

    blocks: list[Block]
    detection: DocumentDetection
    extracted: Extracted
    kind: str
    content_hash: str


def check_size(text: str, limit: int) -> None:
    """PayloadTooLarge (413 `too_large`) when the UTF-8 text is over `limit` bytes."""
    size = len(text.encode())
    if size > limit:
        raise PayloadTooLarge(f"Text has {size} bytes; the limit is {limit}", code="too_large", limit=limit)


def with_title(extracted: Extracted, title: str | None) -> list[Block]:
    """The blocks with the given title, else the page's, as the first block."""
    blocks = [b for b in extracted.blocks if b.kind != "title"]
    head = [b for b in extracted.blocks if b.kind == "title"]
    title_text = normalize_text(title) if title else (head[0].text if head else extracted.title)
    return ([Block("title", title_text)] if title_text else []) + blocks


def content_hash(blocks: list[Block]) -> str:
    """Hash of the normalised article text: the same article twice hashes the same."""
    joined = "\n\n".join(f"{b.kind}:{b.text}" for b in blocks)
    return hashlib.sha256(joined.encode()).hexdigest()


def _read_page(html: str, source: Source) -> Extracted:
    # Imported here: trafilatura and its parsers weigh ~40 MB, needed only where pages are read.
    from app.ingest.extract import extract_html

    return extract_html(html, url=source.source_url, force=source.force)


def extract_source(source: Source) -> tuple[Extracted, str]:
    """Blocks and metadata of given text (else HTML), plus its input kind."""
    if source.fetched:
        return _read_page(source.html or "", source), "url"
    if source.text is not None:
        text = normalize_text(source.text)
        check_size(text, source.max_document_bytes)
        return Extracted(blocks=split_text(text, title=source.title) if text else []), "text"
    html = source.html or ""
    if len(html.encode()) > source.fetch_max_bytes:
        raise PayloadTooLarge("HTML is too large", code="too_large", limit=source.fetch_max_bytes)
    if not html.strip():
        return Extracted(), "html"
    return _read_page(normalize_text(html), source), "html"


def finish(
    extracted: Extracted, kind: str, *, title: str | None, source_lang: str | None, limit: int
) -> Worked:
    """Title, size check, language detection and hash of extracted blocks."""
    blocks = with_title(extracted, title)
    if not any(b.kind != "title" for b in blocks):
        raise InvalidInput("The source has no text", code="empty_text")
    check_size("\n\n".join(b.text for b in blocks), limit)
    detection = route_language([b.text for b in blocks], override=source_lang)
    return Worked(blocks, detection, extracted, kind, content_hash(blocks))


def work(source: Source) -> Worked:
    """All the CPU-bound work of one text or HTML payload; raises the WerkbankError ingest answers."""
    extracted, kind = extract_source(source)
    return finish(
        extracted, kind, title=source.title, source_lang=source.source_lang, limit=source.max_document_bytes
    )


def work_many(sources: list[Source]) -> list[Worked | Exception]:
    """`work` for each source; an error is returned in its place, not raised (a child's batch)."""
    out: list[Worked | Exception] = []
    for source in sources:
        try:
            out.append(work(source))
        except Exception as exc:  # noqa: BLE001 - handed back to the parent, which decides
            out.append(exc)
    return out


def warm() -> None:
    """Load the detection model (a child process's initializer: the first batch does not pay it)."""
    from app.detection.detector import load_model

    load_model()
