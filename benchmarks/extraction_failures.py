"""The tuning part's failures, page by page: what rules may be written from (the scoring part is never read).

    python -m benchmarks.extraction --tuning-failures

Lists, for tuning pages only: articles refused (with the rule's reason), non-articles accepted,
pages whose body F1 is under the goal (with leaked blocks and lost expected paragraphs), wrong
titles, authors and dates, and glued words. Scoring pages are not extracted at all, so their
failures cannot be seen while rules are written.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.errors import InvalidInput
from app.ingest.extract import Extracted, extract_html
from benchmarks.extraction_corpus import Page
from benchmarks.extraction_score import (
    glued_words,
    leaked_lines,
    prf,
    same_authors,
    same_date,
    same_title,
    shingles,
)

F1_GOAL = 0.97


def lost_paragraphs(found: str, expected: str) -> list[str]:
    """Expected paragraphs of which less than half the shingles were found: text the extraction lost."""
    got = shingles(found)
    lost = []
    for paragraph in expected.split("\n\n"):
        own = shingles(paragraph)
        if own and sum((own & got).values()) / sum(own.values()) < 0.5:
            lost.append(paragraph)
    return lost


def _article_failures(page: Page, extracted: Extracted) -> Iterator[str]:
    body = [b.text for b in extracted.blocks if b.kind != "title"]
    text = "\n\n".join(body)
    expected = page.expected or ""
    p, r, f1 = prf(text, expected)
    if f1 < F1_GOAL:
        yield f"F1 {f1:.3f} (P {p:.3f} R {r:.3f})"
        yield from (f"  leaked: {line[:120]!r}" for line in leaked_lines(body, expected))
        yield from (f"  lost: {line[:120]!r}" for line in lost_paragraphs(text, expected))
    if not same_title(extracted.title, page.title or ""):
        yield f"title {extracted.title!r}, expected {page.title!r}"
    if page.authors and not same_authors(extracted.author, page.authors):
        yield f"authors {extracted.author!r}, expected {page.authors!r}"
    if page.date and not same_date(extracted.published_at, page.date):
        yield f"date {extracted.published_at}, expected {page.date}"
    yield from (f"glued {w!r}" for w in glued_words(text, expected))


def page_failures(page: Page) -> list[str]:
    """What went wrong on one page (empty: nothing)."""
    try:
        extracted = extract_html(page.html)
    except InvalidInput as exc:
        if page.is_article:
            return [f"REFUSED article: {exc.code} {exc.extra.get('reason', '')}"]
        return []
    if not page.is_article:
        return [f"ACCEPTED {page.kind} page: title {extracted.title!r}, {len(extracted.blocks)} blocks"]
    if page.expected is None:
        return []  # a story page without expected text: only a refusal would be a failure
    return list(_article_failures(page, extracted))


def print_tuning_failures(pages: list[Page]) -> int:
    """Print the tuning part's failures; the number of failing pages."""
    failing = 0
    tuning = [p for p in pages if p.split == "tune"]
    for page in tuning:
        failures = page_failures(page)
        if failures:
            failing += 1
            print(f"{page.name} [{page.kind}, {page.lang}]")
            print("\n".join(f"  {line}" for line in failures))
    print(f"\n{failing} of {len(tuning)} tuning pages with a failure")
    return failing
