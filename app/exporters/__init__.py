"""Exporters, one module per output format, and the FORMATS registry the API and CLI look up."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from app.errors import InvalidInput
from app.exporters import html, json_export, markdown, pairs_csv, text, tmx, wxr, xliff
from app.exporters.types import PostView, SegmentPair


@dataclass(frozen=True)
class Format:
    """An export format: what it renders, its media type and file extension.

    Post formats have ``render_post(post)`` and ``render_day(day, posts)``; pair formats have
    ``render_pairs(pairs)``. WXR functions also accept ``site_title=``, ``site_url=``, ``author=``.
    """

    name: str
    media_type: str
    extension: str
    render_post: Callable[..., str] | None = None
    render_day: Callable[..., str] | None = None
    render_pairs: Callable[[list[SegmentPair]], str] | None = None

    @property
    def for_posts(self) -> bool:
        return self.render_post is not None

    @property
    def for_pairs(self) -> bool:
        return self.render_pairs is not None


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", "text/html; charset=utf-8", "html", html.render_post, html.render_day),
        Format(
            "markdown",
            "text/markdown; charset=utf-8",
            "md",
            markdown.render_post,
            markdown.render_day,
        ),
        Format("text", "text/plain; charset=utf-8", "txt", text.render_post, text.render_day),
        Format("json", "application/json", "json", json_export.render_post, json_export.render_day),
        Format("wxr", "application/rss+xml; charset=utf-8", "xml", wxr.render_post, wxr.render_day),
        Format("tmx", "application/x-tmx+xml; charset=utf-8", "tmx", render_pairs=tmx.render_pairs),
        Format(
            "xliff",
            "application/x-xliff+xml; charset=utf-8",
            "xlf",
            render_pairs=xliff.render_pairs,
        ),
        Format("csv", "text/csv; charset=utf-8", "csv", render_pairs=pairs_csv.render_csv),
        Format("jsonl", "application/x-ndjson", "jsonl", render_pairs=pairs_csv.render_jsonl),
    )
}
ALIASES = {"md": "markdown", "txt": "text", "xlf": "xliff", "ndjson": "jsonl"}
POST_FORMATS = tuple(name for name, f in FORMATS.items() if f.for_posts)
PAIR_FORMATS = tuple(name for name, f in FORMATS.items() if f.for_pairs)


def get_format(name: str, *, kind: str = "post") -> Format:
    """The format called ``name`` (or an alias like "md") for posts or for pairs."""
    allowed = POST_FORMATS if kind == "post" else PAIR_FORMATS
    fmt = FORMATS.get(ALIASES.get(name.lower(), name.lower()))
    if fmt is None or fmt.name not in allowed:
        raise InvalidInput(
            f"Unknown {kind} export format {name!r}", code="unknown_format", allowed=list(allowed)
        )
    return fmt


def export_post(name: str, post: PostView) -> str:
    """Render one post in the named format."""
    return get_format(name).render_post(post)  # type: ignore[misc]


def export_day(name: str, day: date, posts: list[PostView]) -> str:
    """Render a day's posts in the named format."""
    return get_format(name).render_day(day, posts)  # type: ignore[misc]


def export_pairs(name: str, pairs: list[SegmentPair]) -> str:
    """Render segment pairs in the named format (tmx, xliff, csv, jsonl)."""
    return get_format(name, kind="pairs").render_pairs(pairs)  # type: ignore[misc]
