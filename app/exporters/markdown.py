"""Markdown (CommonMark) of a post, a day and a translated document; text never becomes markup."""

import re
from datetime import date

from app.exporters.layout import Break, Line, Link, prepare
from app.exporters.types import PostView
from app.text.typography import format_day

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+&~])")
_LINE_START = re.compile(r"^(\s*)([-=>]|\d+[.)])", re.MULTILINE)
# Light escaping for source text (document export): HTML, links/images, entities, and only the
# line starts that would open a block (heading, quote, list, rule, fence); the rest stays readable.
_HTML = re.compile(r"[<\[]|&(?=#?\w+;)|\\(?=[!-/:-@\[-`{-~])")
_BLOCK_START = re.compile(
    r"^(#{1,6}(?=\s|$)|[>]|[-+*](?=\s|$)|([-*_])(?:\s*\2){2,}\s*$|=+\s*$|-+\s*$|```|~~~)"
)
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_CLOSING_HASHES = re.compile(r"(\s)(#+\s*)$")


def escape_md(text: str) -> str:
    """Backslash-escape Markdown syntax so text always renders as itself."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + re.sub(r"([-=>.)])", r"\\\1", m.group(2)), text)


def escape_text(text: str) -> str:
    """Source text as Markdown that renders as itself: no HTML, links or new blocks from it."""
    lines = []
    for line in text.splitlines() or [""]:
        line = _HTML.sub(lambda m: "\\" + m.group(0), line.strip())
        line = _BLOCK_START.sub(lambda m: "\\" + m.group(0), line, count=1)
        lines.append(_ORDERED.sub(r"\1\\\2", line, count=1))
    return "\n".join(lines)


def render_document(*, blocks: list[tuple[str, str]], outlet: str | None, source_url: str | None) -> str:
    """A translated document as Markdown: (kind, text) blocks in order; the title with outlet."""
    out: list[str] = []
    for kind, text in blocks:
        line = escape_text(text)
        if kind in ("title", "heading"):
            line = _CLOSING_HASHES.sub(r"\1\\\2", " ".join(line.splitlines()))
        if kind == "title":
            out.append(f"# {line}" + (f" ({escape_text(outlet)})" if outlet else ""))
            out += [escape_text(source_url)] if source_url else []
        else:
            out.append(f"## {line}" if kind == "heading" else line)
    return "\n\n".join(out) + "\n"


def _inline(line: Line) -> str:
    out = []
    for part in line.parts:
        if isinstance(part, Link):
            shown = f"<{part.url}>" if part.text == part.url else f"[{escape_md(part.text)}]"
            out.append(shown if part.text == part.url else f"{shown}(<{part.url}>)")
        elif isinstance(part, Break):
            out.append("\\\n")
        else:
            out.append(escape_md(part))
    return "".join(out)


def _body(lines: list[Line], level: int) -> list[str]:
    out = []
    for line in lines:
        text = _inline(line)
        if line.role == "heading":
            text = f"{'#' * level} {text}"
        elif line.role == "headline":
            text = f"**{text}**"
        elif line.role == "subtitle":
            text = f"*{text}*"
        out.append(text)
    return out


def render_post(post: PostView, *, level: int = 1) -> str:
    """Title as heading of ``level``, body below; subheadings one level deeper."""
    title, lines = prepare(post)
    parts = [f"{'#' * level} {escape_md(title)}", *_body(lines, level + 1)]
    return "\n\n".join(parts) + "\n"


def render_day(day: date, posts: list[PostView]) -> str:
    """Day heading, then its posts newest first, each as a second-level section."""
    ordered = sorted(posts, key=lambda p: p.published_at, reverse=True)
    sections = [f"# {escape_md(format_day(day))}\n"]
    sections += [render_post(post, level=2) for post in ordered]
    return "\n".join(sections)
