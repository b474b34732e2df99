"""Markdown of a post and a day, read back with an independent CommonMark parser."""

from datetime import date

from markdown_it import MarkdownIt

from app.exporters import markdown
from app.exporters.types import PostBlock
from testkit.htmltext import html_lines
from testkit.sample_posts import sample_post

MD = MarkdownIt("commonmark")


def test_markdown_renders_every_character_literally():
    tricky = [
        "*nicht kursiv*",
        "# keine Überschrift",
        "- keine Liste",
        "1. keine Zahl",
        "<em>kein HTML</em>",
        "[kein](http://link)",
        "a_b_c",
        "`code`",
        "&amp; bleibt",
        "> kein Zitat",
        "+ plus",
        "2022. Jahr",
        "=== kein Setext",
        "~~nicht durch~~",
    ]
    post = sample_post(blocks=[PostBlock("paragraph", t) for t in tricky])
    rendered = MD.render(markdown.render_post(post))
    assert "<em>kein" not in rendered and "<li>" not in rendered and "<code>" not in rendered
    lines = html_lines(rendered)
    for text in tricky:
        assert text in lines


def test_markdown_structure():
    out = markdown.render_post(sample_post())
    assert out.startswith("# Nach Kasachstan: „Putin’s“ Plan (The Cradle)\n")
    assert "\n## Das Netz\n" in out
    assert "Quelle: <https://thecradle.co/a?x=1&y=2>" in out
    assert "**Übersetzung" not in out and "*Ein Untertitel*" in out
    html = MD.render(out)
    assert '<a href="https://thecradle.co/a?x=1&amp;y=2">' in html
    assert "<h2>Das Netz</h2>" in html


def test_markdown_day():
    a = sample_post(id=1, title="Erster")
    b = sample_post(id=2, title="Zweiter", published_at=a.published_at.replace(hour=23, minute=59))
    out = markdown.render_day(date(2022, 1, 11), [a, b])
    html = MD.render(out)
    assert html.startswith("<h1>11. Januar 2022</h1>")
    assert html.index("Zweiter (The Cradle)") < html.index("Erster (The Cradle)")
    assert "<h3>Das Netz</h3>" in html
