"""Article extraction from HTML with trafilatura: metadata plus heading/paragraph blocks."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

import trafilatura
from lxml import etree

from app.errors import InvalidInput
from app.ingest.segment import Block, dedupe
from app.text.normalize import collapse


@dataclass
class Extracted:
    """What trafilatura found in a page."""

    title: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    site_name: str | None = None
    blocks: list[Block] = field(default_factory=list)


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    # A page's date is usually date-only ("2022-01-12"): midnight UTC keeps that calendar date in
    # the UTC answer. It is the source's metadata, not an editor's input, so no site-zone rule.
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _blocks(main: etree._Element, title: str | None) -> list[Block]:
    blocks: list[Block] = []
    for el in main.iter("head", "p", "item", "quote"):
        if el.tag == "quote" and el.find("p") is not None:
            continue
        if el.tag == "p" and el.getparent() is not None and el.getparent().tag == "item":
            continue
        text = collapse("".join(el.itertext()))
        if not text:
            continue
        if el.tag == "head":
            if title and text.casefold() == title.casefold() and not blocks:
                continue  # the h1 that repeats the title
            blocks.append(Block("heading", text))
        else:
            blocks.append(Block("paragraph", text))
    return blocks


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Main text and metadata of an HTML page; boilerplate removed."""
    xml = trafilatura.extract(
        html,
        url=url,
        output_format="xml",
        include_formatting=True,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        deduplicate=False,  # its process-wide cache drops pages it has seen a few times
    )
    if not xml:
        raise InvalidInput("No article text found in the HTML", code="no_article")
    root = etree.fromstring(xml.encode())
    title = collapse(root.get("title") or "") or None
    main = root.find("main")
    blocks = _blocks(main, title) if main is not None else []
    if not any(b.kind == "paragraph" for b in blocks):
        raise InvalidInput("No article text found in the HTML", code="no_article")
    return Extracted(
        title=title,
        author=collapse(root.get("author") or "") or None,
        published_at=_parse_date(root.get("date")),
        site_name=collapse(root.get("sitename") or "") or None,
        blocks=dedupe(blocks),
    )
