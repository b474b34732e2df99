"""Article extraction from HTML with trafilatura: metadata plus heading/paragraph blocks."""

import trafilatura
from lxml import etree

from app.errors import InvalidInput
from app.ingest.boilerplate import drop_boilerplate
from app.ingest.extracted import Extracted
from app.ingest.markup import CAPTION_XPATH, prepared_html, xml_blocks
from app.ingest.metadata import page_authors, page_published, page_title
from app.ingest.page import Page
from app.ingest.page_kind import not_article_reason
from app.ingest.segment import dedupe
from app.text.normalize import collapse


def extract_html(html: str, *, url: str | None = None, force: bool = False) -> Extracted:
    """Main text and metadata of an HTML page; boilerplate removed; non-articles refused unless forced."""
    xml = trafilatura.extract(
        prepared_html(html),
        url=url,
        output_format="xml",
        include_formatting=False,  # its formatting tags drop the spaces around inline elements
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,  # its process-wide cache drops pages it has seen a few times
        prune_xpath=[CAPTION_XPATH],
    )
    if not xml:
        raise InvalidInput("No article text found in the HTML", code="no_article")
    root = etree.fromstring(xml.encode())
    page = Page(html)
    site_names = [n for n in (root.get("sitename"), root.get("hostname")) if n]
    site_names += page.meta("og:site_name", "application-name")
    title = page_title(page, collapse(root.get("title") or "") or None, site_names)
    title = collapse(title) if title else None
    main = root.find("main")
    blocks = drop_boilerplate(xml_blocks(main, title)) if main is not None else []
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"]
    if not paragraphs:
        raise InvalidInput("No article text found in the HTML", code="no_article")
    reason = None if force else not_article_reason(page, paragraphs, url)
    if reason:
        raise InvalidInput(
            f"This page is not an article ({reason}); send force: true to ingest it anyway",
            code="not_an_article",
            reason=reason,
        )
    return Extracted(
        title=title,
        author=page_authors(page, collapse(root.get("author") or "") or None, site_names),
        published_at=page_published(page, root.get("date")),
        site_name=collapse(root.get("sitename") or "") or None,
        blocks=dedupe(blocks),
    )
