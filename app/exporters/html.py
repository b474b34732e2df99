"""HTML: the post fragment WordPress receives (<p>, <h2>, <a>) and a daily archive page."""

from datetime import date
from html import escape

from app.exporters.layout import Break, Line, Link, prepare
from app.exporters.types import PostView
from app.text.typography import format_day

_WRAP = {
    "heading": ("<h2>", "</h2>"),
    "headline": ("<p><strong>", "</strong></p>"),
    "subtitle": ("<p><em>", "</em></p>"),
}


def _inline(line: Line) -> str:
    out = []
    for part in line.parts:
        if isinstance(part, Link):
            out.append(f'<a href="{escape(part.url)}">{escape(part.text, quote=False)}</a>')
        elif isinstance(part, Break):
            out.append("<br>\n")
        else:
            out.append(escape(part, quote=False))
    return "".join(out)


def fragment(lines: list[Line]) -> str:
    """Body lines as HTML blocks, one per line of output."""
    blocks = []
    for line in lines:
        start, end = _WRAP.get(line.role, ("<p>", "</p>"))
        blocks.append(f"{start}{_inline(line)}{end}")
    return "\n".join(blocks) + "\n"


def render_post(post: PostView) -> str:
    """The post content as published (the title goes into WordPress's title field)."""
    _, lines = prepare(post)
    return fragment(lines)


def render_title(post: PostView) -> str:
    """The post title as published: "German title (Outlet)" with German typography."""
    title, _ = prepare(post)
    return title


def title_html(post: PostView) -> str:
    """The display title as escaped HTML text, for fields WordPress renders as HTML (title)."""
    return escape(render_title(post), quote=False)


def text_html(value: str | None) -> str:
    """Plain text (a subtitle, a label) as escaped HTML text; None is empty."""
    return escape(value or "", quote=False)


def _article(heading: str, post: PostView) -> str:
    title, lines = prepare(post)
    stamp = escape(post.published_at.isoformat())
    return (
        f'<article id="post-{post.id}">\n<header>\n'
        f'<p class="date"><time datetime="{stamp}">{escape(heading)}</time></p>\n'
        f"<h2>{escape(title, quote=False)}</h2>\n</header>\n{fragment(lines)}</article>\n"
    )


def render_day(day: date, posts: list[PostView]) -> str:
    """A complete HTML document: the day heading and its posts, newest first."""
    heading = escape(format_day(day))
    ordered = sorted(posts, key=lambda p: p.published_at, reverse=True)
    articles = "".join(_article(heading, post) for post in ordered)
    return (
        '<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{heading}</title>\n</head>\n<body>\n<h1>{heading}</h1>\n"
        f"{articles}</body>\n</html>\n"
    )
