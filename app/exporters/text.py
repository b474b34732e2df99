"""Plain text of a post and of a day, exactly as a reader sees it on the blog."""

from datetime import date

from app.exporters.layout import Break, Line, Link, prepare
from app.exporters.types import PostView
from app.text.typography import format_day


def _line(line: Line) -> str:
    out = []
    for part in line.parts:
        if isinstance(part, Link):
            out.append(part.text)
        elif isinstance(part, Break):
            out.append("\n")
        else:
            out.append(part)
    return "".join(out)


def render_post(post: PostView) -> str:
    """Title line, then every body line, separated by blank lines."""
    title, lines = prepare(post)
    return "\n\n".join([title, *(_line(line) for line in lines)]) + "\n"


def render_day(day: date, posts: list[PostView]) -> str:
    """The day's posts, newest first, each under the day heading as the blog's archive shows."""
    heading = format_day(day)
    ordered = sorted(posts, key=lambda p: p.published_at, reverse=True)
    return "\n".join(f"{heading}\n\n{render_post(post)}" for post in ordered)
