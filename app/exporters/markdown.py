"""Markdown (CommonMark) of a post and of a day; every text character is escaped."""

import re
from datetime import date

from app.exporters.layout import Break, Line, Link, prepare
from app.exporters.types import PostView
from app.text.typography import format_day

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+&~])")
_LINE_START = re.compile(r"^(\s*)([-=>]|\d+[.)])", re.MULTILINE)


def escape_md(text: str) -> str:
    """Backslash-escape Markdown syntax so text always renders as itself."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + re.sub(r"([-=>.)])", r"\\\1", m.group(2)), text)


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
