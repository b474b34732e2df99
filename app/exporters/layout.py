"""The blog's post shape shared by every exporter: display title, line order and typography."""

import re
from dataclasses import dataclass, replace

from app.exporters.types import PostBlock, PostView
from app.text.typography import Change, normalize

READ_MORE = "Weiterlesen"
_SPACES = re.compile(r"[ \t\r\n]+")
_PROSE_FIELDS = (
    "title",
    "outlet",
    "source_label",
    "original_label",
    "headline",
    "subtitle",
    "byline",
    "full_original_line",
    "credit",
)


@dataclass(frozen=True)
class Link:
    """An inline link; rendered as an <a>, a Markdown link or the bare text."""

    url: str
    text: str


class Break:
    """A line break inside one line (Weiterlesen / link)."""


BREAK = Break()
Inline = str | Link | Break


@dataclass(frozen=True)
class Line:
    """One visual line/paragraph of a post body with its role (heading, paragraph, source, …)."""

    role: str
    parts: list[Inline]


@dataclass(frozen=True)
class FieldChange:
    """A typography change in one field of a post ("title", "blocks[2]", …)."""

    field: str
    change: Change


@dataclass(frozen=True)
class NormalizedPost:
    """A post with German typography applied everywhere, and what changed."""

    post: PostView
    changes: list[FieldChange]


def clean(text: str) -> str:
    """Collapse runs of ordinary whitespace (keeps no-break spaces)."""
    return _SPACES.sub(" ", text).strip()


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) and free of whitespace/brackets, else None (shown as text)."""
    if not url:
        return None
    url = url.strip()
    ok = re.match(r"https?://", url, re.IGNORECASE) and not re.search(r"[\s<>\"]", url)
    return url if ok else None


def normalize_post(post: PostView) -> NormalizedPost:
    """Apply the German typography to every prose field and block; list the changes."""
    changes: list[FieldChange] = []
    values: dict[str, object] = {}
    for name in _PROSE_FIELDS:
        value = getattr(post, name)
        if value:
            result = normalize(clean(value))
            values[name] = result.text
            changes += [FieldChange(name, c) for c in result.changes]
    blocks = []
    for i, block in enumerate(post.blocks):
        result = normalize(clean(block.text))
        blocks.append(PostBlock(block.kind, result.text))
        changes += [FieldChange(f"blocks[{i}]", c) for c in result.changes]
    return NormalizedPost(replace(post, blocks=blocks, **values), changes)


def display_title(post: PostView) -> str:
    """Title as the blog shows it: "German title (Outlet)"."""
    return f"{post.title} ({post.outlet})" if post.outlet else post.title


def _link(url: str | None) -> Inline | None:
    if not url:
        return None
    good = safe_url(url)
    return Link(good, good) if good else url.strip()


def _source_line(post: PostView) -> Line | None:
    parts: list[Inline] = []
    # A teaser points to its source through "Weiterlesen" instead of a line at the top.
    teaser = post.read_more and (post.read_more_url or post.source_url) == post.source_url
    source = None if teaser else _link(post.source_url)
    if source is not None:
        parts += [f"{post.source_label} "] if post.source_label else []
        parts.append(source)
    original = _link(post.original_url)
    if original is not None:
        label = f"{post.original_label} " if post.original_label else ""
        parts += [f" {label}" if parts else label, original]
    return Line("source", parts) if parts else None


def merged_blocks(blocks: list[PostBlock]) -> list[PostBlock]:
    """Blocks with each "(…)" that follows a paragraph appended to it, as the blog writes it."""
    merged: list[PostBlock] = []
    for block in blocks:
        if block.kind == "omission" and merged and merged[-1].kind == "paragraph":
            if not merged[-1].text.endswith(block.text):  # never "(…) (…)"
                merged[-1] = PostBlock("paragraph", f"{merged[-1].text} {block.text}")
        else:
            merged.append(PostBlock("paragraph" if block.kind == "omission" else block.kind, block.text))
    return merged


def _closing_lines(post: PostView) -> list[Line]:
    lines: list[Line] = []
    if post.read_more:
        target = safe_url(post.read_more_url or post.source_url)
        parts: list[Inline] = [READ_MORE]
        if target:
            parts = [Link(target, READ_MORE), BREAK, Link(target, target)]
        lines.append(Line("read_more", parts))
    full = _link(post.full_original_url)
    if post.full_original_line or full is not None:
        parts = [post.full_original_line] if post.full_original_line else []
        if full is not None:
            parts += [BREAK, full] if parts else [full]
        lines.append(Line("full_original", parts))
    return lines


def body_lines(post: PostView) -> list[Line]:
    """The body in the blog's order: source, credit, headline, subtitle, byline, text, links."""
    lines: list[Line] = []
    source = _source_line(post)
    if source:
        lines.append(source)
    for role in ("credit", "headline", "subtitle", "byline"):
        value = getattr(post, role)
        if value:
            lines.append(Line(role, [value]))
    lines += [Line(b.kind, [b.text]) for b in merged_blocks(post.blocks) if b.text]
    return lines + _closing_lines(post)


def prepare(post: PostView) -> tuple[str, list[Line]]:
    """Display title and body lines of the post after German typography."""
    ready = normalize_post(post).post
    return display_title(ready), body_lines(ready)
