"""markdown.render_document: source text renders as itself, ordinary German text stays untouched."""

import lxml.html
import pytest
from markdown_it import MarkdownIt

from app.exporters.markdown import escape_text, render_document
from testkit.htmltext import html_lines

TRICKY = [
    "\\<script>alert(1)</script>",
    "1) Erstens",
    "***",
    "```",
    "~~~ python",
    "Zeile\n=====",
    "Zeile\n-",
    "![Bild](https://tracker.example/p.gif)",
    "<https://example.org>",
    "&lt;b&gt; und &#60;i&#62;",
    "#2 der Liste",
    "    eingerückt wie Code",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_renders_as_itself_in_a_paragraph(text):
    rendered = MarkdownIt("commonmark").render(
        render_document(blocks=[("paragraph", text)], outlet=None, source_url=None)
    )
    root = lxml.html.fragment_fromstring(rendered, create_parent="div")
    assert {el.tag for el in root.iter()} == {"div", "p"}
    assert html_lines(rendered) == [line.strip() for line in text.splitlines()]


def test_headings_keep_closing_hashes_and_outlet():
    md = render_document(
        blocks=[("title", "Titel #1 #"), ("heading", "C#")], outlet="RT [DE]", source_url=None
    )
    rendered = MarkdownIt("commonmark").render(md)
    assert html_lines(rendered) == ["Titel #1 # (RT [DE])", "C#"]


def test_ordinary_german_text_is_left_alone():
    text = "Am 10. Januar sagte sie: „Wir sind bereit – 3 + 4 = 7, -5 Grad, 50 % (…)“."
    assert escape_text(text) == text
