"""Plain dataclasses the exporters render: a post as the blog shows it and a segment pair."""

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Literal

from app.times import as_utc

BlockKind = Literal["heading", "paragraph", "omission"]
OMISSION = "(…)"


@dataclass(frozen=True)
class PostBlock:
    """One block of a post body: a subheading, a paragraph or an omission mark "(…)"."""

    kind: BlockKind
    text: str


@dataclass
class PostView:
    """Everything a post shows, in the order the blog shows it (see app/exporters/layout.py).

    - ``title``: German title, without the outlet.
    - ``outlet``: outlet label shown in parentheses after the title ("TASS", "RT DE"); None = none.
    - ``source_url`` / ``source_label``: link to the source, optionally prefixed ("Quelle:").
    - ``original_url`` / ``original_label``: the original-language article on the same line
      ("ENGLISH: https://…") when the source is already a German edition.
    - ``headline``: the article's own headline repeated at the top of the body (RT DE, The Cradle).
    - ``subtitle``: the article's standfirst; ``byline``: author/date line ("Von Pepe ESCOBAR …").
    - ``published_at``: publication time, aware (kept in UTC; a naive value raises ValueError).
    - ``zone``: the blog's time zone (the site setting), for local dates such as WordPress's
      ``post_date``; exporters never read settings themselves. ``published_local`` uses it.
    - ``blocks``: the excerpt (headings, paragraphs, omissions), see app/publishing/excerpt.py.
    - ``read_more`` / ``read_more_url``: "Weiterlesen" + link for teasers (url defaults to source).
    - ``full_original_line`` / ``full_original_url``: closing line pointing to the full original
      ("Das vollständige Interview hier:"), the url on its own line after it; either may be None.
    - ``credit``: credit line ("Übersetzung Linke Zeitung"), shown before the body.
    - ``categories`` / ``tags``: WordPress term names; ``slug``: our own slug; ``status``:
      draft → ready → published; ``document_id``: the Werkbank document the post belongs to.
    """

    id: int
    title: str
    outlet: str | None
    source_url: str | None
    source_label: str | None
    original_url: str | None
    original_label: str | None
    subtitle: str | None
    byline: str | None
    published_at: datetime
    blocks: list[PostBlock]
    read_more: bool
    read_more_url: str | None
    full_original_line: str | None
    credit: str | None
    categories: list[str]
    tags: list[str]
    slug: str
    status: str
    document_id: int | None = None
    headline: str | None = None
    full_original_url: str | None = None
    zone: tzinfo = UTC

    def __post_init__(self) -> None:
        self.published_at = as_utc(self.published_at)

    @property
    def published_local(self) -> datetime:
        """Publication time as wall-clock time in the blog's zone."""
        return self.published_at.astimezone(self.zone)


@dataclass
class SegmentPair:
    """An approved (or not) source/target pair of one segment, for TMX/XLIFF/CSV/JSONL."""

    document_id: int
    position: int
    source_lang: str
    target_lang: str
    source: str
    machine_draft: str | None
    target: str
    status: str
    editor: str | None
    updated_at: datetime

    def __post_init__(self) -> None:
        self.updated_at = as_utc(self.updated_at)

    @property
    def unit_id(self) -> str:
        """Stable id of the pair across exports: ``document-id/segment-position``."""
        return f"{self.document_id}/{self.position}"
